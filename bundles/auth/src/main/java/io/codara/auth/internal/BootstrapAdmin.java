package io.codara.auth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.codara.api.auth.Authenticator;
import io.codara.api.auth.Identity;
import io.codara.api.storage.StorageLayout;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first administrator, who exists before any user does: login and password from configuration or the
 * environment, or a random password written once to an owner-only file under the storage root.
 */
@Component(service = Authenticator.class, configurationPid = "io.codara.auth.bootstrap",
        property = "service.ranking:Integer=-100")
@Designate(ocd = BootstrapAdminConfig.class)
public final class BootstrapAdmin implements Authenticator {

    static final String PASSWORD_FILE = "admin-password";
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final String login;
    private final byte[] passwordDigest;

    @Activate
    public BootstrapAdmin(@Reference StorageLayout layout, BootstrapAdminConfig config) throws IOException {
        this(layout.root(), config, System::getenv);
    }

    BootstrapAdmin(Path root, BootstrapAdminConfig config, Function<String, String> env) throws IOException {
        this.login = firstNonBlank(config.admin_login(), env.apply("CODARA_ADMIN_LOGIN"), "admin");
        String password = firstNonBlank(config._admin_password(), env.apply("CODARA_ADMIN_PASSWORD"), null);
        if (password == null) {
            Path file = root.resolve(PASSWORD_FILE);
            password = readOrCreate(file);
            LOG.info("Codara administrator '{}': password in {}", login, file);
        } else {
            LOG.info("Codara administrator '{}': password from configuration", login);
        }
        this.passwordDigest = digest(password.toCharArray());
    }

    @Override
    public Optional<Identity> authenticate(String candidateLogin, char[] secret) {
        if (candidateLogin == null || secret == null) {
            return Optional.empty();
        }
        // Compare digests in constant time so that timing reveals nothing about the password.
        boolean ok = MessageDigest.isEqual(digest(secret), passwordDigest) & login.equals(candidateLogin);
        return ok ? Optional.of(new Identity(login, true)) : Optional.empty();
    }

    String login() {
        return login;
    }

    static String readOrCreate(Path file) throws IOException {
        String existing = readIfPresent(file);
        if (existing != null) {
            return existing;
        }
        String password = randomPassword(24);
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".admin-password", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((password + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            // link() fails if the file exists: when two nodes start on one root at once, exactly one password wins
            // and the other node reads it.
            Files.createLink(file, tmp);
            return password;
        } catch (FileAlreadyExistsException raced) {
            String winner = readIfPresent(file);
            if (winner == null) {
                throw new IOException("The administrator password file " + file + " is empty", raced);
            }
            return winner;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String readIfPresent(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
        return existing.isEmpty() ? null : existing;
    }

    static String randomPassword(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static byte[] digest(char[] secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest(new String(secret).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String firstNonBlank(String a, String b, String fallback) {
        for (String s : new String[] {a, b}) {
            if (s != null && !s.isBlank()) {
                return s.strip();
            }
        }
        return fallback;
    }

    /** Environment lookups for tests. */
    static Function<String, String> env(Map<String, String> values) {
        return values::get;
    }
}
