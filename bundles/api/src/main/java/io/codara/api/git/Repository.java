package io.codara.api.git;

import java.time.Instant;
import java.util.List;

/**
 * A hosted repository.
 *
 * @param id stable numeric id
 * @param owner the owning user's or organisation's login
 * @param name the name within the owner
 * @param description description, or {@code null}
 * @param homepage homepage, or {@code null}
 * @param topics topics, lower case
 * @param visibility who may see it
 * @param defaultBranch the branch shown and cloned by default, e.g. {@code main}
 * @param archived whether it is read-only
 * @param template whether new repositories may be generated from it
 * @param parentId the repository it was forked from, or {@code null}
 * @param createdAt creation time
 * @param updatedAt last change of its settings
 * @param pushedAt last accepted push, or {@code null}
 * @param templateId the template repository it was generated from, or {@code null}
 * @param merging how its pull requests may be merged
 * @param forksCount how many repositories were forked from it directly
 * @param diskBytes its objects' bytes on disk when last measured (after a push or a repack), or {@code null}
 * @param stargazersCount how many accounts starred it
 * @param language the main language of its default branch (the largest by bytes) as of the last push, or
 *        {@code null} when it has none or was not measured yet
 */
public record Repository(long id, String owner, String name, String description, String homepage, List<String> topics,
        Visibility visibility, String defaultBranch, boolean archived, boolean template, Long parentId,
        Instant createdAt, Instant updatedAt, Instant pushedAt, Long templateId, MergeSettings merging,
        int forksCount, Long diskBytes, int stargazersCount, String language) {

    public Repository {
        topics = List.copyOf(topics);
        merging = merging == null ? MergeSettings.DEFAULT : merging;
    }

    /** A repository that was not generated from a template, with GitHub's merge settings and no forks. */
    public Repository(long id, String owner, String name, String description, String homepage, List<String> topics,
            Visibility visibility, String defaultBranch, boolean archived, boolean template, Long parentId,
            Instant createdAt, Instant updatedAt, Instant pushedAt) {
        this(id, owner, name, description, homepage, topics, visibility, defaultBranch, archived, template, parentId,
                createdAt, updatedAt, pushedAt, null, MergeSettings.DEFAULT, 0);
    }

    /** A repository nobody starred, whose language was not measured. */
    public Repository(long id, String owner, String name, String description, String homepage, List<String> topics,
            Visibility visibility, String defaultBranch, boolean archived, boolean template, Long parentId,
            Instant createdAt, Instant updatedAt, Instant pushedAt, Long templateId, MergeSettings merging,
            int forksCount, Long diskBytes) {
        this(id, owner, name, description, homepage, topics, visibility, defaultBranch, archived, template, parentId,
                createdAt, updatedAt, pushedAt, templateId, merging, forksCount, diskBytes, 0, null);
    }

    /** A repository whose size was not measured. */
    public Repository(long id, String owner, String name, String description, String homepage, List<String> topics,
            Visibility visibility, String defaultBranch, boolean archived, boolean template, Long parentId,
            Instant createdAt, Instant updatedAt, Instant pushedAt, Long templateId, MergeSettings merging,
            int forksCount) {
        this(id, owner, name, description, homepage, topics, visibility, defaultBranch, archived, template, parentId,
                createdAt, updatedAt, pushedAt, templateId, merging, forksCount, null);
    }

    /** {@code owner/name}. */
    public String fullName() {
        return owner + "/" + name;
    }

    /** Whether it is a fork. */
    public boolean fork() {
        return parentId != null;
    }
}
