package io.codara.api.git;

import java.util.List;

/**
 * What a check of a repository found.
 *
 * @param repository {@code owner/name}
 * @param objectsChecked objects read and checked
 * @param problems one line per problem ({@code missing blob <id>}, {@code corrupt commit <id>: <reason>},
 *        {@code broken ref <name>: ...}), empty when the repository is sound
 * @param truncated whether more problems were found than listed
 */
public record FsckReport(String repository, long objectsChecked, List<String> problems, boolean truncated) {

    public FsckReport {
        problems = List.copyOf(problems);
    }

    /** Whether nothing was wrong. */
    public boolean clean() {
        return problems.isEmpty();
    }
}
