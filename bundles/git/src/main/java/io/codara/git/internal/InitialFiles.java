package io.codara.git.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.codara.api.git.NewRepository;

/**
 * The files of a repository's first commit besides its README: a .gitignore and a licence from the templates
 * this bundle ships (licence texts as published by their authors; MIT with the year filled in).
 */
record InitialFiles(Map<String, String> files) {

    static final List<String> GITIGNORE_TEMPLATES = List.of("C", "C++", "Go", "Gradle", "Java", "Maven", "Node",
            "Python", "Rust");
    static final List<String> LICENSES = List.of("apache-2.0", "cc0-1.0", "gpl-2.0", "gpl-3.0", "lgpl-3.0", "mit",
            "mpl-2.0");

    static InitialFiles of(NewRepository input) {
        Map<String, String> files = new LinkedHashMap<>();
        if (input.gitignoreTemplate() != null && !input.gitignoreTemplate().isBlank()) {
            String name = GITIGNORE_TEMPLATES.stream().filter(t -> t.equalsIgnoreCase(input.gitignoreTemplate().strip()))
                    .findFirst().orElseThrow(() -> RepositoryNames.invalid("gitignore_template", "invalid",
                            "unknown .gitignore template; known: " + GITIGNORE_TEMPLATES));
            files.put(".gitignore", resource("templates/gitignore/" + name + ".gitignore"));
        }
        if (input.licenseTemplate() != null && !input.licenseTemplate().isBlank()) {
            String key = input.licenseTemplate().strip().toLowerCase(Locale.ROOT);
            if (!LICENSES.contains(key)) {
                throw RepositoryNames.invalid("license_template", "invalid", "unknown licence; known: " + LICENSES);
            }
            files.put("LICENSE", resource("templates/licenses/" + key + ".txt")
                    .replace("[year]", Year.now().toString()));
        }
        return new InitialFiles(Map.copyOf(files));
    }

    static String resource(String path) {
        try (InputStream in = InitialFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Template missing from the bundle: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
