package io.codara.api.live;

import org.osgi.annotation.versioning.ProviderType;

/** The sending side of one open live socket; safe to use from any thread. */
@ProviderType
public interface LiveSink {

    /** Close code for a normal end of the stream (RFC 6455). */
    int NORMAL = 1000;
    /** Close code when the server or the channel's bundle goes away. */
    int GOING_AWAY = 1001;
    /** Close code for a message that breaks the channel's rules. */
    int POLICY_VIOLATION = 1008;
    /** Close code when the client reads too slowly and its send queue is full. */
    int TRY_AGAIN_LATER = 1013;

    /**
     * Queues a text message. A client that lets the bounded send queue fill up is disconnected (1013) rather than
     * buffered for without limit.
     *
     * @return {@code false} when the socket is closed (or was just closed because the client is too slow)
     */
    boolean send(String text);

    /** Sends the queued messages, then closes the socket with this code and reason (at most 123 UTF-8 bytes). */
    void close(int code, String reason);

    /** Whether messages can still be sent. */
    boolean isOpen();
}
