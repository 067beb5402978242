package io.codara.api.audit;

import java.time.Instant;

/**
 * Which entries to list; {@code null} fields do not filter.
 *
 * @param actor entries by this login
 * @param action entries with this action, or with an action starting with it when it ends with {@code .}
 *        (e.g. {@code user.})
 * @param target entries on this target
 * @param since entries at or after this time
 * @param until entries before this time
 */
public record AuditQuery(String actor, String action, String target, Instant since, Instant until) {

    /** Everything. */
    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null);
}
