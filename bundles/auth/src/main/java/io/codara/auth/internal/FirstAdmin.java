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
import java.security.SecureRandom;
import java.util.Map;
import java.util.function.Function;

import io.codara.api.identity.NewAccount;
import io.codara.api.rest.ApiException;
import io.codara.api.storage.StorageLayout;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first administrator on first start, when no user exists yet: login and password from
 * configuration or the environment, or a random password written once to an owner-only file under the storage
 * root. Afterwards the account is an ordinary user: its password is changed like anyone's.
 */
@Component(service = FirstAdmin.class, immediate = true, configurationPid = "io.codara.auth.bootstrap")
@Designate(ocd = FirstAdminConfig.class)
public final class FirstAdmin {

    static final String PASSWORD_FILE = "admin-password";
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final String login;
    private final boolean created;

    @Activate
    public FirstAdmin(@Reference StorageLayout layout, @Reference PostgresAccounts accounts, FirstAdminConfig config)
            throws IOException {
        this(layout.root(), accounts, config, System::getenv);
    }

    FirstAdmin(Path root, PostgresAccounts accounts, FirstAdminConfig config, Function<String, String> env)
            throws IOException {
        this.login = firstNonBlank(config.admin_login(), env.apply("CODARA_ADMIN_LOGIN"), "admin");
        if (accounts.anyUser()) {
            this.created = false;
            return;
        }
        String email = firstNonBlank(config.admin_email(), env.apply("CODARA_ADMIN_EMAIL"), login + "@codara.localhost");
        String password = firstNonBlank(config._admin_password(), env.apply("CODARA_ADMIN_PASSWORD"), null);
        String source;
        if (password == null) {
            Path file = root.resolve(PASSWORD_FILE);
            password = readOrCreate(file);
            source = "password in " + file;
        } else {
            source = "password from configuration";
        }
        boolean made;
        try {
            accounts.createFirstAdmin(new NewAccount(login, "Administrator", email, password.toCharArray(), true));
            made = true;
        } catch (ApiException refused) {
            if (accounts.find(login).isEmpty()) {
                // Not a race with another node: the configured login, email or password is unusable. Say so loudly;
                // the message names the fields and never the password.
                LOG.error("Cannot create the Codara administrator '{}': {} {}", login, refused.getMessage(),
                        refused.errors());
                throw refused;
            }
            // Another node created it a moment ago (the login is unique): nothing left to do here.
            made = false;
        }
        this.created = made;
        if (made) {
            LOG.info("Codara administrator '{}' created: {}", login, source);
        }
    }

    String login() {
        return login;
    }

    /** Whether this start created the administrator. */
    boolean created() {
        return created;
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
