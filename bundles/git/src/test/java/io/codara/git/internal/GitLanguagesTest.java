package io.codara.git.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitLanguagesTest {

    private final GitLanguages languages = new GitLanguages();

    @Test
    void namesProgrammingDataAndProseLanguagesByPath() {
        assertThat(languages.language("src/main/java/a/Parser.java")).isEqualTo("Java");
        assertThat(languages.language("lib/util.hpp")).isEqualTo("C++");
        assertThat(languages.language("web/app.tsx")).isEqualTo("TSX");
        assertThat(languages.language("Makefile")).isEqualTo("Makefile");
        assertThat(languages.language("package.json")).isEqualTo("JSON");
        assertThat(languages.language("docs/guide.md")).isEqualTo("Markdown");
        assertThat(languages.language("LICENSE")).isNull();
        assertThat(languages.language("bin/tool")).isNull();
    }

    @Test
    void vendoredGeneratedAndDocumentationFilesKeepTheirLanguageButAreNotCounted() {
        assertThat(languages.language("node_modules/left-pad/index.js")).isEqualTo("JavaScript");
        assertThat(languages.vendored("node_modules/left-pad/index.js")).isTrue();
        assertThat(languages.generated("static/app.min.js")).isTrue();
        assertThat(languages.generated("api/service.pb.go")).isTrue();
        assertThat(languages.documentation("docs/guide.md")).isTrue();
        assertThat(languages.documentation("README.md")).isTrue();
        assertThat(languages.vendored("src/index.js")).isFalse();
        assertThat(languages.generated("src/index.js")).isFalse();
        assertThat(languages.documentation("src/index.js")).isFalse();
        // Statistics still count only programming and markup languages outside those files.
        assertThat(Linguist.language("node_modules/left-pad/index.js")).isNull();
        assertThat(Linguist.language("package.json")).isNull();
        assertThat(Linguist.language("src/index.js")).isEqualTo("JavaScript");
    }
}
