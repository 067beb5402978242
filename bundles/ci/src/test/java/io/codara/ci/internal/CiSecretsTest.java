package io.codara.ci.internal;

import static io.codara.ci.internal.CiFixture.ALICE;
import static io.codara.ci.internal.CiFixture.BOB;
import static io.codara.ci.internal.CiFixture.CAROL;
import static io.codara.ci.internal.CiFixture.DAVE;
import static io.codara.ci.internal.CiFixture.request;
import static io.codara.ci.internal.CiFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.ci.CiEnvironment;
import io.codara.api.ci.SecretScope;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Principal;
import io.codara.api.rest.PagedObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets and variables on a real PostgreSQL: encryption at rest, names, REST shapes, permissions, inheritance. */
class CiSecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor ALICE_ACTOR = new Actor("alice", null);
    private static final String PLAINTEXT = "ghp_TheVerySecretValue-1234567890";

    @TempDir
    Path root;

    private CiFixture f;
    private SecretScope tools;
    private RepositorySecretsResource repoSecrets;
    private OrganizationSecretsResource orgSecrets;
    private RepositoryVariablesResource repoVariables;
    private OrganizationVariablesResource orgVariables;

    @BeforeEach
    void fixture() throws Exception {
        f = new CiFixture(root);
        tools = SecretScope.repository(f.tools.id());
        ActionsSettings settings = new ActionsSettings(f.secrets);
        repoSecrets = new RepositorySecretsResource(f.access, settings);
        orgSecrets = new OrganizationSecretsResource(f.access, settings);
        repoVariables = new RepositoryVariablesResource(f.access, settings);
        orgVariables = new OrganizationVariablesResource(f.access, settings);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static JsonNode json(Object entity) {
        Object value = entity instanceof Response r ? r.getEntity() : entity;
        return JSON.valueToTree(value instanceof PagedObject paged ? paged.body() : value);
    }

    private static ApiException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void namesFollowGitHubsRules() {
        assertThat(SecretNames.valid("Secret", "deploy_key")).isEqualTo("DEPLOY_KEY");
        assertThat(SecretNames.valid("Secret", "_X1")).isEqualTo("_X1");
        for (String bad : List.of("", "1ABC", "GITHUB_TOKEN", "github_x", "CODARA_TOKEN", "A-B", "HAS SPACE", "ÄPFEL",
                "A".repeat(256))) {
            ApiException e = refusal(() -> f.secrets.putSecret(tools, bad, "v", ALICE_ACTOR));
            assertThat(e.status()).as(bad).isEqualTo(422);
            assertThat(e.errors()).as(bad).extracting(x -> x.field()).containsExactly("name");
        }
        assertThat(refusal(() -> f.secrets.putSecret(tools, "NULL_VALUE", null, ALICE_ACTOR)).status()).isEqualTo(422);
        assertThat(refusal(() -> f.secrets.putSecret(tools, "EMPTY", "", ALICE_ACTOR)).status()).isEqualTo(422);
        assertThat(refusal(() -> f.secrets.putSecret(tools, "HUGE", "x".repeat(48 * 1024 + 1), ALICE_ACTOR)).status())
                .isEqualTo(422);
        assertThat(refusal(() -> f.secrets.createVariable(tools, "GITHUB_SHA", "x", ALICE_ACTOR)).status()).isEqualTo(422);
        // Names are case-insensitive.
        assertThat(f.secrets.putSecret(tools, "token", "a", ALICE_ACTOR)).isTrue();
        assertThat(f.secrets.putSecret(tools, "TOKEN", "b", ALICE_ACTOR)).isFalse();
        assertThat(f.secrets.secret(tools, "Token")).isPresent();
        assertThat(f.secrets.environment(f.tools.id()).secrets()).containsExactly(Map.entry("TOKEN", "b"));
    }

    @Test
    void secretsAreEncryptedAtRestAndTamperingIsDetected() throws Exception {
        f.secrets.putSecret(tools, "DEPLOY_TOKEN", PLAINTEXT, ALICE_ACTOR);
        byte[] stored = (byte[]) f.database.query("SELECT ciphertext FROM ci.secrets WHERE name = 'DEPLOY_TOKEN'");
        byte[] nonce = (byte[]) f.database.query("SELECT nonce FROM ci.secrets WHERE name = 'DEPLOY_TOKEN'");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(PLAINTEXT).doesNotContain("TheVerySecret");
        assertThat(stored.length).isEqualTo(PLAINTEXT.length() + 16); // GCM: same length plus a 128-bit tag
        assertThat(nonce).hasSize(12);
        assertThat(f.secrets.environment(f.tools.id()).secrets()).containsEntry("DEPLOY_TOKEN", PLAINTEXT);

        // The same value twice gets a fresh nonce, so a different ciphertext.
        f.secrets.putSecret(tools, "DEPLOY_TOKEN", PLAINTEXT, ALICE_ACTOR);
        assertThat((byte[]) f.database.query("SELECT ciphertext FROM ci.secrets WHERE name = 'DEPLOY_TOKEN'"))
                .isNotEqualTo(stored);

        // The key: 32 random bytes, readable by the owner only.
        Path key = root.resolve("codara/ci/secrets.key");
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(java.util.Base64.getDecoder().decode(Files.readString(key).trim())).hasSize(32);
        // Another instance (a restart, another node) reads the same key and the same secrets.
        PostgresCiSecrets restarted = new PostgresCiSecrets(new CiSchema(), f.database, new SecretCipher(key),
                f.repositories, f.accounts, f.audit);
        assertThat(restarted.environment(f.tools.id()).secrets()).containsEntry("DEPLOY_TOKEN", PLAINTEXT);

        // A ciphertext moved to another repository does not decrypt there (the owner is in the additional data).
        f.database.execute("INSERT INTO ci.secrets (scope, owner_id, name, nonce, ciphertext) SELECT scope, "
                + f.hidden.id() + ", name, nonce, ciphertext FROM ci.secrets WHERE owner_id = " + f.tools.id());
        assertThatThrownBy(() -> f.secrets.environment(f.hidden.id())).isInstanceOf(SecurityException.class)
                .hasMessageContaining("could not be decrypted");
        f.database.execute("DELETE FROM ci.secrets WHERE owner_id = " + f.hidden.id());

        // Flipping one bit of the ciphertext fails the tag.
        f.database.execute("UPDATE ci.secrets SET ciphertext = set_byte(ciphertext, 3, get_byte(ciphertext, 3) # 1)");
        assertThatThrownBy(() -> f.secrets.environment(f.tools.id())).isInstanceOf(SecurityException.class)
                .hasMessageNotContaining(PLAINTEXT);

        // A different key decrypts nothing.
        f.secrets.putSecret(tools, "DEPLOY_TOKEN", PLAINTEXT, ALICE_ACTOR);
        PostgresCiSecrets otherKey = new PostgresCiSecrets(new CiSchema(), f.database,
                new SecretCipher(root.resolve("other/secrets.key")), f.repositories, f.accounts, f.audit);
        assertThatThrownBy(() -> otherKey.environment(f.tools.id())).isInstanceOf(SecurityException.class);

        // The audit log names the secret, never its value.
        verify(f.audit, atLeastOnce()).record(any(Connection.class), argThat((AuditEvent e) ->
                e.action().equals("ci.secret.create") && e.target().equals("alice/tools")
                        && e.details().equals(Map.of("name", "DEPLOY_TOKEN"))));
        assertThat(new CiEnvironment(Map.of("A", PLAINTEXT), Map.of()).toString()).doesNotContain(PLAINTEXT);
    }

    @Test
    void secretsOverRestAreWrittenButNeverRead() {
        Response created = repoSecrets.put("alice", "tools", "deploy_token", body("value", PLAINTEXT), request(ALICE));
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(repoSecrets.put("alice", "tools", "DEPLOY_TOKEN", body("value", "v2"), request(ALICE)).getStatus())
                .isEqualTo(204);
        repoSecrets.put("alice", "tools", "API_KEY", body("value", "k"), request(ALICE));

        JsonNode list = json(repoSecrets.list("alice", "tools", null, null, request(ALICE), uri("x")));
        assertThat(list.at("/total_count").asInt()).isEqualTo(2);
        assertThat(list.at("/secrets/0/name").asText()).isEqualTo("API_KEY");
        assertThat(list.at("/secrets/1/name").asText()).isEqualTo("DEPLOY_TOKEN");
        assertThat(list.at("/secrets/1/created_at").asText()).endsWith("Z");
        assertThat(list.toString()).doesNotContain("v2").doesNotContain("value");
        JsonNode one = json(repoSecrets.get("alice", "tools", "deploy_token", request(ALICE)));
        assertThat(one.fieldNames()).toIterable().containsExactly("name", "created_at", "updated_at");

        ApiException sealed = refusal(() -> repoSecrets.put("alice", "tools", "X", body("encrypted_value", "abc", "key_id", "1"),
                request(ALICE)));
        assertThat(sealed.status()).isEqualTo(422);
        assertThat(sealed.getMessage()).contains("encrypted_value").contains("\"value\"").contains("libsodium");
        assertThat(refusal(() -> repoSecrets.publicKey("alice", "tools", request(ALICE))).getMessage())
                .contains("no public key");

        Response paged = repoSecrets.list("alice", "tools", 1, 1, request(ALICE), uri("repos/alice/tools/actions/secrets?per_page=1"));
        assertThat(json(paged).at("/secrets").size()).isEqualTo(1);
        assertThat(((PagedObject) paged.getEntity()).lastPage()).as("the web bundle links page 2").isEqualTo(2);

        assertThat(repoSecrets.delete("alice", "tools", "API_KEY", request(ALICE)).getStatus()).isEqualTo(204);
        assertThat(refusal(() -> repoSecrets.delete("alice", "tools", "API_KEY", request(ALICE))).status()).isEqualTo(404);
        assertThat(refusal(() -> repoSecrets.get("alice", "tools", "API_KEY", request(ALICE))).status()).isEqualTo(404);
        assertThat(refusal(() -> repoSecrets.get("alice", "tools", "not a name", request(ALICE))).status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsManageRepositorySecretsAndOnlyOwnersOrganisationOnes() {
        f.secrets.putSecret(tools, "TOKEN", "t", ALICE_ACTOR);
        // A private repository is a 404 to outsiders, a public one a 403 to those below admin.
        assertThat(refusal(() -> repoSecrets.list("alice", "hidden", null, null, request(BOB), uri("x"))).status()).isEqualTo(404);
        assertThat(refusal(() -> repoSecrets.put("alice", "hidden", "X", body("value", "v"), request(BOB))).status()).isEqualTo(404);
        assertThat(refusal(() -> repoSecrets.list("alice", "hidden", null, null, request(CAROL), uri("x"))).status()).isEqualTo(403);
        assertThat(refusal(() -> repoSecrets.list("alice", "tools", null, null, request(DAVE), uri("x"))).status()).isEqualTo(403);
        assertThat(refusal(() -> repoSecrets.put("alice", "tools", "TOKEN", body("value", "stolen"), request(DAVE))).status())
                .isEqualTo(403);
        assertThat(refusal(() -> repoSecrets.list("alice", "tools", null, null, request(Principal.ANONYMOUS), uri("x"))).status())
                .isEqualTo(401);
        assertThat(refusal(() -> repoVariables.list("alice", "tools", null, null, request(CAROL), uri("x"))).status())
                .isEqualTo(403);
        assertThat(f.secrets.environment(f.tools.id()).secrets()).containsEntry("TOKEN", "t");

        // Organisations: owners only; members get a 403, unknown organisations a 404.
        assertThat(orgSecrets.put("acme", "ORG_TOKEN", body("value", "o", "visibility", "all"), request(DAVE)).getStatus())
                .isEqualTo(201);
        assertThat(refusal(() -> orgSecrets.list("acme", null, null, request(BOB), uri("x"))).status()).isEqualTo(403);
        assertThat(refusal(() -> orgSecrets.put("acme", "X", body("value", "v"), request(ALICE))).status()).isEqualTo(403);
        assertThat(refusal(() -> orgSecrets.list("nobody", null, null, request(DAVE), uri("x"))).status()).isEqualTo(404);
        assertThat(refusal(() -> orgSecrets.list("alice", null, null, request(ALICE), uri("x"))).status()).isEqualTo(404);
        assertThat(refusal(() -> orgSecrets.put("acme", "X", body("value", "v", "visibility", "selected"), request(DAVE)))
                .status()).isEqualTo(422);
        JsonNode list = json(orgSecrets.list("acme", null, null, request(DAVE), uri("x")));
        assertThat(list.at("/secrets/0/name").asText()).isEqualTo("ORG_TOKEN");
        assertThat(list.at("/secrets/0/visibility").asText()).isEqualTo("all");
        assertThat(list.toString()).doesNotContain("\"o\"");
    }

    @Test
    void variablesAreManagedInGitHubsShapes() {
        Response created = repoVariables.create("alice", "tools", body("name", "node_version", "value", "20"), request(ALICE),
                uri("repos/alice/tools/actions/variables"));
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.getLocation().toString()).endsWith("/actions/variables/NODE_VERSION");
        assertThat(refusal(() -> repoVariables.create("alice", "tools", body("name", "NODE_VERSION", "value", "22"),
                request(ALICE), uri("x"))).status()).isEqualTo(409);
        assertThat(refusal(() -> repoVariables.create("alice", "tools", body("name", "OTHER"), request(ALICE), uri("x")))
                .status()).isEqualTo(422);
        JsonNode one = json(repoVariables.get("alice", "tools", "NODE_VERSION", request(ALICE)));
        assertThat(one.at("/name").asText()).isEqualTo("NODE_VERSION");
        assertThat(one.at("/value").asText()).isEqualTo("20");

        assertThat(repoVariables.update("alice", "tools", "NODE_VERSION", body("value", "22"), request(ALICE)).getStatus())
                .isEqualTo(204);
        assertThat(repoVariables.update("alice", "tools", "NODE_VERSION", body("name", "NODE"), request(ALICE)).getStatus())
                .isEqualTo(204);
        repoVariables.create("alice", "tools", body("name", "TAKEN", "value", "x"), request(ALICE), uri("x"));
        assertThat(refusal(() -> repoVariables.update("alice", "tools", "NODE", body("name", "TAKEN"), request(ALICE)))
                .status()).isEqualTo(409);
        assertThat(refusal(() -> repoVariables.update("alice", "tools", "MISSING", body("value", "1"), request(ALICE)))
                .status()).isEqualTo(404);
        JsonNode list = json(repoVariables.list("alice", "tools", null, null, request(ALICE), uri("x")));
        assertThat(list.at("/total_count").asInt()).isEqualTo(2);
        assertThat(list.at("/variables/0/name").asText()).isEqualTo("NODE");
        assertThat(list.at("/variables/0/value").asText()).isEqualTo("22");
        assertThat(repoVariables.delete("alice", "tools", "NODE", request(ALICE)).getStatus()).isEqualTo(204);
        assertThat(refusal(() -> repoVariables.get("alice", "tools", "NODE", request(ALICE))).status()).isEqualTo(404);

        assertThat(orgVariables.create("acme", body("name", "REGION", "value", "eu", "visibility", "all"), request(DAVE),
                uri("orgs/acme/actions/variables")).getStatus()).isEqualTo(201);
        assertThat(json(orgVariables.get("acme", "REGION", request(DAVE))).at("/visibility").asText()).isEqualTo("all");
        assertThat(refusal(() -> orgVariables.get("acme", "REGION", request(BOB))).status()).isEqualTo(403);
    }

    @Test
    void aRepositorySeesItsOrganisationsSettingsUnderItsOwn() {
        SecretScope acme = SecretScope.organization(f.acme.id());
        SecretScope widgets = SecretScope.repository(f.widgets.id());
        f.secrets.putSecret(acme, "SHARED", "from-org", ALICE_ACTOR);
        f.secrets.putSecret(acme, "ORG_ONLY", "org", ALICE_ACTOR);
        f.secrets.putSecret(widgets, "SHARED", "from-repo", ALICE_ACTOR);
        f.secrets.createVariable(acme, "REGION", "eu", ALICE_ACTOR);
        f.secrets.createVariable(acme, "SIZE", "large", ALICE_ACTOR);
        f.secrets.createVariable(widgets, "SIZE", "small", ALICE_ACTOR);
        CiEnvironment environment = f.secrets.environment(f.widgets.id());
        assertThat(environment.secrets()).isEqualTo(Map.of("SHARED", "from-repo", "ORG_ONLY", "org"));
        assertThat(environment.variables()).isEqualTo(Map.of("REGION", "eu", "SIZE", "small"));
        // A user's repository sees no organisation's settings, and another repository none of these.
        assertThat(f.secrets.environment(f.tools.id())).isEqualTo(new CiEnvironment(Map.of(), Map.of()));
        assertThat(f.secrets.secrets(widgets, PageRequest.of(1, 30)).total()).isEqualTo(1);
    }
}
