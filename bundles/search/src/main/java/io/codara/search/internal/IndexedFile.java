package io.codara.search.internal;

import java.util.List;

import io.codara.search.internal.symbols.SymbolDefinition;

/**
 * A file of a branch, as the index takes it.
 *
 * @param repositoryId the repository's id
 * @param branch the branch
 * @param path the path in the repository
 * @param sha the blob id
 * @param language the language, or {@code null}
 * @param text the content, decoded as UTF-8
 * @param bytes the content's size in bytes
 * @param test whether it is a test
 * @param vendored whether it is vendored
 * @param generated whether it is generated
 * @param documentation whether it is documentation
 * @param definitions the symbols it defines
 */
record IndexedFile(long repositoryId, String branch, String path, String sha, String language, String text, int bytes,
        boolean test, boolean vendored, boolean generated, boolean documentation, List<SymbolDefinition> definitions) {

    /** Whether it is none of test, vendored, generated or documentation: such files rank first. */
    boolean ordinary() {
        return !test && !vendored && !generated && !documentation;
    }
}
