package io.codara.auth.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.codara.api.audit.AuditEntry;
import io.codara.api.audit.AuditLog;
import io.codara.api.audit.AuditQuery;
import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Permissions;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /audit-log}: the audit log for site administrators, in the shape of GitHub's enterprise audit log. */
@Component(service = AuditLogResource.class)
@JakartarsResource
@Path("audit-log")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditLogResource {

    private final AuditLog auditLog;
    private final Permissions permissions;

    @Activate
    public AuditLogResource(@Reference AuditLog auditLog, @Reference Permissions permissions) {
        this.auditLog = auditLog;
        this.permissions = permissions;
    }

    @GET
    public Page<Entry> list(@Context HttpServletRequest request, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("target") String target,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage) {
        permissions.require(Caller.of(request).principal(), "admin", ResourceRef.SITE);
        Instant from = time("since", since);
        Instant to = time("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid("until", "until must be later than since");
        }
        Page<AuditEntry> entries = auditLog.query(
                new AuditQuery(blankToNull(actor), blankToNull(action), blankToNull(target), from, to),
                PageRequest.of(page, perPage));
        return new Page<>(entries.items().stream().map(Entry::of).toList(), entries.request(), entries.total());
    }

    /** An ISO-8601 instant ({@code 2024-05-01T12:00:00Z}, an offset allowed) or a date (its start, UTC). */
    static Instant time(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeException notAnInstant) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeException notADate) {
                throw invalid(parameter, parameter
                        + " must be an ISO-8601 time such as 2024-05-01T12:00:00Z or a date such as 2024-05-01");
            }
        }
    }

    private static ApiException invalid(String parameter, String message) {
        return new ApiException(422, message, List.of(new ApiError.FieldError("AuditLog", parameter, "invalid", message)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * One entry as GitHub's enterprise audit log shows it.
     *
     * @param timestamp when it happened, in milliseconds since the epoch
     * @param createdAt when it happened, ISO-8601
     * @param documentId the entry's id
     * @param action what happened
     * @param actor who did it
     * @param actorIp from where, or {@code null}
     * @param targetType the kind of thing acted on, or {@code null}
     * @param target the thing acted on, or {@code null}
     * @param details further facts
     * @param requestId the HTTP request that caused it, or {@code null}
     */
    @JsonPropertyOrder({"@timestamp", "created_at", "_document_id", "action", "actor", "actor_ip", "target_type",
        "target", "details", "request_id"})
    public record Entry(@JsonProperty("@timestamp") long timestamp, @JsonProperty("created_at") String createdAt,
            @JsonProperty("_document_id") String documentId, @JsonProperty("action") String action,
            @JsonProperty("actor") String actor, @JsonProperty("actor_ip") String actorIp,
            @JsonProperty("target_type") String targetType, @JsonProperty("target") String target,
            @JsonProperty("details") Map<String, Object> details, @JsonProperty("request_id") String requestId) {

        static Entry of(AuditEntry entry) {
            return new Entry(entry.at().toEpochMilli(), entry.at().toString(), Long.toString(entry.id()), entry.action(),
                    entry.actor(), entry.address(), entry.targetType(), entry.target(), entry.details(),
                    entry.requestId());
        }
    }
}
