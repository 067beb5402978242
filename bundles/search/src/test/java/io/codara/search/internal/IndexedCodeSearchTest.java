package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.search.CodeMatch;
import io.codara.api.search.CodeSearchResult;
import io.codara.api.search.Definition;
import io.codara.api.search.LineMatch;
import io.codara.api.search.TextRange;
import io.codara.api.security.Principal;

/** Queries with known answers over the samples in a public and a private repository. */
class IndexedCodeSearchTest {

    @TempDir
    static Path temp;
    static SearchFixture fixture;
    static Repository time;
    static Repository secret;

    @BeforeAll
    static void index() throws Exception {
        fixture = new SearchFixture(temp);
        fixture.indexer.addSymbolExtractor(new Samples.JavaDeclarations(), Map.of());
        time = fixture.create("acme", "time", Visibility.PUBLIC);
        fixture.commit(time, Samples.files());
        secret = fixture.create("carol", "vault", Visibility.PRIVATE);
        fixture.commit(secret, Map.of("src/Vault.java", """
                package carol;

                final class Vault {
                    String unsealSecretKey(String passphrase) {
                        return parseDate(passphrase);
                    }
                }
                """, "notes.md", "the launch code is 0000\n"));
        fixture.indexer.sync(time.id());
        fixture.indexer.sync(secret.id());
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    private static CodeSearchResult search(String query) {
        return search(query, Principal.ANONYMOUS);
    }

    private static CodeSearchResult search(String query, Principal principal) {
        return fixture.search.search(query, principal, PageRequest.of(1, 30));
    }

    private static List<String> paths(String query) {
        return search(query).items().stream().map(CodeMatch::path).toList();
    }

    private static String highlighted(LineMatch line) {
        StringBuilder out = new StringBuilder();
        for (TextRange r : line.highlights()) {
            out.append('[').append(line.text(), r.start(), r.end()).append(']');
        }
        return out.toString();
    }

    @Test
    void termsFindIdentifiersAndTheirCamelAndSnakeCaseParts() {
        assertThat(paths("parseDate")).containsExactlyInAnyOrder("src/main/java/com/acme/time/DateParser.java",
                "src/test/java/com/acme/time/DateParserTest.java", "cmd/server/main.go", "tools/report.py",
                "src/lib.rs", "node_modules/dates/index.js", "README.md");
        assertThat(paths("fetchJson")).containsExactly("web/src/http_client.ts");
        assertThat(paths("user name")).containsExactly("web/src/http_client.ts"); // getUserName's parts
        assertThat(paths("write_row")).containsExactly("tools/report.py");
        assertThat(paths("ROW")).containsExactly("tools/report.py");
        assertThat(paths("MAX_YEAR")).containsExactly("src/main/java/com/acme/time/DateParser.java");
        assertThat(paths("year")).contains("src/main/java/com/acme/time/DateParser.java", "src/lib.rs");
        assertThat(paths("nonexistentidentifier")).isEmpty();
    }

    @Test
    void lineMatchesCarryLineNumbersAndHighlights() {
        CodeMatch go = search("ParseDate lang:go").items().get(0);
        assertThat(go.path()).isEqualTo("cmd/server/main.go");
        assertThat(go.language()).isEqualTo("Go");
        assertThat(go.repository()).isEqualTo("acme/time");
        assertThat(go.branch()).isEqualTo("main");
        assertThat(go.commit()).isEqualTo(fixture.index.branches(time.id()).get("main"));
        assertThat(go.lines()).extracting(LineMatch::line).containsExactly(9, 10);
        assertThat(go.lines().get(1).text()).isEqualTo("func ParseDate(s string) (time.Time, error) {");
        assertThat(highlighted(go.lines().get(1))).isEqualTo("[ParseDate]");

        // Two terms, each matching on its own: parts of getUserName, and the word name in a URL.
        CodeMatch ts = search("user name").items().get(0);
        assertThat(ts.lines()).extracting(LineMatch::line).containsExactly(12, 13);
        assertThat(highlighted(ts.lines().get(0))).isEqualTo("[UserName]");
        assertThat(highlighted(ts.lines().get(1))).isEqualTo("[name]");
    }

    @Test
    void definitionsAndOrdinaryFilesRankFirst() {
        List<CodeMatch> items = search("parseDate").items();
        assertThat(items.get(0).path()).isEqualTo("src/main/java/com/acme/time/DateParser.java");
        assertThat(items.get(0).definitions()).containsExactly(new Definition("parseDate", "method", null, 10));
        List<String> order = items.stream().map(CodeMatch::path).toList();
        int test = order.indexOf("src/test/java/com/acme/time/DateParserTest.java");
        int vendored = order.indexOf("node_modules/dates/index.js");
        int readme = order.indexOf("README.md");
        for (String ordinary : List.of("cmd/server/main.go", "tools/report.py", "src/lib.rs")) {
            assertThat(order.indexOf(ordinary)).isLessThan(test).isLessThan(vendored).isLessThan(readme);
        }
        assertThat(paths("symbol:DateParser")).containsExactly("src/main/java/com/acme/time/DateParser.java");
    }

    @Test
    void phrasesAndPunctuationMatchLiterally() {
        assertThat(paths("\"time.Parse(\\\"2006-01-02\\\"\"")).containsExactly("cmd/server/main.go");
        assertThat(paths("\"year out of range\"")).containsExactly("src/main/java/com/acme/time/DateParser.java");
        assertThat(paths("\"range out of year\"")).isEmpty();
        assertThat(paths("http.ListenAndServe(\":8080\"")).containsExactly("cmd/server/main.go"); // one word
        assertThat(paths("http.ListenAndServe(\":9090\"")).isEmpty();
        CodeMatch go = search("ListenAndServe(\":8080\"").items().get(0);
        assertThat(highlighted(go.lines().get(0))).isEqualTo("[ListenAndServe(\":8080\"]");
        assertThat(paths("it.next()?")).containsExactly("src/lib.rs");
    }

    @Test
    void regularExpressionsArePrefilteredAndVerified() {
        CodeSearchResult result = search("/func \\w+\\(s string\\)/");
        assertThat(result.items()).extracting(CodeMatch::path).containsExactly("cmd/server/main.go");
        assertThat(highlighted(result.items().get(0).lines().get(0))).isEqualTo("[func ParseDate(s string)]");
        assertThat(paths("/def (parse|write)_(date|row)/")).containsExactly("tools/report.py");
        assertThat(paths("/parse_?date\\(/ lang:rust")).containsExactly("src/lib.rs");
        assertThat(paths("/[0-9]{4}-[0-9]{2}-[0-9]{2}/ -path:test")).containsExactlyInAnyOrder("cmd/server/main.go",
                "tools/report.py");
        assertThatThrownBy(() -> search("/unclosed(group/")).isInstanceOf(ApiException.class)
                .hasMessageContaining("Invalid regular expression").satisfies(e ->
                        assertThat(((ApiException) e).status()).isEqualTo(422));
    }

    @Test
    void caseYesMatchesCaseSensitively() {
        assertThat(paths("ParseDate case:yes")).containsExactly("cmd/server/main.go", "README.md");
        assertThat(paths("parseDate case:yes")).contains("src/main/java/com/acme/time/DateParser.java")
                .doesNotContain("cmd/server/main.go");
        assertThat(paths("\"YEAR OUT OF RANGE\" case:yes")).isEmpty();
        assertThat(paths("\"YEAR OUT OF RANGE\"")).hasSize(1);
        assertThat(paths("/LocalDate\\.of/ case:yes")).hasSize(2);
        assertThat(paths("/localdate\\.of/ case:yes")).isEmpty();
    }

    @Test
    void filtersAndNegationsNarrowTheResults() {
        assertThat(paths("parseDate lang:python")).containsExactly("tools/report.py");
        assertThat(paths("parseDate path:*.rs")).containsExactly("src/lib.rs");
        assertThat(paths("parseDate path:src/main/**")).containsExactly("src/main/java/com/acme/time/DateParser.java");
        assertThat(paths("parseDate path:server")).containsExactly("cmd/server/main.go");
        assertThat(paths("parseDate -path:node_modules -path:test -lang:markdown")).containsExactlyInAnyOrder(
                "src/main/java/com/acme/time/DateParser.java", "cmd/server/main.go", "tools/report.py", "src/lib.rs");
        assertThat(paths("parseDate NOT LocalDate -Time")).containsExactlyInAnyOrder("tools/report.py", "src/lib.rs",
                "node_modules/dates/index.js");
        assertThat(paths("parseDate repo:ACME/time")).hasSize(7);
        assertThat(paths("parseDate org:acme")).hasSize(7);
        assertThat(paths("parseDate org:someone-else")).isEmpty();
        assertThat(paths("parseDate -repo:acme/time")).isEmpty();
        assertThat(paths("parseDate branch:no-such-branch")).isEmpty();
    }

    @Test
    void aPrivateRepositoryNeverReachesAnotherUsersResultsOrCounts() {
        Principal carol = SearchFixture.user("carol");
        Principal mallory = SearchFixture.user("mallory");
        assertThat(search("unsealSecretKey", carol).items()).extracting(CodeMatch::repository).containsExactly("carol/vault");
        for (Principal outsider : List.of(mallory, Principal.ANONYMOUS)) {
            assertThat(search("unsealSecretKey", outsider).totalCount()).isZero();
            assertThat(search("unsealSecretKey repo:carol/vault", outsider).totalCount()).isZero();
            assertThat(search("/unseal\\w+/", outsider).totalCount()).isZero();
            assertThat(search("\"launch code\"", outsider).totalCount()).isZero();
            assertThat(search("parseDate", outsider).totalCount()).isEqualTo(7);
            assertThat(search("parseDate", outsider).items()).extracting(CodeMatch::repository).containsOnly("acme/time");
        }
        assertThat(search("parseDate", carol).totalCount()).isEqualTo(8);
        assertThat(search("\"launch code\"", carol).totalCount()).isEqualTo(1);
    }

    @Test
    void renamesAndVisibilityChangesShowAtOnceWithoutReindexing() {
        Repository renamed = fixture.replace(secret, "carol", "strongbox", Visibility.PRIVATE, "main");
        try {
            assertThat(search("unsealSecretKey", SearchFixture.user("carol")).items()).extracting(CodeMatch::repository)
                    .containsExactly("carol/strongbox");
            fixture.replace(renamed, "carol", "strongbox", Visibility.PUBLIC, "main");
            assertThat(search("unsealSecretKey").totalCount()).isEqualTo(1);
            fixture.replace(renamed, "carol", "strongbox", Visibility.PRIVATE, "main");
            assertThat(search("unsealSecretKey").totalCount()).isZero();
        } finally {
            fixture.repositories.put(secret.id(), secret);
        }
    }

    @Test
    void pagingCountsAndInvalidQueries() {
        CodeSearchResult first = fixture.search.search("parseDate", Principal.ANONYMOUS, PageRequest.of(1, 3));
        CodeSearchResult third = fixture.search.search("parseDate", Principal.ANONYMOUS, PageRequest.of(3, 3));
        assertThat(first.totalCount()).isEqualTo(7);
        assertThat(first.items()).hasSize(3);
        assertThat(third.items()).hasSize(1);
        assertThat(first.incompleteResults()).isFalse();
        CodeSearchResult verified = fixture.search.search("/parse_?date/", Principal.ANONYMOUS, PageRequest.of(2, 4));
        assertThat(verified.totalCount()).isEqualTo(7);
        assertThat(verified.items()).hasSize(3);
        for (String invalid : List.of("", "   ", "-parseDate", "\"unclosed", "a OR b", "lang:", "case:maybe x",
                "repo:nowhere x")) {
            assertThatThrownBy(() -> search(invalid)).as(invalid).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(422));
        }
        assertThatThrownBy(() -> fixture.search.search("x", Principal.ANONYMOUS, PageRequest.of(11, 100)))
                .isInstanceOf(ApiException.class).hasMessageContaining("first 1000");
    }
}
