package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressAllowListTest {

    @Test
    void matchesIpv4AndIpv6Ranges() {
        AddressAllowList list = new AddressAllowList("127.0.0.0/8", "::1", "10.20.0.0/16", "fd00::/8");

        assertThat(list.allows("127.0.0.1")).isTrue();
        assertThat(list.allows("127.255.1.9")).isTrue();
        assertThat(list.allows("::1")).isTrue();
        assertThat(list.allows("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(list.allows("[::1]")).isTrue();
        assertThat(list.allows("10.20.7.8")).isTrue();
        assertThat(list.allows("fd12:3456::1")).isTrue();
        assertThat(list.allows("::ffff:127.0.0.1")).as("IPv4-mapped").isTrue();

        assertThat(list.allows("10.21.0.1")).isFalse();
        assertThat(list.allows("192.168.1.1")).isFalse();
        assertThat(list.allows("::2")).isFalse();
        assertThat(list.allows("fe80::1")).isFalse();
    }

    @Test
    void neverResolvesNamesAndRefusesJunk() {
        AddressAllowList list = new AddressAllowList("127.0.0.0/8");

        assertThat(list.allows("localhost")).isFalse();
        assertThat(list.allows("999.0.0.1")).isFalse();
        assertThat(list.allows("")).isFalse();
        assertThat(list.allows(null)).isFalse();
        assertThat(list.allows("127.0.0.1; rm -rf /")).isFalse();
    }

    @Test
    void singleAddressesAndEmptyListsWork() {
        assertThat(new AddressAllowList("192.0.2.7").allows("192.0.2.7")).isTrue();
        assertThat(new AddressAllowList("192.0.2.7").allows("192.0.2.8")).isFalse();
        assertThat(new AddressAllowList().allows("127.0.0.1")).isFalse();
        assertThat(new AddressAllowList("0.0.0.0/0").allows("203.0.113.5")).isTrue();
    }

    @Test
    void badEntriesAreRefusedWhenConfigured() {
        assertThatThrownBy(() -> new AddressAllowList("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddressAllowList("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddressAllowList("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
