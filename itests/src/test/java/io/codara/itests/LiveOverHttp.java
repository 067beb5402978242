package io.codara.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import io.codara.api.live.LiveChannel;
import io.codara.api.live.LiveRequest;
import io.codara.api.live.LiveSink;
import io.codara.api.live.LiveSubscription;
import io.codara.api.rest.ApiException;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Live streams over WebSocket at {@code /api/v3/ws/...} (issue 6) in the booted distribution, with the JDK's
 * WebSocket client, run by {@link DistributionIT}: {@code liveowner}'s private repository {@code stream}, which
 * {@code liveother} may not see. Built once per boot.
 */
final class LiveOverHttp {

    private static final String PASSWORD = " password 12345";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static LiveOverHttp instance;

    private final Http http;
    private final BundleContext context;
    private final String ws;
    private final String ownerToken;
    private final String otherToken;
    private final HttpClient client = HttpClient.newHttpClient();

    private LiveOverHttp(Http http, BundleContext context, String admin) {
        this.http = http;
        this.context = context;
        this.ws = http.base().replaceFirst("^http", "ws") + "/api/v3/ws/";
        for (String login : new String[] {"liveowner", "liveother"}) {
            expect(201, http.send("POST", "/api/v3/admin/users", "application/json", "{\"login\":\"" + login
                    + "\",\"email\":\"" + login + "@example.com\",\"password\":\"" + login + PASSWORD + "\"}",
                    "Authorization", admin), "create " + login);
        }
        expect(201, http.send("POST", "/api/v3/user/repos", "application/json",
                "{\"name\":\"stream\",\"auto_init\":true,\"private\":true}", "Authorization", basic("liveowner")), "create stream");
        ownerToken = "token " + token("liveowner");
        otherToken = "token " + token("liveother");
    }

    static synchronized LiveOverHttp on(Http http, BundleContext context, String admin) {
        if (instance == null) {
            instance = new LiveOverHttp(http, context, admin);
        }
        return instance;
    }

