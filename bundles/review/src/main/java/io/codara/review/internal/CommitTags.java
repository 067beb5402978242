package io.codara.review.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.storage.Database;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Codara's commit tags: what {@link CommitTagRules} suggests from the commit in git, merged with the writers'
 * decisions in {@code review.commit_tags}. A decision on a tag that was not suggested is shown too (a confirmation
 * adds a tag).
 */
@Component(service = CommitTags.class)
public final class CommitTags {

    private final Database database;
    private final RepositoryDirectories directories;

    @Activate
    public CommitTags(@Reference ReviewSchema schema, @Reference Database database,
            @Reference RepositoryDirectories directories) {
        this.database = database;
        this.directories = directories;
    }

    /** One tag of a commit: {@code state} is suggested, confirmed or rejected; {@code decidedBy} an account id. */
    record Tag(String name, String state, String reason, Long decidedBy, Instant decidedAt) {
    }

    /** A commit resolved from a ref, with what the rules suggest for it. */
    record Commit(String sha, List<CommitTagRules.Suggestion> suggestions) {
    }

    /** The commit {@code ref} names in {@code repository} with its suggestions; 404 when there is none. */
    Commit commit(Repository repository, String ref) {
        Path dir = directories.gitDirectory(repository.id());
        if (dir == null || !Files.isDirectory(dir)) {
            throw ApiException.notFound();
        }
        try (org.eclipse.jgit.lib.Repository git = new FileRepositoryBuilder().setGitDir(dir.toFile())
                .setMustExist(true).build(); RevWalk walk = new RevWalk(git)) {
            ObjectId id = git.resolve(ref + "^{commit}");
            if (id == null) {
                throw ApiException.notFound();
            }
            RevCommit commit = walk.parseCommit(id);
            List<CommitTagRules.Change> changes = new ArrayList<>();
            try (var reader = git.newObjectReader();
                    DiffFormatter scanner = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
                AbstractTreeIterator from = commit.getParentCount() == 0 ? new EmptyTreeIterator()
                        : new CanonicalTreeParser(null, reader, walk.parseCommit(commit.getParent(0)).getTree());
                scanner.setRepository(git);
                scanner.setDiffComparator(RawTextComparator.DEFAULT);
                scanner.setDetectRenames(true);
                for (DiffEntry entry : scanner.scan(from, new CanonicalTreeParser(null, reader, commit.getTree()))) {
                    changes.add(new CommitTagRules.Change(entry.getChangeType().name(), entry.getScore()));
                }
            }
            return new Commit(commit.name(), CommitTagRules.suggest(commit.getFullMessage(), changes));
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.MissingObjectException
                | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            throw ApiException.notFound();
        } catch (IOException e) {
            throw new IllegalStateException("Could not read commit " + ref, e);
        }
    }

    /** The suggested tags of {@code commit} with the decisions on them, and the decided tags that were not suggested. */
    List<Tag> list(Repository repository, Commit commit) {
        Map<String, Tag> tags = new LinkedHashMap<>();
        for (CommitTagRules.Suggestion s : commit.suggestions()) {
            tags.put(s.name(), new Tag(s.name(), "suggested", s.reason(), null, null));
        }
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT name, state, decided_by, decided_at FROM"
                        + " review.commit_tags WHERE repository_id = ? AND commit_id = ?")) {
            s.setLong(1, repository.id());
            s.setString(2, commit.sha());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    Tag suggested = tags.get(name);
                    tags.put(name, new Tag(name, rs.getString(2), suggested == null ? null : suggested.reason(),
                            rs.getLong(3), rs.getTimestamp(4).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read commit tags", e);
        }
        List<Tag> ordered = new ArrayList<>();
        for (String name : CommitTagRules.NAMES) {
            if (tags.containsKey(name)) {
                ordered.add(tags.get(name));
            }
        }
        return ordered;
    }

    /** Records {@code user}'s decision ({@code confirmed} or {@code rejected}) on tag {@code name} of {@code commit}. */
    void decide(Repository repository, Commit commit, String name, String state, long user) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO review.commit_tags (repository_id, commit_id,"
                        + " name, state, decided_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (repository_id, commit_id, name)"
                        + " DO UPDATE SET state = excluded.state, decided_by = excluded.decided_by, decided_at = now()")) {
            s.setLong(1, repository.id());
            s.setString(2, commit.sha());
            s.setString(3, name(name));
            s.setString(4, state);
            s.setLong(5, user);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a commit tag", e);
        }
    }

    /** The canonical tag name; 422 for names other than {@link CommitTagRules#NAMES}. */
    static String name(String name) {
        if (!CommitTagRules.known(name)) {
            throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError("CommitTag", "name",
                    "invalid", "name must be one of " + String.join(", ", CommitTagRules.NAMES))));
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
