package io.codara.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LfsObjectStoreTest {

    @TempDir
    Path root;

    @Test
    void anObjectIsKeptContentAddressedWhenItsSizeAndHashAreRight() throws Exception {
        LfsObjectStore store = new LfsObjectStore(root);
        byte[] content = LfsServerTest.random(200_000, 1);
        String oid = LfsServerTest.sha256(content);
        store.receive(oid, content.length, new ByteArrayInputStream(content));

        Path path = root.resolve(oid.substring(0, 2)).resolve(oid.substring(2, 4)).resolve(oid);
        assertThat(store.path(oid)).isEqualTo(path);
        assertThat(path).hasBinaryContent(content);
        assertThat(store.contains(oid, content.length)).isTrue();
        assertThat(store.contains(oid, content.length - 1)).isFalse();
        try (InputStream in = store.open(oid)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        // The same object again (another repository's upload) replaces it with identical bytes.
        store.receive(oid, content.length, new ByteArrayInputStream(content));
        assertThat(path).hasBinaryContent(content);
        assertNoTemporaryFiles();
    }

    @Test
    void aWrongBodyIsRefusedAndNothingIsKept() throws Exception {
        LfsObjectStore store = new LfsObjectStore(root);
        byte[] content = LfsServerTest.random(10_000, 2);
        String oid = LfsServerTest.sha256(content);

        byte[] longer = Arrays.copyOf(content, content.length + 1);
        assertThatThrownBy(() -> store.receive(oid, content.length, new ByteArrayInputStream(longer)))
                .isInstanceOf(LfsObjectStore.WrongContent.class).hasMessageContaining("larger");
        byte[] shorter = Arrays.copyOf(content, content.length - 1);
        assertThatThrownBy(() -> store.receive(oid, content.length, new ByteArrayInputStream(shorter)))
                .isInstanceOf(LfsObjectStore.WrongContent.class).hasMessageContaining("9999 bytes");
        byte[] other = content.clone();
        other[5000] ^= 1;
        assertThatThrownBy(() -> store.receive(oid, content.length, new ByteArrayInputStream(other)))
                .isInstanceOf(LfsObjectStore.WrongContent.class).hasMessageContaining("SHA-256");

        assertThat(store.contains(oid, content.length)).isFalse();
        assertThat(Files.exists(store.path(oid))).isFalse();
        assertNoTemporaryFiles();
    }

    @Test
    void onlyLowerCaseSha256HexIsAnOid() {
        LfsObjectStore store = new LfsObjectStore(root);
        String oid = "a".repeat(64);
        assertThat(LfsObjectStore.validOid(oid)).isTrue();
        for (String bad : new String[] {null, "", "a".repeat(63), "a".repeat(65), "A".repeat(64), "g".repeat(64),
                "../" + "a".repeat(61), "a".repeat(63) + "/", "a".repeat(63) + "\u0430"}) {
            assertThat(LfsObjectStore.validOid(bad)).as(String.valueOf(bad)).isFalse();
            assertThatThrownBy(() -> store.path(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private void assertNoTemporaryFiles() throws Exception {
        try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
            assertThat(files).isEmpty();
        }
    }
}
