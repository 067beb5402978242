package io.codara.web.internal.live;

/** A peer broke RFC 6455; the socket closes with {@link #code()}. */
final class WebSocketProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** 1002: protocol error. */
    static final int PROTOCOL_ERROR = 1002;
    /** 1003: a data type this endpoint does not accept. */
    static final int UNSUPPORTED_DATA = 1003;
    /** 1007: a text message that is not UTF-8. */
    static final int INVALID_PAYLOAD = 1007;
    /** 1009: a message too big to process. */
    static final int MESSAGE_TOO_BIG = 1009;

    private final int code;

    WebSocketProtocolException(int code, String message) {
        super(message);
        this.code = code;
    }

    int code() {
        return code;
    }
}
