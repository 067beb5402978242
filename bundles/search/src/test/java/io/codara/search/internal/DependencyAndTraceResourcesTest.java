package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
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
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;
import io.codara.api.rest.PagedObject;
import io.codara.api.rest.PageRequest;

/** The REST answers of the dependency and stack-trace searches, over a real index. */
class DependencyAndTraceResourcesTest {

    @TempDir
    static Path temp;
    static SearchFixture fixture;
    static final Map<String, String> commits = new HashMap<>();

    @BeforeAll
    static void index() throws Exception {
        fixture = new SearchFixture(temp);
        for (String name : List.of("web", "shop", "blog")) {
            Repository r = fixture.create("acme", name, Visibility.PUBLIC);
            String commit = fixture.commit(r, Map.of("package.json", DependencySearchTest.PACKAGE_JSON,
                    "tools/report.py", Samples.PYTHON_REPORT)).name();
            commits.put(r.fullName(), commit);
            fixture.indexer.sync(r.id());
        }
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
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

    @Test
    @SuppressWarnings("unchecked")
    void listsARepositorysDependencies() {
        Map<String, Object> body = new RepositoryDependenciesResource(fixture.dependencies).list("acme", "web", null,
                request(Principal.ANONYMOUS));
        assertThat(body).containsEntry("repository", "acme/web").containsEntry("branch", "main")
                .containsEntry("commit", commits.get("acme/web")).containsEntry("total_count", 3);
        assertThat(((List<Map<String, Object>>) body.get("dependencies")).get(0)).containsEntry("ecosystem", "npm")
                .containsEntry("name", "lodash").containsEntry("requirement", "^4.17.0").containsEntry("version", null)
                .containsEntry("scope", "runtime").containsEntry("manifest", "package.json").containsEntry("line", 4);
        assertThatThrownBy(() -> new RepositoryDependenciesResource(fixture.dependencies).list("acme", "nope", null,
                request(Principal.ANONYMOUS))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersAnSpdxBillOfMaterials() {
        DependencyGraphResource resource = new DependencyGraphResource(fixture.dependencies,
                java.time.Clock.fixed(java.time.Instant.parse("2024-05-02T10:00:00Z"), java.time.ZoneOffset.UTC));
        Map<String, Object> sbom = (Map<String, Object>) resource.sbom("acme", "web", request(Principal.ANONYMOUS),
                uri("repos/acme/web/dependency-graph/sbom")).get("sbom");
        assertThat(sbom).containsEntry("spdxVersion", "SPDX-2.3").containsEntry("SPDXID", "SPDXRef-DOCUMENT")
                .containsEntry("name", "acme/web");
        List<Map<String, Object>> packages = (List<Map<String, Object>>) sbom.get("packages");
        assertThat(packages).extracting(p -> p.get("name")).containsExactly("acme/web", "npm:lodash", "npm:express",
                "npm:jest");
        assertThat(packages.get(1)).containsEntry("versionInfo", "^4.17.0").doesNotContainKey("externalRefs");
        assertThat((List<Map<String, Object>>) sbom.get("relationships")).hasSize(4)
                .extracting(r -> r.get("relationshipType")).containsExactly("DESCRIBES", "DEPENDS_ON", "DEPENDS_ON",
                        "DEPENDS_ON");
        assertThat(DependencyGraphResource.purl(new io.codara.api.search.DeclaredDependency("maven",
                "com.fasterxml.jackson.core:jackson-databind", "2.12.3", "2.12.3", null, "pom.xml", 7)))
                .isEqualTo("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.12.3");
        assertThat(DependencyGraphResource.purl(new io.codara.api.search.DeclaredDependency("npm", "@babel/core",
                null, "7.24.4", null, "package-lock.json", 0))).isEqualTo("pkg:npm/%40babel/core@7.24.4");
    }

    @Test
    @SuppressWarnings("unchecked")
    void searchesDependentsInPagesWithLinks() {
        Accounts accounts = mock(Accounts.class);
        when(accounts.find(anyString())).thenReturn(Optional.empty());
        DependencySearchResource resource = new DependencySearchResource(fixture.dependencies,
                fixture.repositoryService, accounts);
        Response response = resource.search("lodash", "npm", "<4.17.21", 1, 2, request(Principal.ANONYMOUS),
                uri("search/dependencies?q=lodash&ecosystem=npm&range=%3C4.17.21&per_page=2"));
        PagedObject paged = (PagedObject) response.getEntity();
        Map<String, Object> body = (Map<String, Object>) paged.body();
        assertThat(body).containsEntry("total_count", 3L).containsEntry("incomplete_results", false);
        List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
        assertThat(items).extracting(i -> ((Map<String, Object>) i.get("repository")).get("full_name"))
                .containsExactly("acme/blog", "acme/shop");
        assertThat(items.get(0)).containsEntry("branch", "main").containsKey("dependencies");
        assertThat(paged.request()).isEqualTo(PageRequest.of(1, 2)); // the web bundle links page 2
        assertThat(paged.lastPage()).isEqualTo(2);
        assertThatThrownBy(() -> resource.search(null, null, null, null, null, request(Principal.ANONYMOUS),
                uri("search/dependencies"))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersAStackTraceAsJsonOrPlainText() {
        StackTraceSearchResource resource = new StackTraceSearchResource(fixture.stackTraces);
        String trace = """
                Traceback (most recent call last):
                  File "/srv/tools/report.py", line 6, in parse_date
                    return datetime.datetime.strptime(value, "%Y-%m-%d").date()
                ValueError: time data 'x' does not match format '%Y-%m-%d'
                """;
        Map<String, Object> json = new HashMap<>();
        json.put("trace", trace);
        json.put("repo", "acme/shop");
        Map<String, Object> body = resource.json(json, request(Principal.ANONYMOUS), uri("search/stacktrace"));
        assertThat(body).containsEntry("total_count", 1).containsEntry("incomplete_results", false);
        assertThat((List<Map<String, Object>>) body.get("traces")).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("language", "python").containsEntry("exception", "ValueError"));
        Map<String, Object> item = ((List<Map<String, Object>>) body.get("items")).get(0);
        assertThat(item).containsEntry("repository", "acme/shop").containsEntry("path", "tools/report.py")
                .containsEntry("line", 6).containsEntry("matched_by", "path").containsEntry("revision", null)
                .containsEntry("html_url", "http://codara.test/acme/shop/blob/" + commits.get("acme/shop") + "/tools/report.py#L6");
        assertThat((List<Map<String, Object>>) item.get("excerpt")).filteredOn(l -> (Boolean) l.get("marked"))
                .singleElement().satisfies(l -> assertThat(l).containsEntry("line", 6));

        Map<String, Object> plain = resource.text(trace, request(Principal.ANONYMOUS), uri("search/stacktrace"));
        assertThat(plain).containsEntry("total_count", 3);

        assertThatThrownBy(() -> resource.json(null, request(Principal.ANONYMOUS), uri("search/stacktrace")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> resource.json(Map.of("repo", "acme/web"), request(Principal.ANONYMOUS),
                uri("search/stacktrace"))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> resource.json(Map.of("trace", 42), request(Principal.ANONYMOUS),
                uri("search/stacktrace"))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> resource.text("no trace here", request(Principal.ANONYMOUS), uri("search/stacktrace")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
    }
}
