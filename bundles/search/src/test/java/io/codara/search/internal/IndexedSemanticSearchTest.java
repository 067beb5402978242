package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.rest.ApiException;
import io.codara.api.search.LineMatch;
import io.codara.api.search.SemanticMatch;
import io.codara.api.search.SemanticSearchResult;
import io.codara.api.search.spi.CandidateFile;
import io.codara.api.search.spi.RankedFile;
import io.codara.api.search.spi.SemanticRanker;
import io.codara.api.security.Principal;

/** Natural-language questions with one right answer each, the ranker SPI, and what a private repository hides. */
class IndexedSemanticSearchTest {

    @TempDir
    static Path temp;
    static SearchFixture fixture;
    static IndexedSemanticSearch semantic;
    static final ConceptRanker BUILT_IN = new ConceptRanker();

    @BeforeAll
    static void index() throws Exception {
        fixture = new SearchFixture(temp);
        fixture.indexer.addSymbolExtractor(new Samples.JavaDeclarations(), Map.of());
        Repository shop = fixture.create("acme", "shop", Visibility.PUBLIC);
        fixture.commit(shop, SemanticSamples.files());
        Repository vault = fixture.create("carol", "vault", Visibility.PRIVATE);
        fixture.commit(vault, Map.of("src/LoginGate.java", """
                package carol;

                /** Authentication of the vault: password and session token checks. */
                final class LoginGate {
                    boolean authenticate(String password, String session, String token) {
                        return password.equals(session + token);
                    }
                }
                """));
        fixture.indexer.sync(shop.id());
        fixture.indexer.sync(vault.id());
        semantic = new IndexedSemanticSearch(fixture.index, fixture.scope);
        semantic.addRanker(BUILT_IN, Map.of(Constants.SERVICE_RANKING, 0, Constants.SERVICE_ID, 1L));
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    private static List<String> paths(String question, Principal principal) {
        return semantic.search(question, null, principal, 10).items().stream().map(SemanticMatch::path).toList();
    }

    @Test
    void whereDoWeParseDatesFindsTheDateParserFirst() {
        List<String> found = paths("where do we parse dates", Principal.ANONYMOUS);
        assertThat(found).first().isEqualTo("src/main/java/com/acme/time/DateParser.java");
        // the test of the parser and the date formatting come later; the book catalogue's date is no parsing
        assertThat(found.indexOf("src/main/java/com/acme/report/ReportFormatter.java"))
                .isGreaterThan(found.indexOf("src/main/java/com/acme/time/DateParser.java"));
    }

    @Test
    void findAuthLogicFindsTheAuthenticatorFirst() {
        List<String> found = paths("find auth logic", Principal.ANONYMOUS);
        assertThat(found).first().isEqualTo("src/main/java/com/acme/auth/SessionAuthenticator.java");
        assertThat(found).doesNotContain("src/main/java/com/acme/books/BookCatalog.java"); // author is not auth
        assertThat(found.indexOf("src/main/java/com/acme/csv/CsvTokenizer.java"))
                .isGreaterThan(found.indexOf("src/test/java/com/acme/auth/SessionAuthenticatorTest.java"));
    }

    @Test
    void otherPhrasingsFindTheirFiles() {
        assertThat(paths("how is a user logged in", Principal.ANONYMOUS)).first()
                .isEqualTo("src/main/java/com/acme/auth/SessionAuthenticator.java");
        assertThat(paths("database queries for orders", Principal.ANONYMOUS)).first()
                .isEqualTo("src/main/java/com/acme/db/OrderRepository.java");
        assertThat(paths("date parsing", Principal.ANONYMOUS)).first()
                .isEqualTo("src/main/java/com/acme/time/DateParser.java");
    }

    @Test
    void answersSayWhyWithLinesAndMatchedTerms() {
        SemanticMatch top = semantic.search("where do we parse dates", null, Principal.ANONYMOUS, 1).items().get(0);
        assertThat(top.matchedTerms()).contains("parse", "date", "dates");
        assertThat(top.lines()).isNotEmpty().hasSizeLessThanOrEqualTo(ConceptRanker.LINES);
        assertThat(top.lines()).extracting(LineMatch::line).contains(10); // public LocalDate parseDate(String text)
        LineMatch line = top.lines().stream().filter(l -> l.line() == 10).findFirst().orElseThrow();
        assertThat(line.text().substring(line.highlights().get(line.highlights().size() - 1).start(),
                line.highlights().get(line.highlights().size() - 1).end())).isEqualTo("parseDate");
        assertThat(semantic.search("where do we parse dates", null, Principal.ANONYMOUS, 1).ranker())
                .isEqualTo(ConceptRanker.class.getName());
    }

    @Test
    void privateCodeIsTheOwnersOnly() {
        assertThat(paths("find auth logic", Principal.ANONYMOUS)).doesNotContain("src/LoginGate.java");
        assertThat(paths("find auth logic", SearchFixture.user("mallory"))).doesNotContain("src/LoginGate.java");
        assertThat(paths("find auth logic", SearchFixture.user("carol"))).contains("src/LoginGate.java");
        assertThat(semantic.search("find auth logic", "carol/vault", SearchFixture.user("mallory"), 10).items()).isEmpty();
        assertThat(semantic.search("find auth logic", "acme/shop", SearchFixture.user("carol"), 10).items())
                .extracting(SemanticMatch::repository).containsOnly("acme/shop");
    }

    @Test
    void theHighestRankedRankerAnswersAndCannotAddFiles() {
        CandidateFile foreign = new CandidateFile(99, "carol/vault", "main", "0".repeat(40), "src/LoginGate.java",
                "Java", true, "secret", List.of());
        SemanticRanker reversed = (question, candidates, limit) -> {
            List<CandidateFile> files = candidates.matching(List.of(Set.of("date", "dates")), 100);
            List<RankedFile> out = new java.util.ArrayList<>();
            out.add(new RankedFile(foreign, 1000, List.of(), List.of("leak")));
            for (CandidateFile f : files) {
                out.add(new RankedFile(f, f.path().length(), List.of(), List.of("date")));
            }
            out.sort(java.util.Comparator.comparingDouble(RankedFile::score).reversed());
            return out;
        };
        semantic.addRanker(reversed, Map.of(Constants.SERVICE_RANKING, 10, Constants.SERVICE_ID, 2L));
        try {
            SemanticSearchResult r = semantic.search("dates", null, Principal.ANONYMOUS, 10);
            assertThat(r.ranker()).isNotEqualTo(ConceptRanker.class.getName());
            assertThat(r.items()).extracting(SemanticMatch::path).doesNotContain("src/LoginGate.java").isNotEmpty();
            assertThat(r.items().get(0).matchedTerms()).containsExactly("date");
        } finally {
            semantic.removeRanker(reversed);
        }
        assertThat(semantic.ranker()).isSameAs(BUILT_IN);
    }

    @Test
    void emptyQuestionsAreRefused() {
        assertThatThrownBy(() -> semantic.search(" ", null, Principal.ANONYMOUS, 10)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> semantic.search("x", "no-slash", Principal.ANONYMOUS, 10))
                .isInstanceOf(ApiException.class);
        assertThat(semantic.search("where is the", null, Principal.ANONYMOUS, 10).items()).isEmpty();
    }

    @Test
    void vocabularyRelatesConceptsAndInflections() {
        CodeVocabulary v = new CodeVocabulary();
        assertThat(v.related("auth")).contains("authenticate", "login", "credential", "token", "session", "password");
        assertThat(v.related("date")).contains("time", "timestamp", "calendar", "format", "parse");
        assertThat(v.related("db")).contains("database", "sql", "query", "repository", "jdbc");
        assertThat(v.keys("dates")).containsAnyElementsOf(v.keys("date"));
        assertThat(v.keys("parser")).containsAnyElementsOf(v.keys("parse"));
        assertThat(v.keys("author")).doesNotContainAnyElementsOf(v.keys("auth"));
        assertThat(CodeVocabulary.forms("parse")).contains("parse", "parses", "parsing", "parsed", "parser");
        assertThat(CodeVocabulary.forms("dates")).contains("date", "dates");
    }
}
