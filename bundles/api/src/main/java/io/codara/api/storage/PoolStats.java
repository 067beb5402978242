package io.codara.api.storage;

/** A snapshot of the connection pool. */
public record PoolStats(int active, int idle, int total, int waiting, int max) {
}
