package io.codara.git.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * LFS object contents on disk, content-addressed: {@code mnt/lfs/<oid[0:2]>/<oid[2:4]>/<oid>}. An object is received
 * into a temporary file beside the store while its SHA-256 and size are checked, fsynced, then atomically moved into
 * place, so a reader never sees a partial object and a wrong body leaves nothing behind. Which repository may serve
 * which object is not this class's business (see {@link LfsObjects}).
 */
final class LfsObjectStore {

    private static final Pattern OID = Pattern.compile("^[0-9a-f]{64}$");
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    /** The body sent for an object is not that object: wrong size or wrong hash. */
    static final class WrongContent extends Exception {

        private static final long serialVersionUID = 1L;

        WrongContent(String message) {
            super(message);
        }
    }

    private final Path root;

    LfsObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Whether {@code oid} is an LFS object id Codara accepts: a SHA-256 as 64 lower-case hex digits. */
    static boolean validOid(String oid) {
        return oid != null && OID.matcher(oid).matches();
    }

    /** Where object {@code oid} lives (whether or not it is there). */
    Path path(String oid) {
        if (!validOid(oid)) {
            throw new IllegalArgumentException("not an LFS object id");
        }
        return root.resolve(oid.substring(0, 2)).resolve(oid.substring(2, 4)).resolve(oid);
    }

    /** Whether the store holds {@code oid} with exactly {@code size} bytes. */
    boolean contains(String oid, long size) throws IOException {
        Path path = path(oid);
        return Files.isRegularFile(path) && Files.size(path) == size;
    }

    /** The content of a stored object; the caller closes it. */
    InputStream open(String oid) throws IOException {
        return Files.newInputStream(path(oid));
    }

    /**
     * Receives the content claimed to be object {@code oid} of {@code size} bytes: kept only when the body is exactly
     * that (reading stops as soon as it is longer), durable when this returns.
     *
     * @throws WrongContent when the body's size or SHA-256 is not the claimed one; nothing is kept
     */
    void receive(String oid, long size, InputStream body) throws IOException, WrongContent {
        Path target = path(oid);
        Path temporary = root.resolve("tmp");
        Files.createDirectories(temporary);
        Path file = Files.createTempFile(temporary, "upload-", ".tmp");
        boolean kept = false;
        try {
            MessageDigest sha256 = sha256();
            long received = 0;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    received += n;
                    if (received > size) {
                        throw new WrongContent("The content is larger than the " + size + " bytes announced for " + oid + ".");
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
                if (received != size) {
                    throw new WrongContent("The content has " + received + " bytes, not the " + size + " announced for " + oid + ".");
                }
                String actual = HexFormat.of().formatHex(sha256.digest());
                if (!actual.equals(oid)) {
                    throw new WrongContent("The content's SHA-256 is " + actual + ", not " + oid + ".");
                }
                out.flush();
                channel.force(true);
            }
            boolean newDirectories = !Files.isDirectory(target.getParent());
            Files.createDirectories(target.getParent());
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The LFS store " + root + " cannot move files atomically", e);
            }
            kept = true;
            syncDirectory(target.getParent());
            if (newDirectories) {
                // The new <oid[2:4]> and perhaps <oid[0:2]> directories must survive a power cut too.
                syncDirectory(target.getParent().getParent());
                syncDirectory(root);
            }
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Makes a move into {@code directory} durable (a directory cannot be opened for this on Windows). */
    private static void syncDirectory(Path directory) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
