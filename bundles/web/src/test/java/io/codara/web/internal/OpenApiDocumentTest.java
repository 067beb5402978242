package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceMethodInfoDTO;
import org.osgi.service.jakartars.runtime.dto.RuntimeDTO;

class OpenApiDocumentTest {

    private static ResourceMethodInfoDTO method(String httpMethod, String path, String[] consumes, String[] produces) {
        ResourceMethodInfoDTO dto = new ResourceMethodInfoDTO();
        dto.method = httpMethod;
        dto.path = path;
        dto.consumingMimeType = consumes;
        dto.producingMimeType = produces;
        return dto;
    }

    private static RuntimeDTO runtime() {
        ResourceDTO root = new ResourceDTO();
        root.name = "codara.root";
        root.resourceMethods = new ResourceMethodInfoDTO[] {
            method("GET", "meta", null, new String[] {"application/json"}),
        };
        ResourceDTO repos = new ResourceDTO();
        repos.resourceMethods = new ResourceMethodInfoDTO[] {
            method("GET", "repos/{owner}/{repo: [a-z]+}", new String[] {"application/json"}, new String[] {"application/json"}),
            method("POST", "repos/{owner}/{repo: [a-z]+}", new String[] {"application/json"}, null),
            method(null, "repos/{owner}/{repo}/locator", null, null),
        };
        ResourceDTO noMethods = new ResourceDTO();
        ApplicationDTO application = new ApplicationDTO();
        application.base = "/";
        application.resourceDTOs = new ResourceDTO[] {root, repos, noMethods};
        RuntimeDTO runtime = new RuntimeDTO();
        runtime.defaultApplication = application;
        return runtime;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @Test
    void documentHeader() {
        Map<String, Object> doc = OpenApiDocument.build(runtime(), "1.2.3", "http://localhost:8181/api/v3");

        assertThat(doc).containsEntry("openapi", "3.0.3");
        assertThat(map(doc.get("info"))).containsEntry("version", "1.2.3").containsEntry("title", "Codara REST API");
        assertThat(doc.get("servers")).isEqualTo(List.of(Map.of("url", "http://localhost:8181/api/v3")));
        assertThat(map(map(map(doc.get("components")).get("schemas"))).containsKey("Error"));
    }

    @Test
    void pathsDropRegexesAndSkipLocators() {
        Map<String, Object> paths = map(OpenApiDocument.build(runtime(), "1", "/").get("paths"));

        assertThat(paths).containsOnlyKeys("/meta", "/repos/{owner}/{repo}");
        assertThat(map(paths.get("/meta"))).containsOnlyKeys("get");
        assertThat(map(paths.get("/repos/{owner}/{repo}"))).containsOnlyKeys("get", "post");
    }

    @Test
    void operationsCarryIdsTagsAndPathParameters() {
        Map<String, Object> paths = map(OpenApiDocument.build(runtime(), "1", "/").get("paths"));
        Map<String, Object> meta = map(map(paths.get("/meta")).get("get"));
        Map<String, Object> getRepo = map(map(paths.get("/repos/{owner}/{repo}")).get("get"));

        assertThat(meta).containsEntry("operationId", "get-meta").containsEntry("tags", List.of("codara.root"));
        assertThat(meta).doesNotContainKeys("parameters", "requestBody");
        assertThat(getRepo).containsEntry("operationId", "get-repos-owner-repo").containsEntry("tags", List.of("codara"));
        assertThat(getRepo.get("parameters")).isEqualTo(List.of(
                Map.of("name", "owner", "in", "path", "required", true, "schema", Map.of("type", "string")),
                Map.of("name", "repo", "in", "path", "required", true, "schema", Map.of("type", "string"))));
    }

    @Test
    void onlyPostGetsARequestBody() {
        Map<String, Object> repo = map(map(OpenApiDocument.build(runtime(), "1", "/").get("paths")).get("/repos/{owner}/{repo}"));

        assertThat(map(repo.get("get"))).doesNotContainKey("requestBody");
        assertThat(map(repo.get("post")).get("requestBody")).isEqualTo(
                Map.of("content", Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
    }

    @Test
    void responsesDescribeSuccessAndErrors() {
        Map<String, Object> paths = map(OpenApiDocument.build(runtime(), "1", "/").get("paths"));
        Map<String, Object> meta = map(map(map(paths.get("/meta")).get("get")).get("responses"));
        Map<String, Object> post = map(map(map(paths.get("/repos/{owner}/{repo}")).get("post")).get("responses"));

        assertThat(meta).containsOnlyKeys("2XX", "4XX", "5XX");
        assertThat(map(meta.get("2XX"))).containsEntry("content", Map.of("application/json", Map.of()));
        assertThat(map(post.get("2XX"))).doesNotContainKey("content");
        assertThat(map(map(map(meta.get("4XX")).get("content")).get("application/json")))
                .containsEntry("schema", Map.of("$ref", "#/components/schemas/Error"));
    }

    @Test
    void namedApplicationsArePrefixedWithTheirBase() {
        ResourceDTO resource = new ResourceDTO();
        resource.resourceMethods = new ResourceMethodInfoDTO[] {method("DELETE", "/items/{id}/", new String[] {"*/*"}, null)};
        ApplicationDTO app = new ApplicationDTO();
        app.base = "plugins//notes/";
        app.resourceDTOs = new ResourceDTO[] {resource};
        RuntimeDTO runtime = new RuntimeDTO();
        runtime.applicationDTOs = new ApplicationDTO[] {app, new ApplicationDTO()};

        Map<String, Object> paths = map(OpenApiDocument.build(runtime, "1", "/").get("paths"));

        assertThat(paths).containsOnlyKeys("/plugins/notes/items/{id}");
        assertThat(map(map(paths.get("/plugins/notes/items/{id}")).get("delete"))).doesNotContainKey("requestBody");
    }

    @Test
    void emptyRuntimeHasNoPaths() {
        assertThat(map(OpenApiDocument.build(new RuntimeDTO(), "1", "/").get("paths"))).isEmpty();
    }

    @Test
    void openApiPathJoinsAndStripsRegexes() {
        assertThat(OpenApiDocument.openApiPath("/", "meta")).isEqualTo("/meta");
        assertThat(OpenApiDocument.openApiPath("", null)).isEqualTo("/");
        assertThat(OpenApiDocument.openApiPath("/api", "{ id : \\d+ }")).isEqualTo("/api/{id}");
    }
}
