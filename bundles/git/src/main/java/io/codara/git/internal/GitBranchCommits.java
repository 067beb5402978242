package io.codara.git.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.codara.api.event.Topics;
import io.codara.api.git.BranchCommits;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Server-side commits onto a branch: a new tree from the old one with some files replaced, a commit by the caller,
 * the branch protection rules asked as for a push, and the ref moved (only from the expected commit) in the
 * transaction that publishes the push.
 */
@Component(service = BranchCommits.class)
public final class GitBranchCommits implements BranchCommits {

    private final PostgresRepositories repositories;
    private final GitDirectories directories;
    private final Database database;
    private final EventOutbox outbox;
    private final PushProtection protection;

    @Activate
    public GitBranchCommits(@Reference PostgresRepositories repositories, @Reference GitDirectories directories,
            @Reference Database database, @Reference EventOutbox outbox, @Reference PushProtection protection) {
        this.repositories = repositories;
        this.directories = directories;
        this.database = database;
        this.outbox = outbox;
        this.protection = protection;
    }

    @Override
    public String commitFiles(long repositoryId, String branch, String expectedHead, Map<String, String> files,
            String message, Principal author) {
        Repository repository = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        if (author == null || author.anonymous()) {
            throw new ApiException(401, "Requires authentication");
        }
        if (files.isEmpty()) {
            throw new ApiException(422, "Nothing to commit");
        }
        String ref = Constants.R_HEADS + branch;
        try (org.eclipse.jgit.lib.Repository git = directories.open(repository.id());
                ObjectInserter inserter = git.newObjectInserter();
                ObjectReader reader = git.newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            Ref current = git.exactRef(ref);
            if (current == null || current.getObjectId() == null) {
                throw ApiException.notFound();
            }
            ObjectId before = current.getObjectId();
            if (!before.name().equals(expectedHead)) {
                throw new ApiException(409, "The branch " + branch + " moved to " + before.name()
                        + " meanwhile; reload and try again");
            }
            RevCommit parent = walk.parseCommit(before);
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], 0, reader, parent.getTree());
            builder.finish();
            DirCacheBuilder edit = index.builder();
            for (int i = 0; i < index.getEntryCount(); i++) {
                DirCacheEntry entry = index.getEntry(i);
                String replacement = files.get(entry.getPathString());
                if (replacement != null) {
                    DirCacheEntry changed = new DirCacheEntry(entry.getPathString());
                    changed.setFileMode(entry.getFileMode());
                    changed.setObjectId(inserter.insert(Constants.OBJ_BLOB,
                            replacement.getBytes(StandardCharsets.UTF_8)));
                    edit.add(changed);
                } else {
                    edit.add(entry);
                }
            }
            edit.finish();
            for (String path : files.keySet()) {
                DirCacheEntry entry = index.getEntry(path);
                if (entry == null || entry.getFileMode() != FileMode.REGULAR_FILE
                        && entry.getFileMode() != FileMode.EXECUTABLE_FILE) {
                    throw new ApiException(422, path + " is not a file of " + branch);
                }
            }
            ObjectId tree = index.writeTree(inserter);
            PersonIdent who = new PersonIdent(author.login(), author.login() + "@users.noreply.codara");
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(before);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message.endsWith("\n") ? message : message + "\n");
            ObjectId after = inserter.insert(commit);
            inserter.flush();
            ReceiveCommand command = new ReceiveCommand(before, after, ref, ReceiveCommand.Type.UPDATE);
            Optional<String> refused = protection.refusal(repository, author, git, command);
            if (refused.isPresent()) {
                throw new ApiException(403, refused.get());
            }
            database.inTransaction(tx -> {
                try (PreparedStatement s = tx.prepareStatement(
                        "UPDATE git.repositories SET pushed_at = now() WHERE id = ?")) {
                    s.setLong(1, repository.id());
                    s.executeUpdate();
                }
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("repository_id", repository.id());
                props.put("repository", repository.fullName());
                props.put("pusher", author.login());
                props.put("ref_updates", List.of(Map.of("ref", ref, "before", before.name(), "after", after.name())));
                outbox.publish(tx, Topics.GIT_PUSH, props);
                RefUpdate.Result result;
                try {
                    RefUpdate move = git.updateRef(ref);
                    move.setExpectedOldObjectId(before);
                    move.setNewObjectId(after);
                    move.setRefLogIdent(who);
                    move.setRefLogMessage("commit: " + firstLine(message), false);
                    result = move.update();
                } catch (IOException e) {
                    throw new SQLException("Could not move " + ref + ": " + e.getMessage(), e);
                }
                if (result != RefUpdate.Result.FAST_FORWARD) {
                    throw new ApiException(409, "The branch " + branch + " moved meanwhile; reload and try again");
                }
                return null;
            });
            return after.name();
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not commit to " + branch + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
