package io.codara.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** CODEOWNERS rules: gitignore patterns, the last match wins, a rule without owners unowns. */
class CodeOwnersTest {

    @Test
    void matchesAsGitHubDoes() {
        CodeOwners owners = CodeOwners.parse("""
                # comment
                *            @all
                *.js         @js   # trailing comment
                /build/logs/ @logs
                docs/*       @docs
                apps/        @apps
                **/deep/x.md @deep
                /config      @config
                /docs/generated/
                """);
        assertThat(owners.owners("README.md")).containsExactly("@all");
        assertThat(owners.owners("src/a/b.js")).containsExactly("@js");
        assertThat(owners.owners("build/logs/x.log")).containsExactly("@logs");
        assertThat(owners.owners("sub/build/logs/x.log")).containsExactly("@all");
        assertThat(owners.owners("docs/getting-started.md")).containsExactly("@docs");
        assertThat(owners.owners("docs/build-app/troubleshooting.md")).containsExactly("@all");
        assertThat(owners.owners("x/apps/y/z.txt")).containsExactly("@apps");
        assertThat(owners.owners("a/b/deep/x.md")).containsExactly("@deep");
        assertThat(owners.owners("deep/x.md")).containsExactly("@deep");
        assertThat(owners.owners("config/app.yml")).containsExactly("@config");
        assertThat(owners.owners("docs/generated/api.md")).isEmpty();
        assertThat(owners.owners(List.of("README.md", "a.js"))).containsExactly("@all", "@js");
    }
}
