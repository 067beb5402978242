package io.codara.api.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Content-addressed files under {@code mnt/blobs}, keyed by the SHA-256 of their bytes. */
@ProviderType
public interface BlobStore {

    /** Stores the stream's bytes durably (written, synced, then moved into place) and returns its address. */
    BlobRef put(InputStream content) throws IOException;

    /** Opens a stored blob. */
    Optional<InputStream> open(String sha256) throws IOException;

    /** The blob's size and address, if stored. */
    Optional<BlobRef> stat(String sha256) throws IOException;

    /** Deletes a blob; true when it existed. */
    boolean delete(String sha256) throws IOException;
}
