package io.codara.web.internal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import io.codara.api.live.LiveChannel;
import io.codara.api.live.LiveRequest;
import io.codara.api.live.LiveSink;
import io.codara.api.live.LiveSubscription;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live servlet in a real Jetty 12 (the one Felix HTTP embeds), with the JDK's WebSocket client and raw sockets:
 * the upgrade through Jetty's core, refusals before it, pushes from other threads, closes from both sides, slow
 * and silent clients. A filter stands in for Codara's authentication and wraps the request as Felix does.
 */
class LiveSocketServletTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private final Echo channel = new Echo();
    private final LiveSocketServlet servlet = new LiveSocketServlet(new LiveSocket.Limits(400, 256 * 1024, 4096, 1000));
    private Server server;
    private int port;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        servlet.addChannel(channel);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(0);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/api/v3"); // as the REST whiteboard's context
        Filter authentication = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            Principal principal = Principal.ANONYMOUS;
            String authorization = http.getHeader("Authorization");
            if (authorization != null && authorization.startsWith("token good-")) {
                principal = new Principal(authorization.substring("token good-".length()), false, null);
            } else if (http.getCookies() != null) {
                for (Cookie cookie : http.getCookies()) {
                    if (cookie.getName().equals("session")) {
                        principal = new Principal(cookie.getValue(), false, null);
                    }
                }
            }
            request.setAttribute(Principal.REQUEST_ATTRIBUTE, principal);
            chain.doFilter(new HttpServletRequestWrapper(http), response);
        };
        context.addFilter(new FilterHolder(authentication), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(servlet), "/ws/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        servlet.deactivate();
        server.stop();
    }

    @Test
    void aChannelAnswersAndMessagesPushedFromAnyThreadArriveInOrder() throws Exception {
        Listener listener = new Listener();
        WebSocket socket = connect("repos/alice/tools/echo?offset=7", "token good-alice", listener);
        assertThat(listener.next()).isEqualTo("hello alice tools from 7");
        LiveSink sink = channel.sinks.get(0);
        Thread pusher = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                sink.send("line " + i);
            }
        });
        pusher.start();
        pusher.join();
        for (int i = 0; i < 100; i++) {
            assertThat(listener.next()).isEqualTo("line " + i);
        }
        String big = "é".repeat(40_000); // a 64-bit-length frame
        sink.send(big);
        assertThat(listener.next()).isEqualTo(big);
        assertThat(servlet.openSockets(channel)).isEqualTo(1);

        socket.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        awaitReleased(1);
        assertThat(servlet.openSockets(channel)).isZero();
    }

    @Test
    void theChannelEndsTheStreamWithACloseCodeAndReason() throws Exception {
        Listener listener = new Listener();
        connect("repos/alice/tools/echo", "token good-alice", listener);
        listener.next();
        channel.sinks.get(0).close(1000, "job finished");
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(listener.reason).isEqualTo("job finished");
        awaitReleased(1);
    }

    @Test
    void pingsAreAnsweredAndTheServerPingsIdleClients() throws Exception {
        Listener listener = new Listener();
        WebSocket socket = connect("repos/alice/tools/echo", "token good-alice", listener);
        listener.next();
        socket.sendPing(ByteBuffer.wrap(new byte[] {4, 2})).get(5, TimeUnit.SECONDS);
        assertThat(listener.pongs.poll(5, TimeUnit.SECONDS)).isEqualTo(ByteBuffer.wrap(new byte[] {4, 2}));
        assertThat(listener.pings.poll(5, TimeUnit.SECONDS)).isNotNull(); // every 400 ms here, 30 s by default
        Thread.sleep(1500); // the JDK client answers pings, so it stays connected
        assertThat(socket.isInputClosed()).isFalse();
        assertThat(servlet.openSockets(channel)).isEqualTo(1);
    }

    @Test
    void refusalsAreHttpAnswersWithAJsonBodyBeforeAnyUpgrade() throws Exception {
        assertRefused(raw("repos/alice/tools/echo", ""), 401, "Requires authentication");
        assertRefused(raw("repos/bob/tools/echo", "Authorization: token good-alice\r\n"), 404, "Not Found");
        assertRefused(raw("no/such/stream", "Authorization: token good-alice\r\n"), 404, "Not Found");
        assertRefused(raw("repos/alice/forbidden/echo", "Authorization: token good-alice\r\n"), 403, "Must have admin rights");
        assertRefused(raw("repos/alice/tools/echo?x=%zz", "Authorization: token good-alice\r\n"), 400, "Malformed query");
        String wrongVersion = request("GET", "repos/alice/tools/echo", "Authorization: token good-alice\r\n", "8");
        String answer = exchange(wrongVersion);
        assertRefused(answer, 426, "version 13");
        assertThat(answer).contains("Sec-WebSocket-Version: 13");
        assertRefused(exchange("GET /api/v3/ws/repos/alice/tools/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: token good-alice\r\nConnection: close\r\n\r\n"), 400, "Upgrade: websocket");
        assertThat(channel.opened).hasValue(0);

        assertThatThrownBy(() -> connect("repos/alice/tools/echo", null, new Listener()))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
    }

    @Test
    void aSessionCookieOpensStreamsOnlyFromPagesOfThisSite() throws Exception {
        String host = "127.0.0.1:" + port;
        assertRefused(raw("repos/alice/tools/echo", "Cookie: session=alice\r\nOrigin: https://evil.example\r\n"), 403,
                "Cross-site");
        assertRefused(raw("repos/alice/tools/echo", "Cookie: session=alice\r\nOrigin: null\r\n"), 403, "Cross-site");
        String same = raw("repos/alice/tools/echo", "Cookie: session=alice\r\nOrigin: http://" + host + "\r\n");
        assertThat(same).startsWith("HTTP/1.1 101");
        // The RFC's example key gives the RFC's answer; the first frame is the channel's greeting, unmasked.
        assertThat(same).contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(same).contains("hello alice tools");
        // A token is not sent by browsers on their own: no Origin check is needed for it.
        assertThat(raw("repos/alice/tools/echo", "Authorization: token good-alice\r\nOrigin: https://tool.example\r\n"))
                .startsWith("HTTP/1.1 101");
        assertThat(LiveSocketServlet.sameSite(null, "a")).isTrue();
        assertThat(LiveSocketServlet.sameSite("http://codara.example", "codara.example:80")).isTrue();
        assertThat(LiveSocketServlet.sameSite("https://codara.example", "codara.example")).isTrue();
        assertThat(LiveSocketServlet.sameSite("https://codara.example.evil", "codara.example")).isFalse();
        assertThat(LiveSocketServlet.sameSite("https://codara.example:8443", "codara.example")).isFalse();
    }

    @Test
    void stoppingTheChannelClosesItsSocketsWith1001() throws Exception {
        Listener listener = new Listener();
        connect("repos/alice/tools/echo", "token good-alice", listener);
        listener.next();
        servlet.removeChannel(channel);
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
        awaitReleased(1);
        assertRefused(raw("repos/alice/tools/echo", "Authorization: token good-alice\r\n"), 404, "Not Found");
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedRatherThanBufferedFor() throws Exception {
        Listener listener = new Listener();
        listener.requestOnOpen = false; // reads nothing: TCP buffers fill, then the server's queue
        connect("repos/alice/tools/echo", "token good-alice", listener);
        LiveSink sink = awaitSink();
        String chunk = "x".repeat(64 * 1024);
        int sent = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sink.send(chunk)) {
            sent++;
            assertThat(System.nanoTime()).as("the send queue is bounded").isLessThan(deadline);
            if (sent % 50 == 0) {
                Thread.sleep(10);
            }
        }
        assertThat(sink.isOpen()).isFalse();
        awaitReleased(1);
    }

    @Test
    void aClientThatGoesSilentIsDropped() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request("GET", "repos/alice/tools/echo", "Authorization: token good-alice\r\n", "13")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();
            int pings = 0;
            byte[] buffer = new byte[4096];
            int read;
            StringBuilder seen = new StringBuilder();
            while ((read = in.read(buffer)) >= 0) {
                for (int i = 0; i < read; i++) {
                    if ((buffer[i] & 0xff) == 0x89) {
                        pings++;
                    }
                }
                seen.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(seen.toString()).startsWith("HTTP/1.1 101");
            assertThat(pings).isGreaterThanOrEqualTo(1);
            assertThat(elapsed).isBetween(700L, 5000L); // a ping after 400 ms, unanswered by 800 ms
        }
        awaitReleased(1);
    }

    private WebSocket connect(String path, String authorization, Listener listener) throws Exception {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        try {
            return builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v3/ws/" + path), listener)
                    .get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
    }

    private String raw(String path, String headers) throws IOException {
        return exchange(request("GET", path, headers, "13"));
    }

    private String request(String method, String path, String headers, String version) {
        return method + " /api/v3/ws/" + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: " + version + "\r\n"
                + headers + "\r\n";
    }

    /** Sends a request on a fresh socket; answers what arrives within a short while (a 101 keeps the socket open). */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(300);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    if (answer.indexOf("\"documentation_url\"") >= 0) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // The answer is complete: an upgraded socket stays open.
            }
            return answer.toString();
        }
    }

    private static void assertRefused(String answer, int status, String message) {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        assertThat(answer).contains("application/json");
        assertThat(answer).contains("{\"message\":\"").contains(message).contains("\"documentation_url\"");
        assertThat(answer).doesNotContain("Sec-WebSocket-Accept");
    }

    private void awaitReleased(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (channel.released.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(channel.released).hasValue(count);
    }

    private LiveSink awaitSink() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (channel.sinks.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return channel.sinks.get(0);
    }

    /** A channel at repos/{owner}/{repo}/echo that only the owner may open; greets and keeps the sink. */
    static final class Echo implements LiveChannel {

        final List<LiveSink> sinks = new CopyOnWriteArrayList<>();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();

        @Override
        public String path() {
            return "repos/{owner}/{repo}/echo";
        }

        @Override
        public LiveSubscription open(LiveRequest request, LiveSink sink) {
            if (!request.pathParameter("owner").equals(request.principal().login())) {
                throw ApiException.notFound();
            }
            if (request.pathParameter("repo").equals("forbidden")) {
                throw new ApiException(403, "Must have admin rights to Repository.");
            }
            opened.incrementAndGet();
            sinks.add(sink);
            sink.send("hello " + request.principal().login() + " " + request.pathParameter("repo")
                    + request.queryParameter("offset").map(offset -> " from " + offset).orElse(""));
            return released::incrementAndGet;
        }
    }

    /** Collects what the JDK client receives. */
    static final class Listener implements WebSocket.Listener {

        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
        final BlockingQueue<ByteBuffer> pings = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile String reason;
        volatile boolean requestOnOpen = true;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            if (requestOnOpen) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            pongs.add(copy(message));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.add(copy(message));
            webSocket.request(1);
            return null; // the JDK client answers with a pong itself
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            this.reason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        String next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }

        private static ByteBuffer copy(ByteBuffer message) {
            ByteBuffer copy = ByteBuffer.allocate(message.remaining());
            copy.put(message);
            return copy.flip();
        }
    }
}
