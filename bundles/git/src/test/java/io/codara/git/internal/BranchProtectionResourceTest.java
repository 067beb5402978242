package io.codara.git.internal;

import static io.codara.git.internal.BrowsingFixture.ALICE;
import static io.codara.git.internal.BrowsingFixture.BOB;
import static io.codara.git.internal.BrowsingFixture.request;
import static io.codara.git.internal.BrowsingFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.AuditEvent;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.security.Principal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Branch and tag protection through their REST resources, read as the JSON clients get: GitHub's request and
 * response shapes, patterns as branch names, admins only (404 to whom may not see the repository, 403 to whom may),
 * validation, audit, and the {@code protected} fields of the branch JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BranchProtectionResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "http://codara.test/api/v3/repos/alice/tools";

    private BrowsingFixture f;
    private BranchProtectionResource protection;
    private TagProtectionResource tags;
    private BranchesResource branches;

    @BeforeAll
    void fixture(@TempDir Path root) throws Exception {
        f = new BrowsingFixture(root, RepositoryBrowser.Limits.DEFAULT);
        protection = new BranchProtectionResource(f.access, f.protections, f.accounts, f.organizations);
        tags = new TagProtectionResource(f.access, f.protections);
        branches = new BranchesResource(f.access, f.browser, f.protections, f.signatures);
    }

    private static HttpServletRequest as(Principal principal) {
        HttpServletRequest request = request(principal);
        org.mockito.Mockito.when(request.getRemoteAddr()).thenReturn("10.0.0.1");
        return request;
    }

    private static Map<String, Object> body(String json) throws Exception {
        return JSON.readValue(json.replace('\'', '"'), new TypeReference<Map<String, Object>>() { });
    }

    private static JsonNode json(Object entity) {
        Object value = entity instanceof Page<?> page ? page.items() : entity instanceof Response r ? r.getEntity() : entity;
        return JSON.valueToTree(value);
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
    void aRuleIsPutReadInGitHubsShapeAndDeleted() throws Exception {
        Map<String, Object> put = body("{'required_status_checks':{'strict':true,'contexts':['ci/build'],'checks':[{'context':'lint'}]},"
                + "'enforce_admins':true,'required_pull_request_reviews':{'dismiss_stale_reviews':true,"
                + "'require_code_owner_reviews':false,'required_approving_review_count':2},"
                + "'restrictions':{'users':['bob'],'teams':[],'apps':[]},'required_linear_history':true,"
                + "'allow_force_pushes':false,'allow_deletions':null,'required_signatures':true,'block_creations':false}");
        JsonNode saved = json(protection.put("alice", "tools", "main", put, as(ALICE), uri("repos/alice/tools/branches/main/protection")));
        assertThat(saved.at("/url").asText()).isEqualTo(API + "/branches/main/protection");
        assertThat(saved.at("/required_status_checks/strict").asBoolean()).isTrue();
        assertThat(saved.at("/required_status_checks/contexts").toString()).isEqualTo("[\"ci/build\",\"lint\"]");
        assertThat(saved.at("/required_status_checks/url").asText()).isEqualTo(API + "/branches/main/protection/required_status_checks");
        assertThat(saved.at("/required_pull_request_reviews/required_approving_review_count").asInt()).isEqualTo(2);
        assertThat(saved.at("/required_pull_request_reviews/dismiss_stale_reviews").asBoolean()).isTrue();
        assertThat(saved.at("/enforce_admins/enabled").asBoolean()).isTrue();
        assertThat(saved.at("/enforce_admins/url").asText()).isEqualTo(API + "/branches/main/protection/enforce_admins");
        assertThat(saved.at("/required_signatures/enabled").asBoolean()).isTrue();
        assertThat(saved.at("/required_linear_history/enabled").asBoolean()).isTrue();
        assertThat(saved.at("/allow_force_pushes/enabled").asBoolean()).isFalse();
        assertThat(saved.at("/allow_deletions/enabled").asBoolean()).isFalse();
        assertThat(saved.at("/restrictions/users/0/login").asText()).isEqualTo("bob");
        assertThat(saved.at("/restrictions/users/0/id").asLong()).isEqualTo(3);
        assertThat(saved.at("/restrictions/teams").size()).isZero();

        JsonNode read = json(protection.get("alice", "tools", "main", as(ALICE), uri("x")));
        assertThat(read).isEqualTo(saved);
        verify(f.audit, atLeastOnce()).record(any(Connection.class),
                argThat((AuditEvent e) -> e.action().equals("repo.protection.create") && e.target().equals("alice/tools")));

        // A PUT replaces the whole rule: what it leaves out is off.
        JsonNode replaced = json(protection.put("alice", "tools", "main", body("{'required_status_checks':null,"
                + "'enforce_admins':null,'required_pull_request_reviews':null,'restrictions':null,'allow_force_pushes':true}"),
                as(ALICE), uri("x")));
        assertThat(replaced.has("required_status_checks")).isFalse();
        assertThat(replaced.has("restrictions")).isFalse();
        assertThat(replaced.at("/allow_force_pushes/enabled").asBoolean()).isTrue();
        assertThat(replaced.at("/required_signatures/enabled").asBoolean()).isFalse();
        verify(f.audit, atLeastOnce()).record(any(Connection.class),
                argThat((AuditEvent e) -> e.action().equals("repo.protection.update")));

        // required_signatures on its own, as GitHub has it.
        assertThat(json(protection.requireSignatures("alice", "tools", "main", as(ALICE), uri("x"))).at("/enabled").asBoolean()).isTrue();
        assertThat(json(protection.signatures("alice", "tools", "main", as(ALICE), uri("x"))).at("/url").asText())
                .isEqualTo(API + "/branches/main/protection/required_signatures");
        assertThat(protection.dropSignatures("alice", "tools", "main", as(ALICE), uri("x")).getStatus()).isEqualTo(204);
        assertThat(f.protections.find(f.tools.id(), "main").orElseThrow().rule().requiredSignatures()).isFalse();

        assertThat(protection.delete("alice", "tools", "main", as(ALICE), uri("x")).getStatus()).isEqualTo(204);
        assertThat(refusal(() -> protection.get("alice", "tools", "main", as(ALICE), uri("x"))).getMessage())
                .isEqualTo("Branch not protected");
        assertThat(refusal(() -> protection.delete("alice", "tools", "main", as(ALICE), uri("x"))).status()).isEqualTo(404);
    }

    @Test
    void patternsAreBranchNamesAndTheBranchJsonSaysWhatIsProtected() throws Exception {
        JsonNode saved = json(protection.put("alice", "tools", "feature/*/x", body("{'required_status_checks':{'strict':false,"
                + "'contexts':['ci']},'enforce_admins':false,'required_pull_request_reviews':null,'restrictions':null}"),
                as(ALICE), uri("x")));
        assertThat(saved.at("/url").asText()).isEqualTo(API + "/branches/feature/%2A/x/protection");

        JsonNode list = json(branches.list("alice", "tools", null, null, as(BOB), uri("repos/alice/tools/branches")));
        assertThat(list.get(0).get("name").asText()).isEqualTo("feature/deep/x");
        assertThat(list.get(0).get("protected").asBoolean()).isTrue();
        assertThat(list.get(1).get("name").asText()).isEqualTo("main");
        assertThat(list.get(1).get("protected").asBoolean()).isFalse();
        JsonNode feature = json(branches.get("alice", "tools", "feature/deep/x", as(BOB), uri("x")));
        assertThat(feature.at("/protected").asBoolean()).isTrue();
        assertThat(feature.at("/protection/enabled").asBoolean()).isTrue();
        assertThat(feature.at("/protection/required_status_checks/enforcement_level").asText()).isEqualTo("non_admins");
        assertThat(feature.at("/protection/required_status_checks/contexts/0").asText()).isEqualTo("ci");
        assertThat(json(branches.get("alice", "tools", "main", as(BOB), uri("x"))).at("/protection/enabled").asBoolean()).isFalse();

        assertThat(f.protections.effective(f.tools.id(), "feature/deep/x")).isPresent();
        protection.delete("alice", "tools", "feature/*/x", as(ALICE), uri("x"));
        assertThat(f.protections.effective(f.tools.id(), "feature/deep/x")).isEmpty();
    }

    @Test
    void onlyAdminsReadOrWriteProtection() throws Exception {
        Map<String, Object> rule = body("{'required_status_checks':null,'enforce_admins':null,'required_pull_request_reviews':null,'restrictions':null}");
        assertThat(refusal(() -> protection.put("alice", "tools", "main", rule, as(BOB), uri("x"))).status()).isEqualTo(403);
        assertThat(refusal(() -> protection.get("alice", "tools", "main", as(BOB), uri("x"))).status()).isEqualTo(403);
        assertThat(refusal(() -> protection.get("alice", "tools", "main", as(Principal.ANONYMOUS), uri("x"))).status()).isEqualTo(401);
        assertThat(refusal(() -> protection.get("alice", "secret", "main", as(BOB), uri("x"))).status()).isEqualTo(404);
        assertThat(refusal(() -> protection.put("alice", "secret", "main", rule, as(BOB), uri("x"))).status()).isEqualTo(404);
        assertThat(refusal(() -> tags.list("alice", "tools", as(BOB), uri("x"))).status()).isEqualTo(403);
        assertThat(refusal(() -> tags.list("alice", "secret", as(BOB), uri("x"))).status()).isEqualTo(404);
        assertThat(refusal(() -> protection.get("alice", "no-such", "main", as(ALICE), uri("x"))).status()).isEqualTo(404);
    }

    @Test
    void badRulesAre422WithTheField() throws Exception {
        for (String[] bad : new String[][] {
                {"main", "{'enforce_admins':'yes'}", "enforce_admins"},
                {"main", "{'required_status_checks':[]}", "required_status_checks"},
                {"main", "{'required_status_checks':{'contexts':[1]}}", "required_status_checks.contexts"},
                {"main", "{'required_pull_request_reviews':{'required_approving_review_count':7}}",
                        "required_pull_request_reviews.required_approving_review_count"},
                {"main", "{'restrictions':{'users':['nobody-here']}}", "restrictions.users"},
                {"main", "{'restrictions':{'teams':['core']}}", "restrictions.teams"},
                {"refs/heads/main", "{}", "pattern"},
                {"../main", "{}", "pattern"},
                {"a b", "{}", "pattern"},
                {"x".repeat(256), "{}", "pattern"}}) {
            ApiException e = refusal(() -> {
                try {
                    protection.put("alice", "tools", bad[0], body(bad[1]), as(ALICE), uri("x"));
                } catch (ApiException x) {
                    throw x;
                } catch (Exception x) {
                    throw new AssertionError(x);
                }
            });
            assertThat(e.status()).as(bad[1]).isEqualTo(422);
            assertThat(e.errors()).as(bad[1]).extracting(fe -> fe.field()).containsExactly(bad[2]);
        }
        assertThat(f.protections.list(f.tools.id())).isEmpty();
    }

    @Test
    void tagProtectionsAreListedCreatedAndDeleted() throws Exception {
        Response made = tags.create("alice", "tools", new TagProtectionResource.Pattern("v*"), as(ALICE), uri("x"));
        assertThat(made.getStatus()).isEqualTo(201);
        long id = json(made).get("id").asLong();
        assertThat(json(made).get("pattern").asText()).isEqualTo("v*");
        assertThat(refusal(() -> tags.create("alice", "tools", new TagProtectionResource.Pattern("v*"), as(ALICE), uri("x")))
                .status()).isEqualTo(422);
        assertThat(refusal(() -> tags.create("alice", "tools", new TagProtectionResource.Pattern(""), as(ALICE), uri("x")))
                .status()).isEqualTo(422);
        assertThat(json(tags.list("alice", "tools", as(ALICE), uri("x")))).hasSize(1);
        assertThat(tags.delete("alice", "tools", String.valueOf(id), as(ALICE), uri("x")).getStatus()).isEqualTo(204);
        assertThat(refusal(() -> tags.delete("alice", "tools", String.valueOf(id), as(ALICE), uri("x"))).status()).isEqualTo(404);
        assertThat(refusal(() -> tags.delete("alice", "tools", "abc", as(ALICE), uri("x"))).status()).isEqualTo(404);
        assertThat(json(tags.list("alice", "tools", as(ALICE), uri("x")))).isEmpty();
        verify(f.audit, atLeastOnce()).record(any(Connection.class),
                argThat((AuditEvent e) -> e.action().equals("repo.protection.tag_delete")));
    }

}
