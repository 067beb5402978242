package io.codara.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void emptyListHasOneLastPage() {
        Page<String> page = new Page<>(List.of(), PageRequest.of(1, 30), 0);

        assertThat(page.lastPage()).isEqualTo(1);
        assertThat(page.items()).isEmpty();
    }

    @Test
    void lastPageRoundsUp() {
        assertThat(new Page<>(List.of(), PageRequest.of(1, 30), 1).lastPage()).isEqualTo(1);
        assertThat(new Page<>(List.of(), PageRequest.of(1, 30), 30).lastPage()).isEqualTo(1);
        assertThat(new Page<>(List.of(), PageRequest.of(1, 30), 31).lastPage()).isEqualTo(2);
        assertThat(new Page<>(List.of(), PageRequest.of(1, 10), 95).lastPage()).isEqualTo(10);
        assertThat(new Page<>(List.of(), PageRequest.of(1, 10), 100).lastPage()).isEqualTo(10);
    }

    @Test
    void lastPageUsesCappedPerPage() {
        Page<String> page = new Page<>(List.of(), PageRequest.of(1, 1000), 250);

        assertThat(page.lastPage()).isEqualTo(3);
    }

    @Test
    void itemsAreAnImmutableCopy() {
        List<String> source = new ArrayList<>(List.of("a", "b"));
        Page<String> page = new Page<>(source, PageRequest.of(1, 30), 2);
        source.add("c");

        assertThat(page.items()).containsExactly("a", "b");
        assertThatThrownBy(() -> page.items().add("d")).isInstanceOf(UnsupportedOperationException.class);
    }
}
