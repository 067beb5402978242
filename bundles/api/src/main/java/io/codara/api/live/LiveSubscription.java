package io.codara.api.live;

import org.osgi.annotation.versioning.ConsumerType;

/** What a {@link LiveChannel} releases when its socket ends (client close, sink close, error, shutdown). */
@ConsumerType
@FunctionalInterface
public interface LiveSubscription {

    /** Releases the stream's resources; called exactly once, never concurrently with itself. */
    void close();
}
