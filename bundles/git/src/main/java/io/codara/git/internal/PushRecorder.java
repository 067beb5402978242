package io.codara.git.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

import io.codara.api.event.Topics;
import io.codara.api.git.Repository;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last pre-receive hook: moves the refs of a push that passed every check and records it ({@code pushed_at}
 * and one {@link Topics#GIT_PUSH} outbox event) in one database transaction, with the received objects and the
 * moved refs on stable storage, all before JGit reports the result to the client. It moves the refs itself
 * because JGit runs post-receive hooks only after that report; JGit then finds nothing left to do.
 * <p>
 * The transaction takes the repository's row lock before any ref moves, so pushes to one repository record their
 * events in the order their refs moved, and a push that cannot be recorded (database down, repository deleted)
 * is refused with nothing changed. Only a failed commit after the refs moved leaves a push without its event;
 * that is logged as an error.
 */
final class PushRecorder implements PreReceiveHook {

    static final String NOT_RECORDED = "Codara could not record this push, so nothing was changed; try again";
    private static final Logger LOG = LoggerFactory.getLogger(PushRecorder.class);

    private final Database database;
    private final EventOutbox outbox;
    private final Repository repository;
    private final String pusher;

    PushRecorder(Database database, EventOutbox outbox, Repository repository, String pusher) {
        this.database = database;
        this.outbox = outbox;
        this.repository = repository;
        this.pusher = pusher;
    }

    @Override
    public void onPreReceive(ReceivePack receivePack, Collection<ReceiveCommand> commands) {
        List<ReceiveCommand> pending = commands.stream()
                .filter(c -> c.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED).toList();
        if (pending.isEmpty()) {
            return;
        }
        Path gitDir = receivePack.getRepository().getDirectory().toPath();
        try {
            // JGit fsyncs a received pack and its index but not the rename into objects/pack: make the pack's
            // name durable before a ref may point into it.
            fsyncDirectory(gitDir.resolve("objects").resolve("pack"));
            database.inTransaction(tx -> {
                record(tx, receivePack, pending, gitDir);
                return null;
            });
        } catch (SQLException | IOException | RuntimeException e) {
            boolean moved = pending.stream().anyMatch(c -> c.getResult() == ReceiveCommand.Result.OK);
            if (moved) {
                LOG.error("Push to {} by {} moved refs but its event could not be recorded: {}",
                        repository.fullName(), pusher, e.toString());
            } else {
                LOG.warn("Push to {} by {} refused: it could not be recorded: {}", repository.fullName(), pusher,
                        e.toString());
                receivePack.sendError(NOT_RECORDED + ".");
            }
            for (ReceiveCommand command : pending) {
                if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
                    command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, NOT_RECORDED);
                }
            }
        }
    }

    private void record(Connection tx, ReceivePack receivePack, List<ReceiveCommand> pending, Path gitDir)
            throws SQLException {
        Savepoint start = tx.setSavepoint();
        // Everything that can fail in the database fails here, before any ref moves.
        touchPushedAt(tx);
        outbox.publish(tx, Topics.GIT_PUSH, event(pending));
        moveRefs(receivePack, pending);
        List<ReceiveCommand> moved = pending.stream().filter(c -> c.getResult() == ReceiveCommand.Result.OK).toList();
        if (!moved.isEmpty()) {
            fsyncRefDirectories(gitDir, moved);
        }
        if (moved.size() != pending.size()) {
            // Some refs did not move (a concurrent push won, say): the event tells only what happened.
            tx.rollback(start);
            if (!moved.isEmpty()) {
                touchPushedAt(tx);
                outbox.publish(tx, Topics.GIT_PUSH, event(moved));
            }
        }
    }

    private void touchPushedAt(Connection tx) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("UPDATE git.repositories SET pushed_at = now() WHERE id = ?")) {
            s.setLong(1, repository.id());
            if (s.executeUpdate() != 1) {
                throw new SQLException("repository " + repository.id() + " no longer exists");
            }
        }
    }

    private Map<String, Object> event(List<ReceiveCommand> commands) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("repository_id", repository.id());
        properties.put("repository", repository.fullName());
        properties.put("pusher", pusher);
        properties.put("ref_updates", commands.stream().map(c -> Map.of(
                "ref", c.getRefName(), "before", c.getOldId().name(), "after", c.getNewId().name())).toList());
        return properties;
    }

    /** What JGit's own {@code executeCommands} does: one batch, atomic when the client asked for it. */
    private static void moveRefs(ReceivePack receivePack, List<ReceiveCommand> commands) {
        BatchRefUpdate batch = receivePack.getRepository().getRefDatabase().newBatchUpdate();
        batch.setAllowNonFastForwards(receivePack.isAllowNonFastForwards());
        batch.setAtomic(receivePack.isAtomic());
        batch.setRefLogIdent(receivePack.getRefLogIdent());
        batch.setRefLogMessage("push", true);
        batch.setPushCertificate(receivePack.getPushCertificate());
        batch.addCommand(commands);
        try {
            batch.execute(receivePack.getRevWalk(), NullProgressMonitor.INSTANCE);
        } catch (IOException e) {
            LOG.warn("Ref update failed: {}", e.toString());
            ReceiveCommand.abort(commands);
        }
    }

    /**
     * JGit writes each ref (and its reflog) to a lock file, fsyncs it ({@code core.fsyncRefFiles}; packed-refs
     * always) and renames it into place, but never fsyncs the directory: the rename, and any new directory, would
     * not survive a power cut. Sync every directory from the ref's up to the git directory (packed-refs).
     */
    static void fsyncRefDirectories(Path gitDir, List<ReceiveCommand> moved) {
        Set<Path> directories = new LinkedHashSet<>();
        for (ReceiveCommand command : moved) {
            for (Path base : List.of(gitDir, gitDir.resolve("logs"))) {
                for (Path dir = base.resolve(command.getRefName()).getParent(); dir != null && dir.startsWith(base);
                        dir = dir.getParent()) {
                    directories.add(dir);
                }
            }
        }
        directories.add(gitDir);
        for (Path dir : directories) {
            try {
                fsyncDirectory(dir);
            } catch (IOException e) {
                LOG.error("Could not fsync {} after a push: {}", dir, e.toString());
            }
        }
    }

    static void fsyncDirectory(Path dir) throws IOException {
        if (!dir.toFile().isDirectory()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
