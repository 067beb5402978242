package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {

    private static final Instant NOW = Instant.parse("2025-03-10T08:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void spansCountFromNowInTheCommandsDirection() throws Exception {
        assertThat(TimeArgument.future("--expires", "30d", CLOCK)).isEqualTo(Instant.parse("2025-04-09T08:30:00Z"));
        assertThat(TimeArgument.future("--expires", "12h", CLOCK)).isEqualTo(Instant.parse("2025-03-10T20:30:00Z"));
        assertThat(TimeArgument.past("--since", "7d", CLOCK)).isEqualTo(Instant.parse("2025-03-03T08:30:00Z"));
        assertThat(TimeArgument.past("--since", " 1h ", CLOCK)).isEqualTo(Instant.parse("2025-03-10T07:30:00Z"));
    }

    @Test
    void instantsAndDatesAreAbsolute() throws Exception {
        assertThat(TimeArgument.past("--since", "2025-01-31T18:00:00Z", CLOCK))
                .isEqualTo(Instant.parse("2025-01-31T18:00:00Z"));
        assertThat(TimeArgument.future("--expires", "2025-12-31", CLOCK))
                .isEqualTo(Instant.parse("2025-12-31T00:00:00Z"));
        assertThat(TimeArgument.future("--expires", "2025-12-31T00:00:00+01:00", CLOCK))
                .isEqualTo(Instant.parse("2025-12-30T23:00:00Z"));
    }

    @Test
    void nothingGivenIsNull() throws Exception {
        assertThat(TimeArgument.future("--expires", null, CLOCK)).isNull();
        assertThat(TimeArgument.past("--since", " ", CLOCK)).isNull();
    }

    @Test
    void anythingElseIsAnErrorNamingTheOption() {
        for (String bad : new String[] {"30", "30 days", "d", "-3d", "2025-02-30", "tomorrow", "1w"}) {
            assertThatThrownBy(() -> TimeArgument.future("--expires", bad, CLOCK)).as(bad)
                    .isInstanceOf(CommandException.class).hasMessageStartingWith("--expires must be")
                    .hasMessageEndingWith("not '" + bad + "'");
        }
    }
}
