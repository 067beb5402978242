package io.codara.web.internal.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/** The server side of the RFC 6455 opening handshake: what a valid upgrade request carries, and the answer key. */
final class WebSocketHandshake {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketHandshake() {
    }

    /**
     * Why this request is not a WebSocket opening handshake, or {@code null} when it is one.
     *
     * @param method the HTTP method
     * @param upgrade the {@code Upgrade} header
     * @param connection the {@code Connection} header
     * @param version the {@code Sec-WebSocket-Version} header
     * @param key the {@code Sec-WebSocket-Key} header
     */
    static String problem(String method, String upgrade, String connection, String version, String key) {
        if (!"GET".equals(method)) {
            return "A WebSocket handshake is a GET request";
        }
        if (upgrade == null || !tokens(upgrade).contains(",websocket,")) {
            return "Expected the header Upgrade: websocket";
        }
        if (connection == null || !tokens(connection).contains(",upgrade,")) {
            return "Expected the header Connection: Upgrade";
        }
        if (!"13".equals(version == null ? null : version.strip())) {
            return "Only WebSocket version 13 is supported";
        }
        if (key == null) {
            return "Missing Sec-WebSocket-Key";
        }
        try {
            if (Base64.getDecoder().decode(key.strip()).length != 16) {
                return "Sec-WebSocket-Key must be 16 bytes in base64";
            }
        } catch (IllegalArgumentException e) {
            return "Sec-WebSocket-Key must be 16 bytes in base64";
        }
        return null;
    }

    /** The {@code Sec-WebSocket-Accept} answer to a client's key. */
    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key.strip() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-1", e);
        }
    }

    private static String tokens(String header) {
        return "," + header.toLowerCase(Locale.ROOT).replace(" ", "").replace("\t", "") + ",";
    }
}
