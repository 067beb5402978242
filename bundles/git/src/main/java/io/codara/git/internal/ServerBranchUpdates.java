package io.codara.git.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.transport.ReceiveCommand;

import io.codara.api.event.Topics;
import io.codara.api.git.BranchUpdate;
import io.codara.api.git.BranchUpdates;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Server-side branch moves with a push's guarantees: the protection checks of {@link PushProtection} for the actor,
 * then, in one transaction that holds the repository's row lock (as {@link PushRecorder} does, so events keep the
 * order of ref moves), the {@code pushed_at} touch, the {@link Topics#GIT_PUSH} outbox event and a compare-and-set
 * ref update; the objects and the ref are fsynced before the transaction commits.
 */
@Component(service = BranchUpdates.class)
public final class ServerBranchUpdates implements BranchUpdates {

    private final Database database;
    private final EventOutbox outbox;
    private final GitDirectories directories;
    private final Repositories repositories;
    private final PushProtection protection;

    @Activate
    public ServerBranchUpdates(@Reference Database database, @Reference EventOutbox outbox,
            @Reference GitDirectories directories, @Reference Repositories repositories,
            @Reference PushProtection protection) {
        this.database = database;
        this.outbox = outbox;
        this.directories = directories;
        this.repositories = repositories;
        this.protection = protection;
    }

    @Override
    public BranchUpdate update(long repositoryId, String branch, String expectedOld, String newSha, Principal actor,
            String reason) {
        Repository repository = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        if (repository.archived()) {
            return new BranchUpdate(BranchUpdate.Status.REFUSED, "This repository was archived so it is read-only.");
        }
        String ref = Constants.R_HEADS + RepositoryNames.branch(branch);
        ObjectId old = expectedOld == null ? ObjectId.zeroId() : ObjectId.fromString(expectedOld);
        ObjectId target = newSha == null ? ObjectId.zeroId() : ObjectId.fromString(newSha);
        ReceiveCommand command = new ReceiveCommand(old, target, ref);
        try (org.eclipse.jgit.lib.Repository db = directories.open(repositoryId)) {
            Ref current = db.exactRef(ref);
            ObjectId now = current == null || current.getObjectId() == null ? ObjectId.zeroId() : current.getObjectId();
            if (!now.equals(old)) {
                return new BranchUpdate(BranchUpdate.Status.MOVED, "Branch " + branch + " was modified meanwhile.");
            }
            if (newSha != null && !db.getObjectDatabase().has(target)) {
                throw new IllegalArgumentException("commit " + newSha + " is not in " + repository.fullName());
            }
            Optional<String> refusal = protection.refusal(repository, actor, db, command);
            if (refusal.isPresent()) {
                return new BranchUpdate(BranchUpdate.Status.REFUSED, refusal.get());
            }
            Path gitDir = db.getDirectory().toPath();
            if (newSha != null) {
                fsyncObjectDirectories(gitDir.resolve("objects"));
            }
            return database.inTransaction(tx -> {
                try (PreparedStatement s = tx.prepareStatement(
                        "UPDATE git.repositories SET pushed_at = now() WHERE id = ?")) {
                    s.setLong(1, repositoryId);
                    if (s.executeUpdate() != 1) {
                        throw ApiException.notFound();
                    }
                }
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("repository_id", repositoryId);
                event.put("repository", repository.fullName());
                event.put("pusher", actor.login());
                event.put("ref_updates", List.of(Map.of("ref", ref, "before", old.name(), "after", target.name())));
                outbox.publish(tx, Topics.GIT_PUSH, event);
                String login = actor.login() == null ? "codara" : actor.login();
                RefUpdate.Result result;
                try {
                    RefUpdate move = db.updateRef(ref);
                    move.setExpectedOldObjectId(old);
                    move.setNewObjectId(target);
                    move.setForceUpdate(true);
                    move.setRefLogIdent(new PersonIdent(login, login + "@users.noreply.codara"));
                    move.setRefLogMessage(reason, false);
                    result = newSha == null ? move.delete() : move.update();
                } catch (IOException e) {
                    throw new SQLException("Could not move " + ref + ": " + e.getMessage(), e);
                }
                switch (result) {
                    case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> {
                        PushRecorder.fsyncRefDirectories(gitDir, List.of(command));
                        return new BranchUpdate(BranchUpdate.Status.UPDATED, null);
                    }
                    case LOCK_FAILURE -> {
                        // Rolling back drops the event: nothing moved.
                        tx.rollback();
                        return new BranchUpdate(BranchUpdate.Status.MOVED,
                                "Branch " + branch + " was modified meanwhile.");
                    }
                    default -> throw new SQLException("Could not move " + ref + ": " + result);
                }
            });
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not update " + ref + " of " + repository.fullName() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The objects a server-side change wrote (loose, or a pack) are durable before a ref points at them: fsync the
     * object directories (each file was written with {@code core.fsyncObjectFiles} by its writer, or is older).
     */
    private static void fsyncObjectDirectories(Path objects) throws IOException {
        if (!Files.isDirectory(objects)) {
            return;
        }
        try (Stream<Path> children = Files.list(objects)) {
            for (Path dir : children.filter(Files::isDirectory).toList()) {
                PushRecorder.fsyncDirectory(dir);
            }
        }
        PushRecorder.fsyncDirectory(objects);
    }
}
