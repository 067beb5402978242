package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;

import io.codara.api.auth.Identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapAdminTest {

    @TempDir
    Path root;

    private static BootstrapAdminConfig config(String login, String password) {
        BootstrapAdminConfig config = mock(BootstrapAdminConfig.class);
        when(config.admin_login()).thenReturn(login);
        when(config._admin_password()).thenReturn(password);
        return config;
    }

    @Test
    void generatesAnOwnerOnlyPasswordFileOnceAndKeepsIt() throws Exception {
        BootstrapAdmin first = new BootstrapAdmin(root, config("", ""), BootstrapAdmin.env(Map.of()));
        Path file = root.resolve(BootstrapAdmin.PASSWORD_FILE);
        String password = Files.readString(file).strip();

        assertThat(password).hasSize(24);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(first.authenticate("admin", password.toCharArray())).contains(new Identity("admin", true));

        BootstrapAdmin second = new BootstrapAdmin(root, config("", ""), BootstrapAdmin.env(Map.of()));
        assertThat(Files.readString(file).strip()).isEqualTo(password);
        assertThat(second.authenticate("admin", password.toCharArray())).isPresent();
    }

    @Test
    void environmentProvidesLoginAndPasswordWithoutWritingAFile() throws Exception {
        BootstrapAdmin admin = new BootstrapAdmin(root, config("", ""),
                BootstrapAdmin.env(Map.of("CODARA_ADMIN_LOGIN", "root", "CODARA_ADMIN_PASSWORD", "s3cret-pass")));

        assertThat(admin.authenticate("root", "s3cret-pass".toCharArray())).contains(new Identity("root", true));
        assertThat(admin.authenticate("admin", "s3cret-pass".toCharArray())).isEmpty();
        assertThat(root.resolve(BootstrapAdmin.PASSWORD_FILE)).doesNotExist();
    }

    @Test
    void configurationWinsOverEnvironment() throws Exception {
        BootstrapAdmin admin = new BootstrapAdmin(root, config("boss", "from-config"),
                BootstrapAdmin.env(Map.of("CODARA_ADMIN_LOGIN", "root", "CODARA_ADMIN_PASSWORD", "from-env")));

        assertThat(admin.authenticate("boss", "from-config".toCharArray())).isPresent();
        assertThat(admin.authenticate("root", "from-env".toCharArray())).isEmpty();
    }

    @Test
    void rejectsWrongPasswordsAndNulls() throws Exception {
        BootstrapAdmin admin = new BootstrapAdmin(root, config("admin", "right"), BootstrapAdmin.env(Map.of()));

        assertThat(admin.authenticate("admin", "wrong".toCharArray())).isEmpty();
        assertThat(admin.authenticate("admin", "".toCharArray())).isEmpty();
        assertThat(admin.authenticate(null, "right".toCharArray())).isEmpty();
        assertThat(admin.authenticate("admin", null)).isEmpty();
    }

    @Test
    void nodesStartingTogetherAgreeOnOnePassword() throws Exception {
        Path file = root.resolve(BootstrapAdmin.PASSWORD_FILE);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return BootstrapAdmin.readOrCreate(file);
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
