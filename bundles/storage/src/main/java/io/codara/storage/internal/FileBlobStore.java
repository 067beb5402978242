package io.codara.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.codara.api.storage.BlobRef;
import io.codara.api.storage.BlobStore;
import io.codara.api.storage.StorageLayout;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs under {@code mnt/blobs/<aa>/<bb>/<sha256>}. A blob is streamed to a temporary file beside the blobs while
 * it is hashed, synced, then atomically moved into place, so a reader never sees a partial blob.
 */
@Component
public final class FileBlobStore implements BlobStore {

    static final String TEMP_PREFIX = ".incoming-";

    private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Duration ABANDONED_AFTER = Duration.ofDays(1);

    private final Path root;

    @Activate
    public FileBlobStore(@Reference StorageLayout layout) throws IOException {
        this.root = layout.blobs();
        Files.createDirectories(root);
        removeAbandonedUploads();
    }

    @Override
    public BlobRef put(InputStream content) throws IOException {
        MessageDigest sha256 = sha256();
        Path temp = root.resolve(TEMP_PREFIX + UUID.randomUUID());
        boolean moved = false;
        try {
            long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha256);
                size = content.transferTo(out);
                out.flush();
                channel.force(true);
            }
            String hash = HexFormat.of().formatHex(sha256.digest());
            Path target = pathOf(hash);
            if (Files.exists(target)) {
                return new BlobRef(hash, size);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // A concurrent put of the same bytes won: same content, nothing to do.
                return new BlobRef(hash, size);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The blob store " + root + " must support atomic moves", e);
            }
            moved = true;
            syncDirectory(target.getParent());
            return new BlobRef(hash, size);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    @Override
    public Optional<InputStream> open(String sha256) throws IOException {
        try {
            return Optional.of(Files.newInputStream(pathOf(checkId(sha256))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<BlobRef> stat(String sha256) throws IOException {
        try {
            return Optional.of(new BlobRef(sha256, Files.size(pathOf(checkId(sha256)))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(String sha256) throws IOException {
        Path path = pathOf(checkId(sha256));
        boolean existed = Files.deleteIfExists(path);
        if (existed) {
            syncDirectory(path.getParent());
        }
        return existed;
    }

    /** {@code <root>/<aa>/<bb>/<sha256>}; only ever called with a validated id. */
    Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    /** Rejects anything but 64 lower-case hex digits: ids become paths, so this is what prevents traversal. */
    static String checkId(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("A blob id is 64 lower-case hex digits (SHA-256)");
        }
        return sha256;
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory for syncing; the rename itself is still atomic there.
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    private void removeAbandonedUploads() throws IOException {
        Instant cutoff = Instant.now().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(root, TEMP_PREFIX + "*")) {
            for (Path temp : temps) {
                if (Files.getLastModifiedTime(temp).toInstant().isBefore(cutoff)) {
                    LOG.info("Removing abandoned upload {}", temp);
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
