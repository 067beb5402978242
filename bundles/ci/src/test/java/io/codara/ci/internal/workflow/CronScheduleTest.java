package io.codara.ci.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

    private static Instant next(String cron, String after) {
        return CronSchedule.parse(cron).next(Instant.parse(after));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // expression        | after                  | next
        "* * * * *           | 2026-01-01T10:15:30Z   | 2026-01-01T10:16:00Z",
        "*/15 * * * *        | 2026-01-01T10:15:00Z   | 2026-01-01T10:30:00Z",
        "*/15 * * * *        | 2026-01-01T10:59:00Z   | 2026-01-01T11:00:00Z",
        "30 5 * * *          | 2026-01-01T05:30:00Z   | 2026-01-02T05:30:00Z",
        "30 5 * * *          | 2026-01-01T05:29:59Z   | 2026-01-01T05:30:00Z",
        "0 0 1 * *           | 2026-01-15T00:00:00Z   | 2026-02-01T00:00:00Z",
        "0 0 * * 1           | 2026-01-01T00:00:00Z   | 2026-01-05T00:00:00Z",
        "0 0 * * MON         | 2026-01-01T00:00:00Z   | 2026-01-05T00:00:00Z",
        "0 0 * * 7           | 2026-01-01T00:00:00Z   | 2026-01-04T00:00:00Z",
        "0 0 * * 0           | 2026-01-01T00:00:00Z   | 2026-01-04T00:00:00Z",
        "0 12 * * MON-FRI    | 2026-01-02T13:00:00Z   | 2026-01-05T12:00:00Z",
        "0 0 29 2 *          | 2026-03-01T00:00:00Z   | 2028-02-29T00:00:00Z",
        "0 0 1 JAN,jul *     | 2026-02-01T00:00:00Z   | 2026-07-01T00:00:00Z",
        "15,45 8-10 * * *    | 2026-01-01T10:46:00Z   | 2026-01-02T08:15:00Z",
        "0 9-17/4 * * *      | 2026-01-01T09:00:00Z   | 2026-01-01T13:00:00Z",
        "5/20 * * * *        | 2026-01-01T00:26:00Z   | 2026-01-01T00:45:00Z",
        "0 0 13 * 5          | 2026-01-01T00:00:00Z   | 2026-01-02T00:00:00Z",
        "59 23 31 12 *       | 2026-12-31T23:59:00Z   | 2027-12-31T23:59:00Z",
    })
    void nextFireTimeInUtc(String cron, String after, String expected) {
        assertThat(next(cron.strip(), after)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void bothDayFieldsRestrictedMeansEither() {
        // The 13th of the month or any Friday: 2026-01-02 is a Friday, before the 13th.
        CronSchedule cron = CronSchedule.parse("0 0 13 * FRI");
        assertThat(cron.matches(Instant.parse("2026-01-02T00:00:00Z"))).isTrue();
        assertThat(cron.matches(Instant.parse("2026-01-13T00:00:00Z"))).isTrue();
        assertThat(cron.matches(Instant.parse("2026-01-14T00:00:00Z"))).isFalse();
    }

    @Test
    void neverFiringScheduleHasNoNextTime() {
        assertThat(next("0 0 30 2 *", "2026-01-01T00:00:00Z")).isNull();
    }

    @Test
    void matchesIgnoresSeconds() {
        assertThat(CronSchedule.parse("30 5 * * *").matches(Instant.parse("2026-03-01T05:30:42Z"))).isTrue();
        assertThat(CronSchedule.parse("30 5 * * *").matches(Instant.parse("2026-03-01T05:31:00Z"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "* * * *          | 7  | has 4",
        "* * * * * *      | 11 | has more",
        "60 * * * *       | 1  | minute 60 is out of range 0-59",
        "* 24 * * *       | 3  | hour 24 is out of range",
        "* * 0 * *        | 5  | day of month 0 is out of range 1-31",
        "* * * 13 *       | 7  | month 13",
        "* * * * 8        | 9  | day of week 8",
        "* * * FOO *      | 7  | 'FOO' is no valid month",
        "* * * * MON-     | 13 | '' is no valid day of week",
        "5-1 * * * *      | 1  | runs backwards",
        "*/0 * * * *      | 3  | out of range",
        "1,,2 * * * *     | 3  | empty entry",
        "@daily           | 6  | has 1",
    })
    void errorsNameTheFieldAndColumn(String cron, int column, String message) {
        assertThatThrownBy(() -> CronSchedule.parse(cron.strip()))
                .isInstanceOfSatisfying(CronSchedule.CronException.class, e -> {
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
