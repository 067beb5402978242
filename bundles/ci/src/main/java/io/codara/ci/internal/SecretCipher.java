package io.codara.ci.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.codara.api.storage.StorageLayout;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * AES-256-GCM for CI secrets at rest, with the JDK's own crypto. The key is 32 random bytes, Base64 in
 * {@code <codara.root>/ci/secrets.key} (owner read/write only), made on first use; every value gets a fresh
 * 96-bit nonce, and the additional data binds a ciphertext to its owner and name, so a row copied onto another
 * repository or secret does not decrypt.
 */
@Component(service = SecretCipher.class)
public final class SecretCipher {

    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final Path keyFile;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    @Activate
    public SecretCipher(@Reference StorageLayout layout) {
        this(layout.root().resolve("ci").resolve("secrets.key"));
    }

    SecretCipher(Path keyFile) {
        this.keyFile = keyFile;
    }

    /** A nonce and the ciphertext (with its tag) of one value. */
    record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    Sealed encrypt(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new Sealed(nonce, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The plaintext; fails when the ciphertext, nonce, data or key do not match (tampering, another key). */
    String decrypt(Sealed sealed, String associatedData) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecurityException("A CI secret could not be decrypted: it was altered, or "
                    + keyFile + " is not the key it was encrypted with", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                current = key;
                if (current == null) {
                    current = new SecretKeySpec(loadOrCreate(), "AES");
                    key = current;
                }
            }
        }
        return current;
    }

    private byte[] loadOrCreate() {
        try {
            if (!Files.exists(keyFile)) {
                create();
            }
            byte[] bytes = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
            if (bytes.length != KEY_BYTES) {
                throw new IllegalStateException(keyFile + " must hold " + KEY_BYTES + " bytes in Base64");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the CI secrets key " + keyFile, e);
        }
    }

    /** Written beside the key and moved into place, so that a node that loses the race reads the winner's key. */
    private void create() throws IOException {
        Files.createDirectories(keyFile.getParent());
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        Path temporary = keyFile.resolveSibling(keyFile.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temporary, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, keyFile);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(temporary);
        }
    }
}
