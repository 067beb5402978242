package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;
import io.codara.api.rest.PagedObject;
import io.codara.api.rest.PageRequest;

/** The REST answers in GitHub's shape and Codara's, over a real index. */
class CodeSearchResourceTest {

    @TempDir
    static Path temp;
    static SearchFixture fixture;
    static CodeSearchResource resource;
    static String commit;

    @BeforeAll
    static void index() throws Exception {
        fixture = new SearchFixture(temp);
        Repository r = fixture.create("acme", "time", Visibility.PUBLIC);
        commit = fixture.commit(r, Samples.files()).name();
        Repository secret = fixture.create("carol", "vault", Visibility.PRIVATE);
        fixture.commit(secret, Map.of("Secret.go", "package vault\n\nfunc ListenAndServe() {}\n"));
        fixture.indexer.sync(r.id());
        fixture.indexer.sync(secret.id());
        Accounts accounts = mock(Accounts.class);
        when(accounts.find(anyString())).thenAnswer(i -> Optional.of(account(i.getArgument(0))));
        resource = new CodeSearchResource(fixture.search, fixture.repositoryService, accounts);
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    private static Account account(String login) {
        return mock(Account.class, i -> switch (i.getMethod().getName()) {
            case "id" -> 42L;
            case "login" -> login;
            case "type" -> AccountType.USER;
            default -> null;
        });
    }

    private static HttpServletRequest request(Principal principal) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getAttribute(Principal.REQUEST_ATTRIBUTE)).thenReturn(principal);
        return request;
    }

    private static UriInfo uri(String pathAndQuery) {
        URI base = URI.create("http://codara.test/api/v3/");
        UriInfo uri = mock(UriInfo.class);
        when(uri.getBaseUri()).thenReturn(base);
        when(uri.getRequestUri()).thenReturn(base.resolve(pathAndQuery));
        return uri;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Response response) {
        return (Map<String, Object>) ((PagedObject) response.getEntity()).body();
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersInGitHubsShapeWithTextMatchesWhenAsked() {
        Response response = resource.code("ListenAndServe", null, null, "application/vnd.github.text-match+json",
                request(Principal.ANONYMOUS), uri("search/code?q=ListenAndServe"));
        Map<String, Object> body = body(response);
        assertThat(body).containsEntry("total_count", 1L).containsEntry("incomplete_results", false);
        Map<String, Object> item = ((List<Map<String, Object>>) body.get("items")).get(0);
        assertThat(item).containsEntry("name", "main.go").containsEntry("path", "cmd/server/main.go")
                .containsEntry("url", "http://codara.test/api/v3/repos/acme/time/contents/cmd/server/main.go?ref=" + commit)
                .containsEntry("html_url", "http://codara.test/acme/time/blob/" + commit + "/cmd/server/main.go")
                .containsKeys("sha", "git_url", "score");
        assertThat((String) item.get("git_url")).isEqualTo("http://codara.test/api/v3/repos/acme/time/git/blobs/"
                + item.get("sha"));
        Map<String, Object> repository = (Map<String, Object>) item.get("repository");
        assertThat(repository).containsEntry("full_name", "acme/time").containsEntry("private", false);
        assertThat((Map<String, Object>) repository.get("owner")).containsEntry("login", "acme").containsEntry("id", 42L);
        Map<String, Object> text = ((List<Map<String, Object>>) item.get("text_matches")).get(0);
        assertThat(text).containsEntry("object_type", "FileContent").containsEntry("property", "content")
                .containsEntry("fragment", "\thttp.ListenAndServe(\":8080\", nil)");
        assertThat((List<Map<String, Object>>) text.get("matches")).singleElement()
                .isEqualTo(Map.of("text", "ListenAndServe", "indices", List.of(6, 20)));

        Map<String, Object> plain = body(resource.code("ListenAndServe", null, null, "application/json",
                request(Principal.ANONYMOUS), uri("search/code?q=ListenAndServe")));
        assertThat(((List<Map<String, Object>>) plain.get("items")).get(0)).doesNotContainKey("text_matches");

        // In Codara the web bundle rewrites GitHub's vendor types to application/json before matching: the header the
        // client sent is read from the servlet request.
        HttpServletRequest rewritten = request(Principal.ANONYMOUS);
        when(rewritten.getHeader("Accept")).thenReturn("application/vnd.github.v3.text-match+json");
        Map<String, Object> asSent = body(resource.code("ListenAndServe", null, null, "application/json", rewritten,
                uri("search/code?q=ListenAndServe")));
        assertThat(((List<Map<String, Object>>) asSent.get("items")).get(0)).containsKey("text_matches");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLinesEndpointAnswersLinesHighlightsAndDefinitionsAndPagesWithLinks() {
        Response response = resource.lines("parseDate", 1, 2, request(Principal.ANONYMOUS),
                uri("search/code/lines?q=parseDate&per_page=2"));
        Map<String, Object> body = body(response);
        assertThat(body).containsEntry("total_count", 7L);
        List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).containsKeys("repository", "branch", "commit", "path", "language", "lines",
                "definitions").containsEntry("commit", commit).containsEntry("branch", "main");
        Map<String, Object> firstLine = ((List<Map<String, Object>>) items.get(0).get("lines")).get(0);
        assertThat(firstLine).containsKeys("line", "text", "highlights");
        // The web bundle's PageLinks writes the Link header from these (PageLinksTest).
        assertThat(((PagedObject) response.getEntity()).request()).isEqualTo(PageRequest.of(1, 2));
        assertThat(((PagedObject) response.getEntity()).lastPage()).isEqualTo(4);
    }

    @Test
    void privateCodeIsOnlyForItsOwnerAndBadQueriesAre422() {
        assertThat(body(resource.code("ListenAndServe", null, null, null, request(new Principal("carol", false, null)),
                uri("search/code?q=ListenAndServe")))).containsEntry("total_count", 2L);
        assertThat(body(resource.code("ListenAndServe repo:carol/vault", null, null, null,
                request(new Principal("mallory", false, null)), uri("search/code")))).containsEntry("total_count", 0L);
        assertThatThrownBy(() -> resource.code("/(/", null, null, null, request(Principal.ANONYMOUS), uri("search/code")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).startsWith("Invalid regular expression");
                });
        assertThatThrownBy(() -> resource.code(null, null, null, null, request(Principal.ANONYMOUS), uri("search/code")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
    }
}
