package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/** Comments and docstrings found per language, strings that look like comments left alone. */
class CommentExtractorTest {

    @Test
    void javaLineAndBlockCommentsButNotStrings() {
        String java = """
                /**
                 * Parses dates.
                 */
                class A { // the parser
                    String url = "http://example.com/*not*/"; /* inline */
                    char c = '/'; // slash
                }
                """;
        assertThat(CommentExtractor.comments("Java", "A.java", java)).extracting(c -> c.line(), c -> c.text())
                .containsExactly(tuple(2, "Parses dates."), tuple(4, "the parser"), tuple(5, "inline"),
                        tuple(6, "slash"));
    }

    @Test
    void pythonHashCommentsAndDocstrings() {
        String python = """
                def parse_date(value):
                    \"\"\"Reads dates
                    such as 2024-02-29.\"\"\"
                    s = "# not a comment"
                    x = \"\"\"not a docstring\"\"\"
                    return value  # the date
                """;
        assertThat(CommentExtractor.comments("Python", "a.py", python)).extracting(c -> c.line(), c -> c.text())
                .containsExactly(tuple(2, "Reads dates"), tuple(3, "such as 2024-02-29."), tuple(6, "the date"));
    }

    @Test
    void goBacktickStringsSpanLinesAndRustLifetimesAreNoStrings() {
        String go = "var s = `a\n// not\n`\n// yes\n";
        assertThat(CommentExtractor.comments("Go", "a.go", go)).extracting(c -> c.line(), c -> c.text())
                .containsExactly(tuple(4, "yes"));
        String rust = "fn f<'a>(x: &'a str) -> &'a str { x } // keeps the lifetime\n";
        assertThat(CommentExtractor.comments("Rust", "a.rs", rust)).extracting(c -> c.text())
                .containsExactly("keeps the lifetime");
    }

    @Test
    void sqlDashesUnknownLanguagesNothing() {
        assertThat(CommentExtractor.comments("SQL", "a.sql", "select 1; -- one\n/* two */")).extracting(c -> c.text())
                .containsExactly("one", "two");
        assertThat(CommentExtractor.comments(null, "a.java", "// by extension")).extracting(c -> c.text())
                .containsExactly("by extension");
        assertThat(CommentExtractor.comments("Markdown", "a.md", "// prose")).isEmpty();
        assertThat(CommentExtractor.comments("Java", "A.java", "/* never closed\nstill")).extracting(c -> c.line())
                .containsExactly(1, 2);
    }
}
