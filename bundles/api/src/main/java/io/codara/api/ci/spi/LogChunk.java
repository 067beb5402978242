package io.codara.api.ci.spi;

import java.util.Objects;

/**
 * A piece of one step's log: whole lines, each prefixed with its UTC timestamp in GitHub's format
 * ({@code 2026-11-30T22:00:00.0000000Z }), ANSI colours and {@code ::group::} markers kept, secrets already masked.
 *
 * @param step the step's index ({@link RunnerStep#SETUP} for the runner's own set-up output)
 * @param offset the byte offset (UTF-8) of {@code text} in the step's log
 * @param text the lines, each ending in {@code \n}
 */
public record LogChunk(int step, long offset, String text) {

    public LogChunk {
        Objects.requireNonNull(text, "text");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
