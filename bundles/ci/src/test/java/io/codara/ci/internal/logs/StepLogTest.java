package io.codara.ci.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.codara.api.ci.spi.LogChunk;

import org.junit.jupiter.api.Test;

class StepLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T22:00:00.123456789Z"), ZoneOffset.UTC);
    private static final String STAMP = "2026-11-30T22:00:00.1234567Z ";

    private final List<LogChunk> chunks = new ArrayList<>();
    private final SecretMasker masker = new SecretMasker();

    private StepLog log(long cap) {
        return new StepLog(3, masker, cap, CLOCK, chunks::add);
    }

    private String text() {
        return chunks.stream().map(LogChunk::text).collect(Collectors.joining());
    }

    private static void feed(StepLog log, String text, int... cuts) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        for (int cut : cuts) {
            log.write(bytes, from, cut - from);
            from = cut;
        }
        log.write(bytes, from, bytes.length - from);
    }

    @Test
    void timestampsEachLineInGitHubsFormatAndKeepsAnsiAndGroups() {
        StepLog log = log(1 << 20);
        feed(log, "::group::Build\n\u001b[31mred\u001b[0m\n::endgroup::\n");
        assertThat(text()).isEqualTo(STAMP + "::group::Build\n" + STAMP + "\u001b[31mred\u001b[0m\n"
                + STAMP + "::endgroup::\n");
        assertThat(chunks).singleElement().satisfies(chunk -> {
            assertThat(chunk.step()).isEqualTo(3);
            assertThat(chunk.offset()).isZero();
        });
    }

    @Test
    void masksASecretSplitAcrossTwoReads() {
        masker.add("hunter2-s3cret");
        StepLog log = log(1 << 20);
        String line = "token is hunter2-s3cret ok\n";
        feed(log, line, 14, 20);
        assertThat(text()).isEqualTo(STAMP + "token is *** ok\n").doesNotContain("s3cret");
    }

    @Test
    void masksEachLineOfAMultiLineSecret() {
        masker.add("-----BEGIN KEY-----\nAAAABBBBCCCC\n-----END KEY-----\n");
        StepLog log = log(1 << 20);
        feed(log, "-----BEGIN KEY-----\nAAAABBBBCCCC\n-----END KEY-----\n");
        assertThat(text()).doesNotContain("AAAABBBBCCCC").doesNotContain("BEGIN KEY").contains(STAMP + "***\n");
    }

    @Test
    void registersAddMaskValuesBeforeWritingTheirLine() {
        StepLog log = log(1 << 20);
        feed(log, "::add-mask::runtime-value-42\nvalue: runtime-value-42\n", 20);
        assertThat(text()).isEqualTo(STAMP + "::add-mask::***\n" + STAMP + "value: ***\n");
        // later steps of the same job share the masker
        List<LogChunk> other = new ArrayList<>();
        StepLog next = new StepLog(4, masker, 1 << 20, CLOCK, other::add);
        next.line("again runtime-value-42");
        assertThat(other.get(0).text()).isEqualTo(STAMP + "again ***\n");
    }

    @Test
    void neverBreaksAUtf8SequenceSplitBetweenReads() {
        StepLog log = log(1 << 20);
        String text = "h\u00e9llo \u20ac \ud83d\ude00\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            log.write(new byte[] {b}, 0, 1);
        }
        assertThat(text()).isEqualTo(STAMP + text).doesNotContain("\ufffd");
    }

    @Test
    void breaksAnOverlongLineBetweenCharactersAndAwayFromSecrets() {
        String secret = "S3CR3T-VALUE-0123456789";
        masker.add(secret);
        StepLog log = log(1 << 24);
        StringBuilder line = new StringBuilder();
        while (line.length() < StepLog.MAX_LINE_BYTES - 10) {
            line.append("\u00e9");
        }
        line.setLength(StepLog.MAX_LINE_BYTES / 2 - 5); // multi-byte chars make it about MAX_LINE_BYTES bytes
        line.append(secret).append("x".repeat(4000));
        feed(log, line.toString(), 1000, 30000);
        feed(log, "\n");
        String text = text();
        assertThat(text).doesNotContain(secret).doesNotContain("\ufffd").contains("***");
        assertThat(text.lines().count()).isGreaterThan(1);
        assertThat(text.replaceAll("(?m)^" + STAMP.replace(".", "\\."), "").replace("\n", "").replace("***", secret))
                .isEqualTo(line.toString());
    }

    @Test
    void capsTheLogWithOneTruncationLineAndKeepsRegisteringMasks() {
        StepLog log = log(200);
        for (int i = 0; i < 20; i++) {
            feed(log, "line " + i + " " + "x".repeat(20) + "\n");
        }
        feed(log, "::add-mask::late-secret\n");
        String text = text();
        assertThat(text).contains("##[warning]The log of this step was truncated").doesNotContain("line 19");
        assertThat(text.lines().filter(l -> l.contains("truncated")).count()).isEqualTo(1);
        assertThat(masker.mask("late-secret")).isEqualTo("***");
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        assertThat(log.size()).isEqualTo(bytes);
    }

    @Test
    void offsetsCountBytesAndTheLastLineWithoutNewlineIsKeptOnClose() {
        StepLog log = log(1 << 20);
        feed(log, "\u00e9\n");
        feed(log, "tail without newline");
        assertThat(chunks).hasSize(1);
        log.close();
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1).offset()).isEqualTo(chunks.get(0).text().getBytes(StandardCharsets.UTF_8).length);
        assertThat(chunks.get(1).text()).isEqualTo(STAMP + "tail without newline\n");
    }
}
