package io.codara.ci.internal.workflow;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step of a job: a {@code run:} script or a built-in {@code uses:} action.
 *
 * @param index            0-based position in the job
 * @param id               {@code id:}, or {@code null}
 * @param name             {@code name:} (a template), or {@code null}
 * @param condition        {@code if:}
 * @param run              the script (a template), or {@code null} for a {@code uses:} step
 * @param shell            {@code shell:}, or {@code null}
 * @param workingDirectory {@code working-directory:} (a template), or {@code null}
 * @param env              {@code env:} values (templates)
 * @param uses             {@code uses:} as written, or {@code null}
 * @param action           the built-in action {@code uses:} names, or {@code null}
 * @param with             {@code with:} values (templates)
 * @param timeoutMinutes   {@code timeout-minutes:}, or {@code null}
 * @param continueOnError  {@code continue-on-error:}
 * @param line             1-based line where the step starts
 */
public record Step(int index, String id, String name, Condition condition, String run, String shell,
        String workingDirectory, Map<String, String> env, String uses, BuiltinAction action, Map<String, String> with,
        Integer timeoutMinutes, BooleanSetting continueOnError, int line) {

    public Step {
        env = OrderedMaps.copy(env);
        with = OrderedMaps.copy(with);
        condition = condition != null ? condition : Condition.SUCCESS;
        continueOnError = continueOnError != null ? continueOnError : BooleanSetting.FALSE;
    }

    /** The name shown for the step: its {@code name:}, else "Run" and the first line of its script or action. */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        if (run != null) {
            String first = run.strip().lines().findFirst().orElse("");
            return "Run " + first;
        }
        return "Run " + uses;
    }

    /** The actions that {@code uses:} may name offline, under {@code actions/} or {@code codara/}, any version. */
    public enum BuiltinAction {
        CHECKOUT("checkout"),
        UPLOAD_ARTIFACT("upload-artifact"),
        DOWNLOAD_ARTIFACT("download-artifact"),
        CACHE("cache");

        private static final Pattern USES = Pattern.compile("(?:actions|codara)/([a-z-]+)(?:@[^\\s@]+)?");

        private final String actionName;

        BuiltinAction(String actionName) {
            this.actionName = actionName;
        }

        /** The action's name without owner, such as {@code upload-artifact}. */
        public String actionName() {
            return actionName;
        }

        /** The built-in action a {@code uses:} value names, if it names one. */
        public static Optional<BuiltinAction> of(String uses) {
            Matcher m = USES.matcher(uses.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                return Optional.empty();
            }
            for (BuiltinAction action : values()) {
                if (action.actionName.equals(m.group(1))) {
                    return Optional.of(action);
                }
            }
            return Optional.empty();
        }
    }
}
