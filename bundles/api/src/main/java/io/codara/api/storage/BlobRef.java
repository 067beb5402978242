package io.codara.api.storage;

/**
 * The address of a stored blob.
 *
 * @param sha256 lower-case hex SHA-256 of the content
 * @param size size in bytes
 */
public record BlobRef(String sha256, long size) {
}
