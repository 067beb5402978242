package io.codara.ci.internal.workflow;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an expression can read: the named contexts ({@code github} and {@code codara} are one object under two names,
 * {@code env}, {@code vars}, {@code secrets}, {@code matrix}, {@code needs}, {@code steps}, {@code inputs}, {@code job},
 * {@code runner}, {@code strategy}), the status the status functions report, and how {@code hashFiles} hashes.
 *
 * @param contexts  the context objects by name (values as {@link Values#normalize} accepts)
 * @param status    what {@code success()}, {@code failure()} and {@code cancelled()} answer
 * @param hashFiles the callback behind {@code hashFiles(...)}, or {@code null} where files cannot be hashed
 */
public record ExpressionContext(Map<String, Object> contexts, Status status, HashFiles hashFiles) {

    /** The context names an expression may use. */
    public static final List<String> NAMES = List.of("github", "codara", "env", "vars", "secrets", "matrix", "needs",
            "steps", "inputs", "job", "jobs", "runner", "strategy");

    /**
     * The state the status functions report: {@code failed} when an earlier step (or a needed job) failed,
     * {@code cancelled} when the run was cancelled.
     */
    public record Status(boolean failed, boolean cancelled) {

        public static final Status SUCCESS = new Status(false, false);
        public static final Status FAILED = new Status(true, false);
        public static final Status CANCELLED = new Status(false, true);
    }

    /** Hashes the files matching glob patterns in the workspace (an empty string when none match). */
    @FunctionalInterface
    public interface HashFiles {
        String hash(List<String> patterns);
    }

    public ExpressionContext {
        Map<String, Object> normalized = new HashMap<>();
        if (contexts != null) {
            contexts.forEach((k, v) -> normalized.put(k.toLowerCase(Locale.ROOT), Values.normalize(v)));
        }
        if (normalized.containsKey("github") && !normalized.containsKey("codara")) {
            normalized.put("codara", normalized.get("github"));
        } else if (normalized.containsKey("codara") && !normalized.containsKey("github")) {
            normalized.put("github", normalized.get("codara"));
        }
        contexts = java.util.Collections.unmodifiableMap(normalized);
        status = status != null ? status : Status.SUCCESS;
    }

    /** A context with these objects, a successful status and no {@code hashFiles}. */
    public static ExpressionContext of(Map<String, ?> contexts) {
        return new ExpressionContext(contexts == null ? Map.of() : new HashMap<>(contexts), Status.SUCCESS, null);
    }

    /** An empty context. */
    public static ExpressionContext empty() {
        return of(Map.of());
    }

    /** This context with one more (or a replaced) named object. */
    public ExpressionContext with(String name, Object value) {
        Map<String, Object> copy = new HashMap<>(contexts);
        copy.put(name.toLowerCase(Locale.ROOT), value);
        if (name.equalsIgnoreCase("github")) {
            copy.put("codara", value);
        } else if (name.equalsIgnoreCase("codara")) {
            copy.put("github", value);
        }
        return new ExpressionContext(copy, status, hashFiles);
    }

    /** This context with another status. */
    public ExpressionContext withStatus(Status newStatus) {
        return new ExpressionContext(contexts, newStatus, hashFiles);
    }

    /** This context with a {@code hashFiles} callback. */
    public ExpressionContext withHashFiles(HashFiles callback) {
        return new ExpressionContext(contexts, status, callback);
    }

    /** The named context object, or {@code null}. */
    public Object get(String name) {
        return contexts.get(name.toLowerCase(Locale.ROOT));
    }
}
