package io.codara.api.search;

import java.util.List;

/**
 * One page of the references to a symbol in a repository, grouped by file.
 *
 * @param repository the repository's {@code owner/name}
 * @param branch the branch searched
 * @param commit the commit of that branch the index holds
 * @param totalCount how many lines refer to the symbol in all files
 * @param fileCount how many files hold those lines (pages count files)
 * @param incompleteResults whether the search stopped early so that some references may be missing
 * @param files the files of this page
 */
public record ReferenceSearchResult(String repository, String branch, String commit, long totalCount, long fileCount,
        boolean incompleteResults, List<ReferenceFile> files) {

    public ReferenceSearchResult {
        files = List.copyOf(files);
    }
}