    /**
     * A repository's events stream: sign-in required, private repositories hidden from others, a commit status
     * posted over REST arrives as a message; a session cookie opens it only from a page of this site.
     */
    void repositoryEventsArriveLiveForReadersOnly() throws Exception {
        String path = "repos/liveowner/stream/events";
        assertEquals("without credentials", 401, refusal(path));
        assertEquals("another user's private repository", 404, refusal(path, "Authorization", otherToken));
        assertEquals("no such repository", 404, refusal("repos/liveowner/nothing/events", "Authorization", ownerToken));
        assertEquals("no such stream", 404, refusal("no/such/stream", "Authorization", ownerToken));
        assertEquals("bad credentials", 401, refusal(path, "Authorization", "token not-a-real-token"));

        Listener listener = new Listener();
        WebSocket socket = connect(path, listener, "Authorization", ownerToken);
        JsonNode subscribed = JSON.readTree(listener.next());
        assertEquals("subscribed", subscribed.path("event").asText());
        assertEquals("liveowner/stream", subscribed.path("repository").asText());

        String sha = expect(200, http.send("GET", "/api/v3/repos/liveowner/stream/commits/main", null, null,
                "Authorization", ownerToken), "head").path("sha").asText();
        expect(201, http.send("POST", "/api/v3/repos/liveowner/stream/statuses/" + sha, "application/json",
                "{\"state\":\"success\",\"context\":\"live/test\"}", "Authorization", ownerToken), "status");
        JsonNode status = JSON.readTree(listener.next());
        assertEquals("status", status.path("event").asText());
        assertEquals("liveowner/stream", status.path("repository").asText());
        assertEquals("success", status.path("payload").path("state").asText());
        assertEquals("live/test", status.path("payload").path("context").asText());
        assertEquals(sha, status.path("payload").path("sha").asText());
        assertTrue(status.toString(), status.path("id").asLong() > 0);

        socket.sendPing(ByteBuffer.wrap(new byte[] {7})).get(10, TimeUnit.SECONDS);
        assertEquals(ByteBuffer.wrap(new byte[] {7}), listener.pongs.poll(10, TimeUnit.SECONDS));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        assertEquals(Integer.valueOf(1000), listener.closed.get(10, TimeUnit.SECONDS));

        // Browsers: the session cookie, but only from this site's pages (no cross-site WebSocket hijacking).
        HttpResponse<String> signIn = http.send("POST", "/api/v3/session", "application/json",
                "{\"login\":\"liveowner\",\"password\":\"liveowner" + PASSWORD + "\"}");
        assertEquals(signIn.body(), 201, signIn.statusCode());
        String cookie = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("codara_session="))
                .findFirst().orElseThrow().split(";", 2)[0];
        assertEquals("a cookie from another site's page", 403,
                refusal(path, "Cookie", cookie, "Origin", "https://evil.example"));
        Listener browser = new Listener();
        connect(path, browser, "Cookie", cookie, "Origin", http.base());
        assertEquals("subscribed", JSON.readTree(browser.next()).path("event").asText());
    }

    /** A channel registered as a service answers at once; pushed messages arrive; unregistering closes with 1001. */
    void channelsComeAndGoWithTheirServices() throws Exception {
        List<LiveSink> sinks = new CopyOnWriteArrayList<>();
        AtomicInteger released = new AtomicInteger();
        LiveChannel echo = new LiveChannel() {
            @Override
            public String path() {
                return "itest/{name}/echo";
            }

            @Override
            public LiveSubscription open(LiveRequest request, LiveSink sink) {
                if (request.pathParameter("name").equals("secret")) {
                    throw ApiException.notFound();
                }
                sinks.add(sink);
                sink.send("hello " + request.principal().login() + " " + request.pathParameter("name") + " "
                        + request.queryParameter("offset").orElse("-"));
                return released::incrementAndGet;
            }
        };
        ServiceRegistration<LiveChannel> registration = context.registerService(LiveChannel.class, echo, null);
        boolean unregistered = false;
        try {
            Listener listener = connectWhenBound("itest/some%20name/echo?offset=12", listener(), "Authorization", ownerToken);
            assertEquals("hello liveowner some name 12", listener.next());
            assertEquals(404, refusal("itest/secret/echo", "Authorization", ownerToken));
            LiveSink sink = sinks.get(0);
            for (int i = 0; i < 50; i++) {
                assertTrue(sink.send("pushed " + i));
            }
            for (int i = 0; i < 50; i++) {
                assertEquals("pushed " + i, listener.next());
            }
            registration.unregister();
            unregistered = true;
            assertEquals("the channel's service went away", Integer.valueOf(1001), listener.closed.get(10, TimeUnit.SECONDS));
            assertFalse(sink.isOpen());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (released.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, released.get());
            assertEquals(404, refusal("itest/x/echo", "Authorization", ownerToken));
        } finally {
            if (!unregistered) {
                registration.unregister();
            }
        }
    }

    private static Listener listener() {
        return new Listener();
    }

    /** Connects, retrying briefly while the whiteboard binds a just-registered channel. */
    private Listener connectWhenBound(String path, Listener listener, String... headers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                connect(path, listener, headers);
                return listener;
            } catch (WebSocketHandshakeException e) {
                if (e.getResponse().statusCode() != 404 || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private WebSocket connect(String path, Listener listener, String... headers) throws Exception {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            return builder.buildAsync(URI.create(ws + path), listener).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                throw handshake;
            }
            throw e;
        }
    }

    /** The HTTP status that refuses a handshake. */
    private int refusal(String path, String... headers) throws Exception {
        try {
            connect(path, new Listener(), headers);
        } catch (WebSocketHandshakeException e) {
            return e.getResponse().statusCode();
        }
        fail("the handshake for " + path + " was accepted");
        return 0;
    }

    private String token(String login) {
        return expect(201, http.send("POST", "/api/v3/user/tokens", "application/json",
                "{\"name\":\"live\",\"scopes\":[\"repo:write\"]}", "Authorization", basic(login)), "token of " + login)
                .path("token").asText();
    }

    private static String basic(String login) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + login + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode expect(int status, HttpResponse<String> response, String what) {
        assertEquals(what + ": " + response.body(), status, response.statusCode());
        return response.body() == null || response.body().isBlank() ? null : Http.json(response);
    }

    /** Collects what the client receives. */
    static final class Listener implements WebSocket.Listener {

        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

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
            ByteBuffer copy = ByteBuffer.allocate(message.remaining());
            copy.put(message);
            pongs.add(copy.flip());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        String next() throws InterruptedException {
            String message = messages.poll(20, TimeUnit.SECONDS);
            assertNotNull("a message within 20 s", message);
            return message;
        }
    }
}
