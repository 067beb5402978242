package io.codara.api.search.spi;

import java.util.List;

import io.codara.api.search.Definition;

/**
 * A file a {@link SemanticRanker} may rank, from a repository the asker may read.
 *
 * @param repositoryId the repository's id
 * @param repository the repository's {@code owner/name}
 * @param branch the branch
 * @param commit the commit of that branch the index holds
 * @param path the file's path
 * @param language the file's language, or {@code null}
 * @param ordinary whether it is ordinary code (not a test, vendored, generated or documentation)
 * @param text the file's content
 * @param definitions the symbols it defines
 */
public record CandidateFile(long repositoryId, String repository, String branch, String commit, String path,
        String language, boolean ordinary, String text, List<Definition> definitions) {

    public CandidateFile {
        definitions = List.copyOf(definitions);
    }
}
