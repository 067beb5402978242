package io.codara.shell.internal.commands;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.karaf.shell.support.CommandException;

/**
 * A point in time typed in the shell: a span from now such as {@code 30d} or {@code 12h}, an ISO-8601 instant such
 * as {@code 2025-01-31T18:00:00Z}, or an ISO date (its start, UTC).
 */
final class TimeArgument {

    private static final Pattern SPAN = Pattern.compile("(\\d{1,6})([dh])");

    private TimeArgument() {
    }

    /** {@code value} as a time before now when it is a span ({@code --since 7d}). */
    static Instant past(String option, String value, Clock clock) throws CommandException {
        return parse(option, value, clock, -1);
    }

    /** {@code value} as a time after now when it is a span ({@code --expires 30d}). */
    static Instant future(String option, String value, Clock clock) throws CommandException {
        return parse(option, value, clock, 1);
    }

    private static Instant parse(String option, String value, Clock clock, int direction) throws CommandException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        Matcher span = SPAN.matcher(text);
        if (span.matches()) {
            long amount = Long.parseLong(span.group(1)) * direction;
            Duration duration = "d".equals(span.group(2)) ? Duration.ofDays(amount) : Duration.ofHours(amount);
            return clock.instant().plus(duration);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException notAnInstant) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeException notADate) {
                throw new CommandException(option + " must be a number of days or hours (30d, 12h), an ISO-8601 time "
                        + "(2025-01-31T18:00:00Z) or a date (2025-01-31), not '" + text + "'");
            }
        }
    }
}
