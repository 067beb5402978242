package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.rest.PageRequest;
import io.codara.api.search.CodeMatch;
import io.codara.api.search.CodeSearchResult;
import io.codara.api.security.Principal;

/**
 * A literal that thousands of files hold is verified only until its page is full; the rest are counted from a
 * sample, and the answer says so.
 */
class CommonLiteralCountTest {

    static final int FILES = 600;
    /** More candidates than {@link IndexedCodeSearch#MAX_CANDIDATES}. */
    static final int MORE_FILES = IndexedCodeSearch.MAX_CANDIDATES + 1000;

    @TempDir
    static Path temp;
    static SearchFixture fixture;

    @BeforeAll
    static void index() throws Exception {
        fixture = new SearchFixture(temp);
        Repository many = fixture.create("acme", "ledger", Visibility.PUBLIC);
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < FILES; i++) {
            // Three files in four hold the literal; the fourth holds all its trigrams but not the literal itself,
            // so the index cannot tell them apart and only verification can.
            String body = i % 4 == 0 ? "int total = 0;\n    return 0; // in total;\n"
                    : "int total = " + i + ";\n    return total;\n";
            files.put("src/Sum" + i + ".java", "class Sum" + i + " {\n  int sum() {\n    " + body + "  }\n}\n");
        }
        fixture.commit(many, files);
        fixture.indexer.sync(many.id());
        Repository more = fixture.create("acme", "journal", Visibility.PUBLIC);
        files.clear();
        for (int i = 0; i < MORE_FILES; i++) {
            files.put("f/F" + i + ".py", i % 4 == 0 ? "return gx\nurn grand\n" : "return grand\n");
        }
        fixture.commit(more, files);
        fixture.indexer.sync(more.id());
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    private static CodeSearchResult search(String query, int page, int perPage) {
        return fixture.search.search(query, Principal.ANONYMOUS, PageRequest.of(page, perPage));
    }

    @Test
    void aFullPageStopsVerificationAndTheCountIsEstimatedFromASample() {
        CodeSearchResult first = search("\"return total;\"", 1, 20);
        assertThat(first.countEstimated()).isTrue();
        assertThat(first.incompleteResults()).isFalse();
        assertThat(first.totalCount()).isBetween(FILES * 3 / 4 - 45L, FILES * 3 / 4 + 45L);
        assertThat(first.items()).hasSize(20).allSatisfy(m -> assertThat(m.lines()).isNotEmpty()
                .allSatisfy(l -> assertThat(l.text()).contains("return total;")));
        assertThat(search("\"return total;\"", 1, 20).totalCount()).as("the same estimate every time")
                .isEqualTo(first.totalCount());
    }

    @Test
    void laterPagesHoldOnlyRealMatchesInRankOrder() {
        CodeSearchResult whole = search("\"return total;\"", 1, 100);
        CodeSearchResult second = search("\"return total;\"", 2, 50);
        assertThat(second.items()).extracting(CodeMatch::path)
                .containsExactlyElementsOf(whole.items().subList(50, 100).stream().map(CodeMatch::path).toList());
        assertThat(whole.items()).extracting(CodeMatch::path).doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(Integer.parseInt(p.replaceAll("\\D", "")) % 4).isNotZero());
    }

    @Test
    void theCountIsExactWhenFewCandidatesAreLeft() {
        // Page 5 is never full: every candidate is verified, and counted.
        CodeSearchResult deep = search("\"return total;\"", 5, 100);
        assertThat(deep.countEstimated()).isFalse();
        assertThat(deep.totalCount()).isEqualTo(FILES * 3 / 4);
        assertThat(deep.items()).hasSize(50);
        CodeSearchResult rare = search("\"int total = 17;\"", 1, 20);
        assertThat(rare.countEstimated()).isFalse();
        assertThat(rare.totalCount()).isEqualTo(1);
    }

    @Test
    void candidatesBeyondTheVerificationBudgetAreEstimatedTooAndTheAnswerIsComplete() {
        CodeSearchResult first = search("\"return grand\"", 1, 20);
        assertThat(first.countEstimated()).isTrue();
        assertThat(first.incompleteResults()).isFalse();
        assertThat(first.totalCount()).isBetween(MORE_FILES * 3 / 4 - 450L, MORE_FILES * 3 / 4 + 450L);
        assertThat(first.items()).hasSize(20).allSatisfy(m -> assertThat(m.repository()).isEqualTo("acme/journal"));
    }
}
