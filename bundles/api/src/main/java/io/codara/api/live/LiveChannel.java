package io.codara.api.live;

import io.codara.api.rest.ApiException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A live stream that clients open as a WebSocket at {@code /api/v3/ws/} followed by {@link #path()}. Register it
 * as an OSGi service; when the registering bundle stops, its open sockets are closed with code 1001 (going away).
 */
@ConsumerType
public interface LiveChannel {

    /**
     * The path below {@code /api/v3/ws/}, with {@code {name}} placeholders for whole segments, e.g.
     * {@code repos/{owner}/{repo}/actions/jobs/{id}/logs}. Fixed segments match exactly; a path that two channels
     * both match goes to the one with more fixed segments.
     */
    String path();

    /**
     * Opens the stream for a signed-in caller, before the HTTP connection is upgraded: authorise here and throw
     * {@link ApiException} (404 for what the caller may not see, 403, 422 for bad parameters) to refuse the handshake
     * with that status and a JSON body. Messages may be pushed through {@code sink} from any thread, also before
     * this method returns (they are sent once the upgrade is done).
     *
     * @param request who asks and with which path and query parameters
     * @param sink where to push text messages; closing it ends the socket
     * @return what to release when the socket ends, whichever side ends it; called exactly once
     */
    LiveSubscription open(LiveRequest request, LiveSink sink) throws ApiException;
}
