package io.codara.git.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

import io.codara.api.storage.StorageLayout;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Where repositories live on disk: {@code mnt/repos/<shard>/<id>.git}, named by the repository's id (never by a
 * user-chosen name, so nothing a user types can reach a path), 256 shards so no directory grows huge.
 * <p>
 * Repositories are opened through JGit's {@link RepositoryCache}: every request for a repository shares one open
 * instance, with its pack indexes, bitmap index and ref cache already loaded, instead of reading a pack's index
 * (megabytes for a large repository) and bitmaps again on each clone or fetch. An instance nobody uses is closed
 * after the cache's expiry (an hour by default).
 */
@Component(service = GitDirectories.class)
public final class GitDirectories {

    private final Path repos;

    @Activate
    public GitDirectories(@Reference StorageLayout layout) {
        this(layout.repos());
    }

    GitDirectories(Path repos) {
        this.repos = repos.toAbsolutePath().normalize();
    }

    /** The bare repository directory of repository {@code id}. */
    Path directory(long id) {
        if (id <= 0) {
            throw new IllegalArgumentException("repository ids are positive");
        }
        return repos.resolve(String.format("%02x", id & 0xff)).resolve(id + ".git");
    }

    /** Closes every cached repository instance: the bundle is going away. */
    @Deactivate
    void deactivate() {
        RepositoryCache.clear();
    }

    /** Opens an existing bare repository; the caller closes it (which returns it to the cache). */
    Repository open(long id) throws IOException {
        Path dir = directory(id);
        if (!Files.isDirectory(dir)) {
            throw new IOException("No git directory for repository " + id + " at " + dir);
        }
        return RepositoryCache.open(key(dir), true);
    }

    private static RepositoryCache.FileKey key(Path dir) {
        return RepositoryCache.FileKey.exact(dir.toFile(), FS.DETECTED);
    }

    /**
     * Creates the bare repository of {@code id} with HEAD on {@code defaultBranch}, configured for durability
     * (objects and refs are fsynced before a push is acknowledged) and for serving (no pushes to HEAD's branch
     * are refused, as on a server).
     */
    Repository create(long id, String defaultBranch) throws IOException {
        Path dir = directory(id);
        Files.createDirectories(dir.getParent());
        Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
        repository.create(true);
        StoredConfig config = repository.getConfig();
        config.setBoolean("core", null, "fsyncObjectFiles", true);
        config.setBoolean("core", null, "fsyncRefFiles", true);
        config.setBoolean("core", null, "logAllRefUpdates", true);
        config.setBoolean("receive", null, "fsckObjects", true);
        config.setBoolean("uploadpack", null, "allowFilter", true);
        config.setBoolean("uploadpack", null, "allowAnySHA1InWant", false);
        config.setBoolean("repack", null, "writeBitmaps", true);
        config.save();
        RefUpdate head = repository.updateRef(Constants.HEAD);
        head.disableRefLog();
        head.link(Constants.R_HEADS + defaultBranch);
        return repository;
    }

    /** Removes a repository's directory and everything in it. */
    void delete(long id) throws IOException {
        Path dir = directory(id);
        if (!Files.exists(dir)) {
            return;
        }
        // No cached instance may keep serving (or writing to) a deleted repository.
        RepositoryCache.close(RepositoryCache.open(key(dir), true));
        // Move aside first: a half-deleted directory must never look like a repository.
        Path trash = dir.resolveSibling(id + ".git.deleted-" + System.nanoTime());
        Files.move(dir, trash);
        try (var files = Files.walk(trash)) {
            for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
