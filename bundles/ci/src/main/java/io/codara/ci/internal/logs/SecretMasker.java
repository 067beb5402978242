package io.codara.ci.internal.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The values a job's logs must never show: its secrets and what its steps register with {@code ::add-mask::}. A
 * multi-line value is masked line by line, since logs are masked a line at a time. Shared by the steps of one job.
 */
public final class SecretMasker {

    /** What a masked value is replaced with, as GitHub shows it. */
    public static final String MASK = "***";

    private final Object lock = new Object();
    /** Longest first, so a value that contains another is masked whole. */
    private List<String> values = List.of();

    /** Adds a value to mask (each of its lines; blank lines are ignored, they would mask every space). */
    public void add(String value) {
        if (value == null) {
            return;
        }
        synchronized (lock) {
            List<String> next = new ArrayList<>(values);
            for (String line : value.split("\r?\n")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !next.contains(trimmed)) {
                    next.add(trimmed);
                }
            }
            next.sort(Comparator.comparingInt(String::length).reversed());
            values = List.copyOf(next);
        }
    }

    /** The text with every registered value replaced by {@link #MASK}. */
    public String mask(String text) {
        String masked = text;
        for (String value : snapshot()) {
            if (masked.contains(value)) {
                masked = masked.replace(value, MASK);
            }
        }
        return masked;
    }

    /** Whether the text contains a registered value. */
    public boolean reveals(String text) {
        for (String value : snapshot()) {
            if (text.contains(value)) {
                return true;
            }
        }
        return false;
    }

    /** The length of the longest value, 0 when there is none. */
    public int longest() {
        List<String> current = snapshot();
        return current.isEmpty() ? 0 : current.get(0).length();
    }

    /**
     * Where {@code text} may be cut without splitting a registered value: {@code cut} itself, or the start of a value
     * that spans it.
     */
    int safeCut(String text, int cut) {
        int safe = cut;
        for (String value : snapshot()) {
            int from = Math.max(0, cut - value.length() + 1);
            int at = text.indexOf(value, from);
            while (at >= 0 && at < safe) {
                if (at + value.length() > safe) {
                    safe = at;
                }
                at = text.indexOf(value, at + 1);
            }
        }
        return safe;
    }

    private List<String> snapshot() {
        synchronized (lock) {
            return values;
        }
    }
}
