package io.codara.ci.internal.engine;

/**
 * Log text from a byte offset on, and the offset to ask for next.
 *
 * @param complete whether the job has ended, so no more text will come
 */
public record LogSlice(String text, long nextOffset, boolean complete) {
}
