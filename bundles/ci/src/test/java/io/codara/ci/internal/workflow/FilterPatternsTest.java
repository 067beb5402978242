package io.codara.ci.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Cases from GitHub's filter pattern cheat sheet. */
class FilterPatternsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "feature/*       | feature/my-branch     | true",
        "feature/*       | feature/your-branch   | true",
        "feature/*       | feature/a/b           | false",
        "feature/**      | feature/beta-a/my-branch | true",
        "feature/**      | feature/mona/the/octocat | true",
        "main            | main                  | true",
        "main            | main2                 | false",
        "'*'             | main                  | false",
        "*               | main                  | true",
        "*               | releases/mona         | false",
        "**              | releases/mona/the     | true",
        "*feature        | mona-feature          | true",
        "*feature        | feature               | true",
        "v2*             | v2.0                  | true",
        "v[12].[0-9]+.[0-9]+ | v1.10.1           | true",
        "v[12].[0-9]+.[0-9]+ | v2.0.0            | true",
        "v[12].[0-9]+.[0-9]+ | v3.0.0            | false",
        "v[12].[0-9]+.[0-9]+ | v1.x.1            | false",
        "*.jsx?          | page.js               | true",
        "*.jsx?          | page.jsx              | true",
        "*.jsx?          | page.jsxx             | false",
        "*.js            | app.js                | true",
        "*.js            | js/index.js           | false",
        "**.js           | js/index.js           | true",
        "**.js           | src/js/app.js         | true",
        "docs/*          | docs/README.md        | true",
        "docs/*          | docs/a/b.md           | false",
        "docs/**         | docs/mona/octocat.txt | true",
        "docs/**/*.md    | docs/a/b/c.md         | true",
        "docs/**/*.md    | docs/c.md             | true",
        "**/docs/**      | docs/hello.md         | true",
        "**/docs/**      | dir/docs/my-file.txt  | true",
        "**/README.md    | README.md             | true",
        "**/README.md    | js/README.md          | true",
        "**/*src/**      | a/src/app.js          | true",
        "**/*-post.md    | my-post.md            | true",
        "**/*-post.md    | path/their-post.md    | true",
        "**/migrate-*.sql | migrate-10909.sql    | true",
        "**/migrate-*.sql | db/migrate-v1.0.sql  | true",
        "releases/1.+    | releases/1.11         | false",
        "ab+c            | abbbc                 | true",
        "ab+c            | ac                    | false",
        "ab?c            | ac                    | true",
        "a\\*b           | a*b                   | true",
        "a\\*b           | axb                   | false",
        "v1.(x)          | v1.(x)                | true",
    })
    void globsMatchLikeGithub(String pattern, String name, boolean expected) {
        assertThat(FilterPatterns.of(List.of(pattern)).matches(name)).isEqualTo(expected);
    }

    @Test
    void laterNegationExcludesAndLaterPatternIncludesAgain() {
        FilterPatterns p = FilterPatterns.of(List.of("releases/**", "!releases/**-alpha", "releases/v2-alpha"));
        assertThat(p.matches("releases/v1")).isTrue();
        assertThat(p.matches("releases/v1-alpha")).isFalse();
        assertThat(p.matches("releases/v2-alpha")).isTrue();
        assertThat(p.matches("main")).isFalse();
    }

    @Test
    void pathNegationInOrder() {
        FilterPatterns p = FilterPatterns.of(List.of("sub-project/**", "!sub-project/docs/**"));
        assertThat(p.matches("sub-project/src/a.java")).isTrue();
        assertThat(p.matches("sub-project/docs/index.md")).isFalse();
    }

    @Test
    void onlyNegativeListsAreFlagged() {
        assertThat(FilterPatterns.of(List.of("!main")).onlyNegative()).isTrue();
        assertThat(FilterPatterns.of(List.of("**", "!main")).onlyNegative()).isFalse();
        assertThat(FilterPatterns.of(List.of()).onlyNegative()).isFalse();
    }

    @Test
    void badPatternsAreRefused() {
        assertThatThrownBy(() -> FilterPatterns.compile("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FilterPatterns.compile("v[12")).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> FilterPatterns.compile("v[]")).hasMessageContaining("empty");
        assertThatThrownBy(() -> FilterPatterns.compile("v[!a]")).hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> FilterPatterns.compile("?x")).hasMessageContaining("must follow");
        assertThatThrownBy(() -> FilterPatterns.compile("a\\")).hasMessageContaining("trailing");
    }
}
