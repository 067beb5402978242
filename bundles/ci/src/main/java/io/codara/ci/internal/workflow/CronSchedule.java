package io.codara.ci.internal.workflow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A POSIX cron expression of five fields (minute, hour, day of month, month, day of week) as {@code on.schedule}
 * takes it, evaluated in UTC: {@code *}, values, ranges {@code a-b}, steps {@code * /n} and {@code a-b/n}, lists,
 * month names ({@code JAN}) and day names ({@code MON}); day 7 is Sunday too. When both day fields are restricted, a
 * day matching either runs (as in cron).
 */
public final class CronSchedule {

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSchedule(String expression, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months,
            BitSet daysOfWeek, boolean anyDayOfMonth, boolean anyDayOfWeek) {
        this.expression = expression;
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.anyDayOfMonth = anyDayOfMonth;
        this.anyDayOfWeek = anyDayOfWeek;
    }

    /** The expression as written. */
    public String expression() {
        return expression;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronSchedule c && c.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final String[] FIELD_NAMES = {"minute", "hour", "day of month", "month", "day of week"};

    /**
     * Parses an expression.
     *
     * @throws CronException with the 1-based column of the bad field
     */
    public static CronSchedule parse(String expression) {
        String[] fields = new String[5];
        int[] columns = new int[5];
        int count = 0;
        int i = 0;
        while (i < expression.length()) {
            if (Character.isWhitespace(expression.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < expression.length() && !Character.isWhitespace(expression.charAt(i))) {
                i++;
            }
            if (count == 5) {
                throw new CronException("a cron expression has 5 fields (minute hour day-of-month month"
                        + " day-of-week), this one has more", start + 1);
            }
            columns[count] = start + 1;
            fields[count++] = expression.substring(start, i);
        }
        if (count < 5) {
            throw new CronException("a cron expression has 5 fields (minute hour day-of-month month day-of-week),"
                    + " this one has " + count, Math.max(1, expression.length()));
        }
        BitSet minutes = field(fields[0], 0, 0, 59, null, columns[0]);
        BitSet hours = field(fields[1], 1, 0, 23, null, columns[1]);
        BitSet dom = field(fields[2], 2, 1, 31, null, columns[2]);
        BitSet months = field(fields[3], 3, 1, 12, MONTHS, columns[3]);
        BitSet dow = field(fields[4], 4, 0, 7, DAYS, columns[4]);
        if (dow.get(7)) {
            dow.set(0);
            dow.clear(7);
        }
        return new CronSchedule(expression, minutes, hours, dom, months, dow, fields[2].startsWith("*"),
                fields[4].startsWith("*"));
    }

    private static BitSet field(String text, int index, int min, int max, List<String> names, int column) {
        BitSet set = new BitSet(max + 1);
        int offset = 0;
        for (String part : text.split(",", -1)) {
            int partColumn = column + offset;
            offset += part.length() + 1;
            if (part.isEmpty()) {
                throw new CronException("empty entry in the " + FIELD_NAMES[index] + " field", partColumn);
            }
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), index, 1, max - min + 1, null, partColumn + slash + 1);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max == 7 ? 6 : max;
            } else {
                int dash = range.indexOf('-', 1);
                if (dash > 0) {
                    from = number(range.substring(0, dash), index, min, max, names, partColumn);
                    to = number(range.substring(dash + 1), index, min, max, names, partColumn + dash + 1);
                    if (to < from) {
                        throw new CronException("range " + range + " of the " + FIELD_NAMES[index]
                                + " field runs backwards", partColumn);
                    }
                } else {
                    from = number(range, index, min, max, names, partColumn);
                    to = slash >= 0 ? (max == 7 ? 6 : max) : from;
                }
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String text, int index, int min, int max, List<String> names, int column) {
        if (names != null) {
            int named = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (named >= 0) {
                return named + min;
            }
        }
        if (!text.matches("\\d{1,2}")) {
            throw new CronException("'" + text + "' is no valid " + FIELD_NAMES[index] + " (" + min + "-"
                    + (max == 7 ? 6 : max) + (names != null ? " or a name such as " + names.get(0) : "") + ")",
                    column);
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new CronException(FIELD_NAMES[index] + " " + value + " is out of range " + min + "-"
                    + (max == 7 ? 6 : max), column);
        }
        return value;
    }

    /** Whether the schedule fires at this minute (seconds ignored). */
    public boolean matches(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return minutes.get(t.getMinute()) && hours.get(t.getHour()) && dayMatches(t.toLocalDate());
    }

    private boolean dayMatches(LocalDate date) {
        if (!months.get(date.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(date.getDayOfMonth());
        boolean dow = daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dom && dow;
        }
        return dom || dow;
    }

    /**
     * The first minute strictly after {@code after} at which the schedule fires, in UTC; {@code null} when it never
     * fires (such as {@code 0 0 30 2 *}).
     */
    public Instant next(Instant after) {
        LocalDateTime start = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        LocalDate day = start.toLocalDate();
        // 8 years cover every combination of leap day and weekday.
        LocalDate limit = day.plusYears(8);
        boolean first = true;
        while (!day.isAfter(limit)) {
            if (dayMatches(day)) {
                int fromHour = first ? start.getHour() : 0;
                for (int h = hours.nextSetBit(fromHour); h >= 0 && h < 24; h = hours.nextSetBit(h + 1)) {
                    int fromMinute = first && h == start.getHour() ? start.getMinute() : 0;
                    int m = minutes.nextSetBit(fromMinute);
                    if (m >= 0 && m < 60) {
                        return day.atTime(h, m).toInstant(ZoneOffset.UTC);
                    }
                }
            }
            first = false;
            day = day.plusDays(1);
        }
        return null;
    }

    /** A cron expression that does not parse, with the 1-based column of the fault. */
    public static final class CronException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int column;

        public CronException(String message, int column) {
            super(message);
            this.column = column;
        }

        public int column() {
            return column;
        }
    }
}
