package io.codara.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

import io.codara.api.storage.BlobRef;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest {

    /** SHA-256 of "hello world". */
    static final String HELLO = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

    @TempDir
    Path root;

    StorageRoot layout;
    FileBlobStore blobs;

    @BeforeEach
    void create() throws IOException {
        layout = new StorageRoot(TestConfigs.config(StorageRootConfig.class, "root", root.toString()), n -> null, n -> null);
        blobs = new FileBlobStore(layout);
    }

    @Test
    void putStoresUnderItsHashAndOpenReadsItBack() throws IOException {
        BlobRef ref = blobs.put(stream("hello world"));

        assertThat(ref).isEqualTo(new BlobRef(HELLO, 11));
        assertThat(root.resolve("mnt/blobs/b9/4d/" + HELLO)).hasContent("hello world");
        try (InputStream in = blobs.open(HELLO).orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello world");
        }
        assertThat(blobs.stat(HELLO)).contains(ref);
        assertThat(leftovers()).as("no temporary files remain").isEmpty();
    }

    @Test
    void identicalContentIsStoredOnce() throws IOException {
        BlobRef first = blobs.put(stream("hello world"));
        BlobRef second = blobs.put(stream("hello world"));

        assertThat(second).isEqualTo(first);
        try (Stream<Path> files = Files.walk(layout.blobs())) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(1);
        }
    }

    @Test
    void largeStreamsAndEmptyOnes() throws IOException {
        byte[] big = new byte[5 * 1024 * 1024 + 7];
        new java.util.Random(1).nextBytes(big);
        BlobRef ref = blobs.put(new ByteArrayInputStream(big));
        assertThat(ref.size()).isEqualTo(big.length);
        try (InputStream in = blobs.open(ref.sha256()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
        assertThat(blobs.put(stream("")).sha256())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void deleteRemovesTheBlob() throws IOException {
        blobs.put(stream("hello world"));

        assertThat(blobs.delete(HELLO)).isTrue();
        assertThat(blobs.delete(HELLO)).isFalse();
        assertThat(blobs.open(HELLO)).isEmpty();
        assertThat(blobs.stat(HELLO)).isEmpty();
    }

    @Test
    void aFailingStreamLeavesNothingBehind() throws IOException {
        InputStream broken = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 1000) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> blobs.put(broken)).isInstanceOf(IOException.class).hasMessage("connection reset");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void idsThatAreNotSha256AreRejectedBeforeTouchingTheDisk() {
        for (String bad : new String[] { null, "", "../../../../etc/passwd", HELLO.toUpperCase(), HELLO + "0",
                HELLO.substring(1), "b9/4d/" + HELLO.substring(6), HELLO.substring(0, 63) + "g" }) {
            assertThatThrownBy(() -> blobs.open(bad)).as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> blobs.stat(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> blobs.delete(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void abandonedUploadsAreCleanedOnActivation() throws IOException {
        Path old = Files.writeString(layout.blobs().resolve(FileBlobStore.TEMP_PREFIX + "old"), "partial");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(2, ChronoUnit.DAYS)));
        Path fresh = Files.writeString(layout.blobs().resolve(FileBlobStore.TEMP_PREFIX + "fresh"), "in progress");

        new FileBlobStore(layout);

        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
    }

    private Stream<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(layout.blobs())) {
            return files.filter(p -> p.getFileName().toString().startsWith(FileBlobStore.TEMP_PREFIX)).toList().stream();
        }
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
