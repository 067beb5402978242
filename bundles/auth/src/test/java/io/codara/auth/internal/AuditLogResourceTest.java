package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.AuditEntry;
import io.codara.api.audit.AuditLog;
import io.codara.api.audit.AuditQuery;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class AuditLogResourceTest {

    private static final Principal ADMIN = new Principal("admin", true, null);
    private static final Principal ALICE = new Principal("alice", false, null);
    private static final AuditEntry ENTRY = new AuditEntry(42, Instant.parse("2024-05-01T12:00:00.123Z"), "user.suspend",
            "admin", "192.0.2.7", "user", "mallory", Map.of("reason", "spam"), "req-1");

    private final AuditLog auditLog = mock(AuditLog.class);
    private final Permissions permissions = mock(Permissions.class);
    private final AuditLogResource resource = new AuditLogResource(auditLog, permissions);

    private HttpServletRequest request(Principal principal) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getAttribute(Principal.REQUEST_ATTRIBUTE)).thenReturn(principal);
        when(request.getRemoteAddr()).thenReturn("198.51.100.1");
        when(permissions.decide(any(), any(), any())).thenAnswer(inv -> {
            Principal p = inv.getArgument(0);
            return p.siteAdmin() ? Decision.ALLOW : Decision.FORBIDDEN;
        });
        // The real require() is a default method of the interface: keep it, so the decision drives the status.
        org.mockito.Mockito.doCallRealMethod().when(permissions).require(any(), any(), any());
        return request;
    }

    private AuditQuery queried() {
        ArgumentCaptor<AuditQuery> query = ArgumentCaptor.forClass(AuditQuery.class);
        verify(auditLog).query(query.capture(), any());
        return query.getValue();
    }

    @Test
    void siteAdminGetsEntriesInGitHubsShape() throws Exception {
        when(auditLog.query(any(), any())).thenReturn(new Page<>(List.of(ENTRY), new PageRequest(1, 30), 1));

        Page<AuditLogResource.Entry> page = resource.list(request(ADMIN), null, null, null, null, null, null, null);

        verify(permissions).decide(ADMIN, "admin", ResourceRef.SITE);
        assertThat(page.total()).isEqualTo(1);
        JsonNode json = new ObjectMapper().valueToTree(page.items().get(0));
        assertThat(json.get("@timestamp").asLong()).isEqualTo(ENTRY.at().toEpochMilli());
        assertThat(json.get("created_at").asText()).isEqualTo("2024-05-01T12:00:00.123Z");
        assertThat(json.get("_document_id").asText()).isEqualTo("42");
        assertThat(json.get("action").asText()).isEqualTo("user.suspend");
        assertThat(json.get("actor").asText()).isEqualTo("admin");
        assertThat(json.get("actor_ip").asText()).isEqualTo("192.0.2.7");
        assertThat(json.get("target_type").asText()).isEqualTo("user");
        assertThat(json.get("target").asText()).isEqualTo("mallory");
        assertThat(json.get("details").get("reason").asText()).isEqualTo("spam");
        assertThat(json.get("request_id").asText()).isEqualTo("req-1");
        assertThat(json.fieldNames()).toIterable().containsExactly("@timestamp", "created_at", "_document_id", "action",
                "actor", "actor_ip", "target_type", "target", "details", "request_id");
    }

    @Test
    void filtersAndPagingArePassedOn() {
        when(auditLog.query(any(), any())).thenReturn(new Page<>(List.of(), new PageRequest(2, 10), 0));

        resource.list(request(ADMIN), "alice", "user.", "bob", "2024-05-01T00:00:00Z", "2024-06-01", 2, 10);

        assertThat(queried()).isEqualTo(new AuditQuery("alice", "user.", "bob", Instant.parse("2024-05-01T00:00:00Z"),
                Instant.parse("2024-06-01T00:00:00Z")));
        verify(auditLog).query(any(), eq(new PageRequest(2, 10)));
    }

    @Test
    void blankFiltersDoNotFilterAndPagingDefaultsAsGitHubs() {
        when(auditLog.query(any(), any())).thenReturn(new Page<>(List.of(), new PageRequest(1, 30), 0));

        resource.list(request(ADMIN), "", " ", null, "", null, null, null);

        assertThat(queried()).isEqualTo(AuditQuery.ALL);
        verify(auditLog).query(any(), eq(new PageRequest(1, PageRequest.DEFAULT_PER_PAGE)));
    }

    @Test
    void offsetsAreConverted() {
        assertThat(AuditLogResource.time("since", "2024-05-01T12:00:00+02:00"))
                .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void otherUsersAreForbidden() {
        HttpServletRequest request = request(ALICE);

        assertThatThrownBy(() -> resource.list(request, null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        verifyNoInteractions(auditLog);
    }

    @Test
    void anonymousRequestsNeedAuthentication() {
        HttpServletRequest request = request(null);

        assertThatThrownBy(() -> resource.list(request, null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        verifyNoInteractions(auditLog);
    }

    @Test
    void badTimesAre422NamingTheParameter() {
        HttpServletRequest request = request(ADMIN);

        assertThatThrownBy(() -> resource.list(request, null, null, null, "yesterday", null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).startsWith("since must be an ISO-8601 time");
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("since");
                        assertThat(error.code()).isEqualTo("invalid");
                    });
                });
        assertThatThrownBy(() -> resource.list(request, null, null, null, null, "2024-13-01", null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).singleElement().extracting(error -> error.field()).isEqualTo("until");
                });
        verifyNoInteractions(auditLog);
    }

    @Test
    void untilMustBeLaterThanSince() {
        HttpServletRequest request = request(ADMIN);

        assertThatThrownBy(() -> resource.list(request, null, null, null, "2024-06-01", "2024-05-01", null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).singleElement().extracting(error -> error.field()).isEqualTo("until");
                });
        verifyNoInteractions(auditLog);
    }

    @Test
    void badPagingIs422() {
        HttpServletRequest request = request(ADMIN);

        assertThatThrownBy(() -> resource.list(request, null, null, null, null, null, 0, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        verifyNoInteractions(auditLog);
    }
}
