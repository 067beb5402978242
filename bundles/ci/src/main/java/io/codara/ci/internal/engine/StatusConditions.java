package io.codara.ci.internal.engine;

import java.util.Locale;

/**
 * Evaluates the {@code if} of jobs and steps made of the status functions {@code success()}, {@code failure()},
 * {@code always()} and {@code cancelled()}, each optionally negated with {@code !}, inside {@code ${{ }}} or not; an
 * empty condition is {@code success()}. Anything else is rejected with a message naming what is supported.
 */
final class StatusConditions {

    private StatusConditions() {
    }

    /**
     * Whether {@code condition} holds.
     *
     * @param failed whether something before failed (a need of a job, an earlier step of a job)
     * @param cancelled whether the run or job was cancelled
     * @throws IllegalArgumentException for a condition that is not one of the status functions
     */
    static boolean test(String condition, boolean failed, boolean cancelled) {
        String expression = condition == null ? "" : condition.strip();
        if (expression.startsWith("${{") && expression.endsWith("}}")) {
            expression = expression.substring(3, expression.length() - 2).strip();
        }
        if (expression.isEmpty()) {
            return !failed && !cancelled;
        }
        boolean negated = false;
        while (expression.startsWith("!")) {
            negated = !negated;
            expression = expression.substring(1).strip();
        }
        boolean value = switch (expression.replace(" ", "").toLowerCase(Locale.ROOT)) {
            case "success()" -> !failed && !cancelled;
            case "failure()" -> failed;
            case "always()" -> true;
            case "cancelled()" -> cancelled;
            default -> throw new IllegalArgumentException("Unsupported if: '" + condition
                    + "': success(), failure(), always() and cancelled() are supported, optionally negated with !");
        };
        return negated != value;
    }
}
