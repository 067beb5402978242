package io.codara.api.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One recorded event.
 *
 * @param id sequence number, increasing
 * @param at when it happened
 * @param action what happened, {@code <noun>.<verb>} as GitHub names audit actions, e.g. {@code user.login},
 *        {@code user.failed_login}, {@code oauth_access.create}, {@code org.add_member}
 * @param actor who did it
 * @param address the actor's IP address, or {@code null}
 * @param targetType the kind of thing acted on, e.g. {@code user}, {@code organization}, {@code team},
 *        {@code token}, {@code repository}
 * @param target the thing acted on, e.g. a login, {@code org/team}, {@code owner/repo}
 * @param details further facts (never secrets), or empty
 * @param requestId the HTTP request that caused it, or {@code null}
 */
public record AuditEntry(long id, Instant at, String action, String actor, String address, String targetType,
        String target, Map<String, Object> details, String requestId) {

    public AuditEntry {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
