package io.codara.web.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebSocketHandshakeTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @Test
    void theAcceptKeyIsTheRfcsExample() {
        assertThat(WebSocketHandshake.accept(KEY)).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void aValidHandshakeHasNoProblemWhateverTheHeadersCase() {
        assertThat(WebSocketHandshake.problem("GET", "websocket", "Upgrade", "13", KEY)).isNull();
        assertThat(WebSocketHandshake.problem("GET", "WebSocket", "keep-alive, Upgrade", "13", KEY)).isNull();
    }

    @Test
    void everyMissingPartIsNamed() {
        assertThat(WebSocketHandshake.problem("POST", "websocket", "Upgrade", "13", KEY)).contains("GET");
        assertThat(WebSocketHandshake.problem("GET", null, "Upgrade", "13", KEY)).contains("Upgrade: websocket");
        assertThat(WebSocketHandshake.problem("GET", "h2c", "Upgrade", "13", KEY)).contains("Upgrade: websocket");
        assertThat(WebSocketHandshake.problem("GET", "websocket", "keep-alive", "13", KEY)).contains("Connection");
        assertThat(WebSocketHandshake.problem("GET", "websocket", "Upgrade", "8", KEY)).contains("version 13");
        assertThat(WebSocketHandshake.problem("GET", "websocket", "Upgrade", null, KEY)).contains("version 13");
        assertThat(WebSocketHandshake.problem("GET", "websocket", "Upgrade", "13", null)).contains("Missing");
        assertThat(WebSocketHandshake.problem("GET", "websocket", "Upgrade", "13", "c2hvcnQ=")).contains("16 bytes");
        assertThat(WebSocketHandshake.problem("GET", "websocket", "Upgrade", "13", "not base64!")).contains("16 bytes");
    }
}
