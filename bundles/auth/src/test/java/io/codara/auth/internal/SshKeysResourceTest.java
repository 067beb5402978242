package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.codara.api.audit.Actor;
import io.codara.api.auth.SshKey;
import io.codara.api.auth.SshKeys;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SshKeysResourceTest {

    private static final URI BASE = URI.create("https://codara.example/api/v3/");
    private static final Principal ALICE = new Principal("alice", false, null);
    private static final ResourceRef ALICE_USER = new ResourceRef("user", "alice");
    private static final SshKey KEY = new SshKey(7, "alice", "laptop", "ssh-ed25519 AAAAC3Nza", "ssh-ed25519", 256,
            "SHA256:abc", Instant.parse("2024-05-01T10:00:00Z"), null);

    private SshKeys keys;
    private Permissions permissions;
    private SshKeysResource resource;
    private UriInfo uri;

    @BeforeEach
    void setUp() {
        keys = mock(SshKeys.class);
        permissions = mock(Permissions.class);
        // The real require(): its mapping of decisions to 401/403/404 is part of what these tests check.
        doCallRealMethod().when(permissions).require(any(), anyString(), any());
        when(permissions.decide(any(), anyString(), any())).thenReturn(Decision.ALLOW);
        uri = mock(UriInfo.class);
        when(uri.getBaseUri()).thenReturn(BASE);
        resource = new SshKeysResource(keys, permissions);
    }

    private static HttpServletRequest request(Principal principal) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getAttribute(Principal.REQUEST_ATTRIBUTE)).thenReturn(principal);
        when(request.getRemoteAddr()).thenReturn("192.0.2.1");
        return request;
    }

    @Test
    void listsTheCallersOwnKeysInGitHubsShape() throws Exception {
        when(keys.list("alice")).thenReturn(List.of(KEY));

        Page<SshKeyJson> page = resource.list(request(ALICE), uri, null, null);

        verify(permissions).decide(ALICE, "write", ALICE_USER);
        assertThat(page.total()).isEqualTo(1);
        ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 7);
        expected.put("key", "ssh-ed25519 AAAAC3Nza");
        expected.put("url", "https://codara.example/api/v3/user/keys/7");
        expected.put("title", "laptop");
        expected.put("created_at", "2024-05-01T10:00:00Z");
        expected.put("verified", true);
        expected.put("read_only", false);
        expected.put("last_used", null);
        expected.put("fingerprint", "SHA256:abc");
        expected.put("type", "ssh-ed25519");
        expected.put("bits", 256);
        Map<String, Object> actual = json.readValue(json.writeValueAsString(page.items().get(0)),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void pagesLikeGitHub() {
        List<SshKey> three = List.of(KEY, withId(8), withId(9));
        when(keys.list("alice")).thenReturn(three);

        Page<SshKeyJson> second = resource.list(request(ALICE), uri, 2, 2);

        assertThat(second.items()).extracting(SshKeyJson::id).containsExactly(9L);
        assertThat(second.total()).isEqualTo(3);
        assertThat(resource.list(request(ALICE), uri, 5, 2).items()).isEmpty();
    }

    @Test
    void addsAKeyAsTheCallerAndAnswers201WithItsLocation() {
        when(keys.add("alice", "laptop", "ssh-ed25519 AAAAC3Nza me@host", new Actor("alice", "192.0.2.1")))
                .thenReturn(KEY);

        Response response = resource.add(new NewSshKey("laptop", "ssh-ed25519 AAAAC3Nza me@host"), request(ALICE), uri);

        verify(permissions).decide(ALICE, "write", ALICE_USER);
        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getLocation()).isEqualTo(URI.create("https://codara.example/api/v3/user/keys/7"));
        assertThat(response.getEntity()).isInstanceOfSatisfying(SshKeyJson.class,
                json -> assertThat(json.fingerprint()).isEqualTo("SHA256:abc"));
    }

    @Test
    void aMissingBodyLeavesTheValidationToTheStore() {
        when(keys.add("alice", null, null, new Actor("alice", "192.0.2.1")))
                .thenThrow(ApiException.validation(List.of()));

        assertStatus(422, () -> resource.add(null, request(ALICE), uri));
    }

    @Test
    void getsAndDeletesOnlyExistingKeys() {
        when(keys.find("alice", 7)).thenReturn(Optional.of(KEY));
        when(keys.delete("alice", 7, new Actor("alice", "192.0.2.1"))).thenReturn(true);

        assertThat(resource.get(7, request(ALICE), uri).url()).isEqualTo("https://codara.example/api/v3/user/keys/7");
        assertThat(resource.delete(7, request(ALICE)).getStatus()).isEqualTo(204);
        assertStatus(404, () -> resource.get(8, request(ALICE), uri));
        assertStatus(404, () -> resource.delete(8, request(ALICE)));
    }

    @Test
    void ownKeysNeedASignedInUser() {
        HttpServletRequest anonymous = request(null);

        assertStatus(401, () -> resource.list(anonymous, uri, null, null));
        assertStatus(401, () -> resource.add(new NewSshKey("t", "k"), anonymous, uri));
        assertStatus(401, () -> resource.get(7, anonymous, uri));
        assertStatus(401, () -> resource.delete(7, anonymous));
        verifyNoInteractions(keys);
    }

    @Test
    void ownKeysNeedTheRightToManageTheAccount() {
        // E.g. a token without the scope for keys: the permission service refuses, and nothing is read or changed.
        Principal token = new Principal("alice", false, Set.of("repo"));
        when(permissions.decide(token, "write", ALICE_USER)).thenReturn(Decision.FORBIDDEN);

        assertStatus(403, () -> resource.list(request(token), uri, null, null));
        assertStatus(403, () -> resource.add(new NewSshKey("t", "k"), request(token), uri));
        assertStatus(403, () -> resource.get(7, request(token), uri));
        assertStatus(403, () -> resource.delete(7, request(token)));
        verifyNoInteractions(keys);
    }

    @Test
    void anyoneMayListAUsersPublicKeysWithoutTitles() {
        when(keys.list("bob")).thenReturn(List.of(new SshKey(3, "bob", "secret title", "ssh-rsa AAAAB3", "ssh-rsa",
                3072, "SHA256:x", Instant.now(), Instant.now())));

        Page<PublicSshKeyJson> page = new PublicSshKeysResource(keys, permissions).listPublic("bob", request(null), null, null);

        verify(permissions).decide(Principal.ANONYMOUS, "read", new ResourceRef("user", "bob"));
        assertThat(page.items()).containsExactly(new PublicSshKeyJson(3, "ssh-rsa AAAAB3"));
        assertThat(PublicSshKeyJson.class.getRecordComponents()).extracting(c -> c.getName())
                .containsExactly("id", "key");
    }

    @Test
    void unknownOrHiddenUsersAre404() {
        when(permissions.decide(any(), anyString(), any())).thenReturn(Decision.NOT_FOUND);
        assertStatus(404, () -> new PublicSshKeysResource(keys, permissions).listPublic("ghost", request(ALICE), null, null));
        verifyNoInteractions(keys);

        when(permissions.decide(any(), anyString(), any())).thenReturn(Decision.ALLOW);
        when(keys.list("ghost")).thenThrow(ApiException.notFound());
        assertStatus(404, () -> new PublicSshKeysResource(keys, permissions).listPublic("ghost", request(ALICE), null, null));
    }

    private static SshKey withId(long id) {
        return new SshKey(id, KEY.owner(), KEY.title(), KEY.key(), KEY.type(), KEY.bits(), KEY.fingerprint(),
                KEY.createdAt(), null);
    }

    private static void assertStatus(int status, Executable call) {
        ApiException e = catchThrowableOfType(ApiException.class, call::execute);
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(status);
    }
}
