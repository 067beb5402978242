package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.security.Principal;
import io.codara.api.rest.PagedObject;
import io.codara.api.rest.PageRequest;

/** The JSON answers of the symbol, navigation and semantic endpoints over a real index. */
class SymbolResourcesTest {

    @TempDir
    static Path temp;
    static SearchFixture fixture;
    static String commit;
    static SymbolSearchResource search;
    static RepositorySymbolsResource navigation;
    static SemanticSearchResource semantic;

    @BeforeAll
    static void index() throws Exception {
        fixture = new SearchFixture(temp);
        fixture.indexer.addSymbolExtractor(NavigationSamples.extraction(), Map.of());
        Repository time = fixture.create("acme", "time", Visibility.PUBLIC);
        commit = fixture.commit(time, NavigationSamples.files()).name();
        fixture.indexer.sync(time.id());
        IndexedSymbolSearch symbols = new IndexedSymbolSearch(fixture.index, fixture.scope);
        search = new SymbolSearchResource(symbols);
        navigation = new RepositorySymbolsResource(symbols);
        IndexedSemanticSearch semanticSearch = new IndexedSemanticSearch(fixture.index, fixture.scope);
        semanticSearch.addRanker(new ConceptRanker(), Map.of(Constants.SERVICE_RANKING, 0));
        semantic = new SemanticSearchResource(semanticSearch);
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    private static HttpServletRequest request() {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getAttribute(Principal.REQUEST_ATTRIBUTE)).thenReturn(Principal.ANONYMOUS);
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
    void symbolSearchAnswersDefinitionsWithLinksAndPages() {
        Response response = search.search("parseDate kind:method", 1, 1, request(),
                uri("search/symbols?q=parseDate+kind:method&page=1&per_page=1"));
        PagedObject paged = (PagedObject) response.getEntity();
        Map<String, Object> body = (Map<String, Object>) paged.body();
        assertThat(body).containsEntry("total_count", 5L).containsEntry("incomplete_results", false);
        assertThat(((List<Map<String, Object>>) body.get("items")).get(0)).containsEntry("name", "parseDate")
                .containsEntry("kind", "method").containsEntry("repository", "acme/time")
                .containsEntry("path", "src/main/java/com/acme/billing/Invoice.java").containsEntry("line", 5)
                .containsEntry("language", "Java").containsEntry("html_url",
                        "http://codara.test/acme/time/blob/" + commit + "/src/main/java/com/acme/billing/Invoice.java#L5");
        assertThat(paged.request()).isEqualTo(PageRequest.of(1, 1)); // the web bundle links pages 2 and 5
        assertThat(paged.lastPage()).isEqualTo(5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void definitionsAndReferencesAnswerJson() {
        List<Map<String, Object>> definitions = navigation.definitions("acme", "time", "parseDate", null,
                "src/main/java/com/acme/time/ReportService.java", 17, request(), uri("repos/acme/time/symbols/parseDate/definitions"));
        assertThat(definitions).extracting(d -> d.get("path")).containsExactly(
                "src/main/java/com/acme/time/DateParser.java", "src/main/java/com/acme/billing/Invoice.java");
        Map<String, Object> body = (Map<String, Object>) ((PagedObject) navigation.references("acme", "time",
                "parseDate", null, 1, 30, request(), uri("repos/acme/time/symbols/parseDate/references")).getEntity())
                .body();
        assertThat(body).containsEntry("repository", "acme/time").containsEntry("branch", "main")
                .containsEntry("commit", commit).containsEntry("total_count", 5L).containsEntry("file_count", 4L);
        Map<String, Object> first = ((List<Map<String, Object>>) body.get("files")).get(0);
        assertThat(first).containsEntry("path", "src/main/java/com/acme/billing/Invoice.java");
        assertThat((List<Map<String, Object>>) first.get("lines")).singleElement().isEqualTo(Map.of("line", 10,
                "text", "        return parseDate(text).plusDays(30);", "highlights", List.of(List.of(15, 24))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void semanticAnswersFilesWithLinesAndMatchedTerms() {
        Map<String, Object> body = semantic.search("where do we parse dates", "acme/time", 2, request(),
                uri("search/semantic?q=where+do+we+parse+dates"));
        assertThat(body).containsEntry("ranker", ConceptRanker.class.getName());
        List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).containsEntry("path", "src/main/java/com/acme/time/DateParser.java")
                .containsKeys("score", "lines", "matched_terms", "html_url");
    }
}
