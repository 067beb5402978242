package io.codara.git.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

import io.codara.api.git.RepositoryDirectories;
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
@Component(service = {GitDirectories.class, RepositoryDirectories.class})
public final class GitDirectories implements RepositoryDirectories {

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

    @Override
    public Path gitDirectory(long repositoryId) {
        return directory(repositoryId);
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
        // Collection is RepositoryMaintenance's, off the request path, and knows which repositories lend objects
        // to forks; JGit's receive-pack would otherwise collect on its own after a push.
        config.setBoolean("receive", null, "autogc", false);
        config.save();
        RefUpdate head = repository.updateRef(Constants.HEAD);
        head.disableRefLog();
        head.link(Constants.R_HEADS + defaultBranch);
        return repository;
    }

    /** The {@code objects} directory of repository {@code id}. */
    Path objects(long id) {
        return directory(id).resolve("objects");
    }

    /**
     * Makes repository {@code id} borrow the objects of {@code lender} through git alternates, by a path relative
     * to its own {@code objects} directory, so the storage root can move as a whole.
     */
    void borrow(long id, long lender) throws IOException {
        writeAlternates(id, List.of(objects(id).relativize(objects(lender)).toString()));
    }

    /** The object directories repository {@code id} borrows from, absolute. */
    List<Path> alternates(long id) throws IOException {
        Path file = objects(id).resolve("info/alternates");
        List<Path> out = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(objects(id).resolve(line.strip()).normalize());
                }
            }
        }
        return out;
    }

    /**
     * Makes repository {@code id}, which borrows from {@code lender}, independent of it before the lender goes:
     * the lender's packs and loose objects are linked (copied across file systems) into {@code id}, then
     * {@code id} borrows what the lender borrowed. Objects are immutable and named by content, so linking is safe
     * and an object already there is the same object.
     */
    void detach(long id, long lender) throws IOException {
        Path from = objects(lender);
        Path to = objects(id);
        Path packs = from.resolve("pack");
        if (Files.isDirectory(packs)) {
            Files.createDirectories(to.resolve("pack"));
            try (Stream<Path> files = Files.list(packs)) {
                // The index goes after its pack, so a reader never finds an index without its pack; bitmaps stay
                // behind (one per repository; the next collection writes it).
                List<Path> list = files.filter(p -> p.toString().endsWith(".pack")).toList();
                for (Path pack : list) {
                    Path index = pack.resolveSibling(pack.getFileName().toString().replaceFirst("\\.pack$", ".idx"));
                    if (Files.exists(index)) {
                        link(pack, to.resolve("pack").resolve(pack.getFileName()));
                        link(index, to.resolve("pack").resolve(index.getFileName()));
                    }
                }
            }
        }
        try (Stream<Path> fanout = Files.list(from)) {
            for (Path dir : fanout.filter(p -> p.getFileName().toString().matches("[0-9a-f]{2}")).toList()) {
                try (Stream<Path> loose = Files.list(dir)) {
                    for (Path object : loose.filter(p -> p.getFileName().toString().matches("[0-9a-f]{38,62}")).toList()) {
                        Files.createDirectories(to.resolve(dir.getFileName()));
                        link(object, to.resolve(dir.getFileName()).resolve(object.getFileName()));
                    }
                }
            }
        }
        List<String> inherited = new ArrayList<>();
        for (Path alternate : alternates(lender)) {
            inherited.add(to.relativize(alternate).toString());
        }
        writeAlternates(id, inherited);
    }

    private static void link(Path source, Path target) throws IOException {
        if (Files.exists(target)) {
            return;
        }
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException e) {
            // Another writer put the same object there: objects are named by their content.
        } catch (UnsupportedOperationException | IOException e) {
            Path temp = target.resolveSibling(target.getFileName() + ".tmp-" + System.nanoTime());
            Files.copy(source, temp, StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Replaces the alternates file atomically; no alternates removes it. */
    private void writeAlternates(long id, List<String> lines) throws IOException {
        Path info = objects(id).resolve("info");
        Files.createDirectories(info);
        Path file = info.resolve("alternates");
        if (lines.isEmpty()) {
            Files.deleteIfExists(file);
            forget(id);
            return;
        }
        Path temp = info.resolve("alternates.tmp-" + System.nanoTime());
        Files.writeString(temp, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forget(id);
    }

    /**
     * Drops repository {@code id}'s cached instance, which read its alternates once: the next request opens it
     * afresh, while requests still holding the old instance finish with it.
     */
    private void forget(long id) {
        RepositoryCache.unregister(key(directory(id)));
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
