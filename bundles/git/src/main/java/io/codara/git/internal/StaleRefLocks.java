package io.codara.git.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pre-receive hook that removes the lock files a crash left behind on the refs a push is about to move. Git holds
 * {@code refs/heads/main.lock} (and {@code packed-refs.lock}) only while it writes a ref, milliseconds; one that is
 * minutes old belongs to a process that died (a kill -9 between taking and releasing the lock), and would refuse
 * every push to that ref until someone removed it by hand.
 */
final class StaleRefLocks implements PreReceiveHook {

    static final Duration STALE = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(StaleRefLocks.class);

    private final Duration stale;

    StaleRefLocks(Duration stale) {
        this.stale = stale;
    }

    @Override
    public void onPreReceive(ReceivePack receivePack, Collection<ReceiveCommand> commands) {
        Path gitDir = receivePack.getRepository().getDirectory().toPath().toAbsolutePath().normalize();
        Set<Path> locks = new LinkedHashSet<>();
        locks.add(gitDir.resolve("packed-refs.lock"));
        for (ReceiveCommand command : commands) {
            if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
                Path lock = gitDir.resolve(command.getRefName() + ".lock").normalize();
                if (lock.startsWith(gitDir.resolve("refs"))) {
                    locks.add(lock);
                }
            }
        }
        Instant before = Instant.now().minus(stale);
        for (Path lock : locks) {
            try {
                if (Files.isRegularFile(lock) && Files.getLastModifiedTime(lock).toInstant().isBefore(before)
                        && Files.deleteIfExists(lock)) {
                    LOG.warn("Removed the stale lock {} of {}, left by a process that died while writing it",
                            gitDir.relativize(lock), gitDir.getFileName());
                }
            } catch (IOException e) {
                LOG.warn("Could not check or remove the lock {}: {}", lock, e.toString());
            }
        }
    }
}
