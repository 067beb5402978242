package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.rest.PageRequest;
import io.codara.api.search.CodeMatch;
import io.codara.api.security.Principal;

/**
 * The index of real code (this project's own Java sources, about a megabyte) stays under 1.5 times the source's
 * size, stored content included, and answers with the same files as a plain scan of the sources.
 */
class IndexSizeTest {

    @TempDir
    Path temp;

    @Test
    void indexAndStoredContentStayUnderOneAndAHalfTimesTheSource() throws Exception {
        Path bundles = Path.of("..").toAbsolutePath().normalize();
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(bundles)) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/")).sorted().toList()) {
                files.put(bundles.relativize(p).toString(), Files.readString(p));
            }
        }
        long sourceBytes = files.values().stream().mapToLong(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
        assertThat(sourceBytes).isGreaterThan(500_000);
        try (SearchFixture fixture = new SearchFixture(temp)) {
            Repository r = fixture.create("codara", "codara", Visibility.PUBLIC);
            fixture.commit(r, files);
            fixture.indexer.sync(r.id());
            long indexBytes = fixture.index.diskBytes();
            System.out.printf("Index of %d files: %d bytes for %d bytes of source (%.2f)%n", files.size(), indexBytes,
                    sourceBytes, (double) indexBytes / sourceBytes);
            assertThat((double) indexBytes / sourceBytes).as("index %d bytes for %d bytes of source", indexBytes,
                    sourceBytes).isLessThan(1.5);

            List<String> expected = files.entrySet().stream().filter(e -> e.getValue().contains("RepositoryDirectories"))
                    .map(Map.Entry::getKey).sorted().toList();
            List<String> found = fixture.search.search("RepositoryDirectories case:yes", Principal.ANONYMOUS,
                    PageRequest.of(1, 100)).items().stream().map(CodeMatch::path).sorted().toList();
            assertThat(found).isEqualTo(expected).isNotEmpty();
        }
    }
}
