package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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
import io.codara.api.search.LineMatch;
import io.codara.api.search.ReferenceFile;
import io.codara.api.search.ReferenceSearchResult;
import io.codara.api.search.SymbolMatch;
import io.codara.api.search.SymbolSearchResult;
import io.codara.api.security.Principal;

/** Symbol search, go to definition and find references with known answers, and what a private repository hides. */
class IndexedSymbolSearchTest {

    @TempDir
    static Path temp;
    static SearchFixture fixture;
    static IndexedSymbolSearch symbols;
    static Repository time;
    static final Principal CAROL = SearchFixture.user("carol");
    static final Principal MALLORY = SearchFixture.user("mallory");

    @BeforeAll
    static void index() throws Exception {
        fixture = new SearchFixture(temp);
        fixture.indexer.addSymbolExtractor(NavigationSamples.extraction(), Map.of());
        time = fixture.create("acme", "time", Visibility.PUBLIC);
        fixture.commit(time, NavigationSamples.files());
        Repository vault = fixture.create("carol", "vault", Visibility.PRIVATE);
        fixture.commit(vault, Map.of("src/Vault.java", """
                package carol;

                final class Vault {
                    String parseDate(String sealed) {
                        return sealed;
                    }

                    String open(String s) {
                        return parseDate(s);
                    }
                }
                """));
        fixture.indexer.sync(time.id());
        fixture.indexer.sync(vault.id());
        symbols = new IndexedSymbolSearch(fixture.index, fixture.scope);
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    private static SymbolSearchResult search(String q, Principal p) {
        return symbols.search(q, p, PageRequest.of(1, 30));
    }

    private static List<String> names(SymbolSearchResult r) {
        return r.items().stream().map(s -> s.name() + "@" + s.path() + ":" + s.line()).toList();
    }

    @Test
    void exactNamesComeFirstThenOtherCaseThenPrefixesThenParts() {
        assertThat(names(search("parseDate", Principal.ANONYMOUS))).containsExactly(
                "parseDate@src/main/java/com/acme/billing/Invoice.java:5",
                "parseDate@src/main/java/com/acme/time/DateParser.java:10",
                "ParseDate@cmd/server/main.go:10",
                "parseDates@src/main/java/com/acme/time/ReportService.java:11",
                "parseDateOrNull@src/main/java/com/acme/time/ReportService.java:15",
                "parse_date@tools/report.py:4",
                "parsesIsoDates@src/test/java/com/acme/time/DateParserTest.java:8");
    }

    @Test
    void answersDefinitionsWithKindContainerSignatureAndRepository() {
        SymbolMatch m = search("parseDate", Principal.ANONYMOUS).items().get(1);
        assertThat(m.kind()).isEqualTo("method");
        assertThat(m.container()).isEqualTo("com.acme.time.DateParser");
        assertThat(m.signature()).contains("parseDate(String text)");
        assertThat(m.repository()).isEqualTo("acme/time");
        assertThat(m.branch()).isEqualTo("main");
        assertThat(m.language()).isEqualTo("Java");
        assertThat(m.commit()).hasSize(40);
    }

    @Test
    void abbreviationsFindCamelCaseAndSnakeCaseParts() {
        assertThat(names(search("pD", Principal.ANONYMOUS))).contains(
                "parseDate@src/main/java/com/acme/time/DateParser.java:10", "parse_date@tools/report.py:4",
                "parseDateOrNull@src/main/java/com/acme/time/ReportService.java:15");
        assertThat(names(search("parseDa", Principal.ANONYMOUS))).first().asString().startsWith("parseDate@");
        assertThat(search("gUN", Principal.ANONYMOUS).items()).extracting(SymbolMatch::name).containsExactly("getUserName");
        assertThat(search("pX", Principal.ANONYMOUS).items()).isEmpty();
    }

    @Test
    void kindAndLanguageAndPathFiltersNarrow() {
        assertThat(search("DateParser kind:class", Principal.ANONYMOUS).items())
                .extracting(SymbolMatch::name, SymbolMatch::kind)
                .containsExactly(tuple("DateParser", "class"), tuple("DateParserTest", "class"));
        assertThat(search("Date kind:method", Principal.ANONYMOUS).items()).isEmpty();
        assertThat(search("parseDate lang:go", Principal.ANONYMOUS).items()).extracting(SymbolMatch::name)
                .containsExactly("ParseDate");
        assertThat(search("parseDate path:billing", Principal.ANONYMOUS).items()).extracting(SymbolMatch::path)
                .containsOnly("src/main/java/com/acme/billing/Invoice.java");
        assertThat(search("parseDate -kind:method", Principal.ANONYMOUS).items()).extracting(SymbolMatch::kind)
                .doesNotContain("method");
    }

    @Test
    void pagesCountEveryMatch() {
        SymbolSearchResult second = symbols.search("parseDate", Principal.ANONYMOUS, PageRequest.of(2, 2));
        assertThat(second.totalCount()).isEqualTo(7);
        assertThat(second.items()).extracting(SymbolMatch::name).containsExactly("ParseDate", "parseDates");
    }

    @Test
    void privateSymbolsAreTheOwnersOnly() {
        assertThat(search("parseDate", Principal.ANONYMOUS).items()).extracting(SymbolMatch::repository)
                .doesNotContain("carol/vault");
        assertThat(search("parseDate", MALLORY).items()).extracting(SymbolMatch::repository)
                .doesNotContain("carol/vault");
        assertThat(search("parseDate", CAROL).items()).extracting(SymbolMatch::path).contains("src/Vault.java");
        assertThat(search("parseDate repo:carol/vault", MALLORY).totalCount()).isZero();
    }

    @Test
    void goToDefinitionPrefersTheCallersPackage() {
        assertThat(symbols.definitions("acme", "time", "parseDate", null,
                "src/main/java/com/acme/billing/InvoiceReader.java", 5, Principal.ANONYMOUS))
                .extracting(SymbolMatch::path).containsExactly("src/main/java/com/acme/billing/Invoice.java",
                        "src/main/java/com/acme/time/DateParser.java");
        assertThat(symbols.definitions("acme", "time", "parseDate", "main",
                "src/main/java/com/acme/time/ReportService.java", 17, Principal.ANONYMOUS))
                .extracting(SymbolMatch::path).containsExactly("src/main/java/com/acme/time/DateParser.java",
                        "src/main/java/com/acme/billing/Invoice.java");
    }

    @Test
    void goToDefinitionIsCaseSensitiveUnlessNothingMatchesExactly() {
        assertThat(symbols.definitions("acme", "time", "ParseDate", null, null, null, Principal.ANONYMOUS))
                .extracting(SymbolMatch::path).containsExactly("cmd/server/main.go");
        assertThat(symbols.definitions("acme", "time", "parsedate", null, null, null, Principal.ANONYMOUS))
                .hasSize(3);
        assertThat(symbols.definitions("acme", "time", "noSuchThing", null, null, null, Principal.ANONYMOUS)).isEmpty();
    }

    @Test
    void findReferencesListsWholeIdentifierUsesButNotDefinitions() {
        ReferenceSearchResult r = symbols.references("acme", "time", "parseDate", null, Principal.ANONYMOUS,
                PageRequest.of(1, 30));
        assertThat(r.files()).extracting(ReferenceFile::path).containsExactly(
                "src/main/java/com/acme/billing/Invoice.java",
                "src/main/java/com/acme/billing/InvoiceReader.java",
                "src/main/java/com/acme/time/ReportService.java",
                "src/test/java/com/acme/time/DateParserTest.java");
        assertThat(r.files().get(0).lines()).extracting(LineMatch::line).containsExactly(10);
        assertThat(r.files().get(2).lines()).extracting(LineMatch::line).containsExactly(6, 17);
        assertThat(r.totalCount()).isEqualTo(5);
        assertThat(r.fileCount()).isEqualTo(4);
        LineMatch call = r.files().get(2).lines().get(1);
        assertThat(call.text().substring(call.highlights().get(0).start(), call.highlights().get(0).end()))
                .isEqualTo("parseDate");
        ReferenceSearchResult page2 = symbols.references("acme", "time", "parseDate", null, Principal.ANONYMOUS,
                PageRequest.of(2, 3));
        assertThat(page2.files()).extracting(ReferenceFile::path)
                .containsExactly("src/test/java/com/acme/time/DateParserTest.java");
    }

    @Test
    void referencesOfOtherCaseOrLongerIdentifiersAreNone() {
        assertThat(IndexedSymbolSearch.uses("a = parseDateOrNull(x);\nParseDate(y)\nz.parseDate()", "parseDate",
                java.util.Set.of())).extracting(LineMatch::line).containsExactly(3);
        assertThat(IndexedSymbolSearch.uses("x\r\nparseDate\r\n", "parseDate", java.util.Set.of()))
                .extracting(LineMatch::line, LineMatch::text).containsExactly(tuple(2, "parseDate"));
    }

    @Test
    void privateRepositoriesAnswerNotFoundToOthers() {
        for (Principal p : List.of(Principal.ANONYMOUS, MALLORY)) {
            assertThatThrownBy(() -> symbols.definitions("carol", "vault", "parseDate", null, null, null, p))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
            assertThatThrownBy(() -> symbols.references("carol", "vault", "parseDate", null, p, PageRequest.of(1, 30)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
        assertThat(symbols.definitions("carol", "vault", "parseDate", null, null, null, CAROL))
                .extracting(SymbolMatch::line).containsExactly(4);
        assertThat(symbols.references("carol", "vault", "parseDate", null, CAROL, PageRequest.of(1, 30)).files())
                .flatExtracting(ReferenceFile::lines).extracting(LineMatch::line).containsExactly(9);
    }

    @Test
    void unknownBranchesAndNonIdentifiersAreRefused() {
        assertThatThrownBy(() -> symbols.definitions("acme", "time", "parseDate", "nope", null, null,
                Principal.ANONYMOUS)).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.getMessage()).contains("no branch nope"));
        assertThatThrownBy(() -> symbols.references("acme", "time", "a.b", null, Principal.ANONYMOUS,
                PageRequest.of(1, 30))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> search("parse date", Principal.ANONYMOUS)).isInstanceOf(ApiException.class);
    }
}
