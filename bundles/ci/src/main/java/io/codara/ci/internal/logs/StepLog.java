package io.codara.ci.internal.logs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

import io.codara.api.ci.spi.LogChunk;

/**
 * Turns the raw bytes a step prints (stdout and stderr merged) into its log: whole lines, each prefixed with its UTC
 * timestamp in GitHub's format, ANSI colours and {@code ::group::} markers kept, secrets masked (a value split across
 * two reads is still masked, since lines are only masked once complete), {@code ::add-mask::} values registered before
 * their line is written, and the log capped with one truncation line. Bytes are cut only between lines, or for a line
 * longer than {@link #MAX_LINE_BYTES} between characters, so no UTF-8 sequence is ever broken. Not thread-safe: one
 * reader feeds it.
 */
public final class StepLog {

    /** A line longer than this without a newline is broken (away from any secret it contains). */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String ADD_MASK = "::add-mask::";

    private final int step;
    private final SecretMasker masker;
    private final long capBytes;
    private final Clock clock;
    private final Consumer<LogChunk> sink;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long written;
    /** Bytes of the chunk being built. */
    private long chunkBytes;
    private boolean truncated;

    /**
     * @param step the step index the chunks are reported under
     * @param masker the job's masker (values registered here are added to it)
     * @param capBytes the most bytes of this step's log kept
     * @param clock the clock for timestamps
     * @param sink receives the chunks
     */
    public StepLog(int step, SecretMasker masker, long capBytes, Clock clock, Consumer<LogChunk> sink) {
        this.step = step;
        this.masker = masker;
        this.capBytes = capBytes;
        this.clock = clock;
        this.sink = sink;
    }

    /** Takes bytes as read; emits one chunk with the lines they complete, if any. */
    public void write(byte[] bytes, int offset, int length) {
        StringBuilder out = new StringBuilder();
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                pending.write(bytes, start, i - start);
                start = i + 1;
                appendLine(decode(pending.toByteArray(), 0, pending.size()), out);
                pending.reset();
            }
        }
        pending.write(bytes, start, end - start);
        while (pending.size() > MAX_LINE_BYTES) {
            breakLongLine(out);
        }
        emit(out);
    }

    /** Writes lines of the runner's own (set-up messages, errors), masked and timestamped like the step's. */
    public void line(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            appendLine(line, out);
        }
        emit(out);
    }

    /** Ends the log: a last line without a newline is written. */
    public void close() {
        if (pending.size() > 0) {
            StringBuilder out = new StringBuilder();
            appendLine(decode(pending.toByteArray(), 0, pending.size()), out);
            pending.reset();
            emit(out);
        }
    }

    /** The bytes of log written so far. */
    public long size() {
        return written;
    }

    private void breakLongLine(StringBuilder out) {
        byte[] buffer = pending.toByteArray();
        int boundary = MAX_LINE_BYTES;
        while (boundary > 0 && (buffer[boundary] & 0xC0) == 0x80) {
            boundary--; // never cut inside a UTF-8 sequence
        }
        String head = decode(buffer, 0, boundary);
        int cut = Math.max(0, head.length() - Math.max(0, masker.longest() - 1));
        cut = masker.safeCut(head, cut);
        if (cut > 0 && Character.isHighSurrogate(head.charAt(cut - 1))) {
            cut--;
        }
        if (cut == 0) {
            cut = head.length(); // a value longer than a whole line cannot be kept whole; mask what there is
        }
        appendLine(head.substring(0, cut), out);
        byte[] rest = head.substring(cut).getBytes(StandardCharsets.UTF_8);
        pending.reset();
        pending.write(rest, 0, rest.length);
        pending.write(buffer, boundary, buffer.length - boundary);
    }

    private void appendLine(String raw, StringBuilder out) {
        String line = raw;
        String command = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        int at = command.indexOf(ADD_MASK);
        if (at >= 0 && command.substring(0, at).isBlank()) {
            masker.add(command.substring(at + ADD_MASK.length()));
            line = command.substring(0, at + ADD_MASK.length()) + SecretMasker.MASK;
        }
        if (truncated) {
            return;
        }
        String text = TIMESTAMP.format(clock.instant()) + " " + masker.mask(line) + "\n";
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (written + chunkBytes + bytes > capBytes) {
            truncated = true;
            String notice = TIMESTAMP.format(clock.instant()) + " ##[warning]The log of this step was truncated: it"
                    + " exceeded " + capBytes + " bytes, later output is discarded.\n";
            out.append(notice);
            chunkBytes += notice.length();
            return;
        }
        out.append(text);
        chunkBytes += bytes;
    }

    private void emit(StringBuilder out) {
        if (out.isEmpty()) {
            return;
        }
        String text = out.toString();
        LogChunk chunk = new LogChunk(step, written, text);
        written += chunkBytes;
        chunkBytes = 0;
        sink.accept(chunk);
    }

    private static String decode(byte[] bytes, int offset, int length) {
        // new String replaces malformed input with U+FFFD rather than failing
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
