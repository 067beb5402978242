package io.codara.api.audit;

import java.util.Map;

/**
 * An event to record: {@link AuditEntry} without what the log assigns.
 *
 * @param action what happened, e.g. {@code user.suspend}
 * @param actor who did it and from where
 * @param targetType the kind of thing acted on
 * @param target the thing acted on
 * @param details further facts (never secrets), or empty
 */
public record AuditEvent(String action, Actor actor, String targetType, String target, Map<String, Object> details) {

    public AuditEvent {
        if (action == null || action.isBlank() || actor == null) {
            throw new IllegalArgumentException("an audit event needs an action and an actor");
        }
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public AuditEvent(String action, Actor actor, String targetType, String target) {
        this(action, actor, targetType, target, Map.of());
    }
}
