package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;

import io.codara.api.identity.Account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstAdminTest {

    @TempDir
    Path root;

    private static FirstAdminConfig config(String login, String password) {
        FirstAdminConfig config = mock(FirstAdminConfig.class);
        when(config.admin_login()).thenReturn(login);
        when(config._admin_password()).thenReturn(password);
        when(config.admin_email()).thenReturn("");
        return config;
    }

    @Test
    void createsTheAdministratorOnceWithAnOwnerOnlyPasswordFile() throws Exception {
        AuthFixture fx = new AuthFixture();
        FirstAdmin first = new FirstAdmin(root, fx.accounts, config("", ""), FirstAdmin.env(Map.of()));
        Path file = root.resolve(FirstAdmin.PASSWORD_FILE);
        String password = Files.readString(file).strip();

        assertThat(first.created()).isTrue();
        assertThat(password).hasSize(24);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(fx.accounts.verifyPassword("admin", password.toCharArray())).hasValueSatisfying(a -> {
            assertThat(a.siteAdmin()).isTrue();
            assertThat(a.login()).isEqualTo("admin");
        });

        // A restart finds a user and changes nothing, even if the password file or the environment changed.
        Files.delete(file);
        FirstAdmin second = new FirstAdmin(root, fx.accounts, config("", "another-password"), FirstAdmin.env(Map.of()));
        assertThat(second.created()).isFalse();
        assertThat(file).doesNotExist();
        assertThat(fx.accounts.verifyPassword("admin", password.toCharArray())).isPresent();
    }

    @Test
    void environmentProvidesLoginAndPasswordWithoutWritingAFile() throws Exception {
        AuthFixture fx = new AuthFixture();
        new FirstAdmin(root, fx.accounts, config("", ""),
                FirstAdmin.env(Map.of("CODARA_ADMIN_LOGIN", "root", "CODARA_ADMIN_PASSWORD", "s3cret-pass")));

        assertThat(fx.accounts.verifyPassword("root", "s3cret-pass".toCharArray())).map(Account::siteAdmin).contains(true);
        assertThat(fx.accounts.find("admin")).isEmpty();
        assertThat(root.resolve(FirstAdmin.PASSWORD_FILE)).doesNotExist();
    }

    @Test
    void configurationWinsOverEnvironment() throws Exception {
        AuthFixture fx = new AuthFixture();
        new FirstAdmin(root, fx.accounts, config("boss", "from-config"),
                FirstAdmin.env(Map.of("CODARA_ADMIN_LOGIN", "root", "CODARA_ADMIN_PASSWORD", "from-env-1")));

        assertThat(fx.accounts.verifyPassword("boss", "from-config".toCharArray())).isPresent();
        assertThat(fx.accounts.find("root")).isEmpty();
    }

    @Test
    void anUnusablePasswordFailsActivationLoudlyInsteadOfLeavingNoAdministrator() {
        AuthFixture fx = new AuthFixture();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FirstAdmin(root, fx.accounts, config("", "short"),
                FirstAdmin.env(Map.of()))).isInstanceOf(io.codara.api.rest.ApiException.class)
                .hasMessageNotContaining("short");
        assertThat(fx.accounts.find("admin")).isEmpty();
    }

    @Test
    void nodesStartingTogetherAgreeOnOnePassword() throws Exception {
        Path file = root.resolve(FirstAdmin.PASSWORD_FILE);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return FirstAdmin.readOrCreate(file);
                }));
            }
            go.countDown();
            java.util.Set<String> passwords = new java.util.HashSet<>();
            for (java.util.concurrent.Future<String> result : results) {
                passwords.add(result.get());
            }
            assertThat(passwords).containsExactly(Files.readString(file).strip());
            try (var files = Files.list(root)) {
                assertThat(files).as("no temporary files left").containsExactly(file);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
