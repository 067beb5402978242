package io.codara.ci.internal.docker;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small HTTP/1.1 client of the Docker Engine API (also served by podman's {@code system service}), over the
 * engine's unix socket ({@code unix:///var/run/docker.sock}) or plain TCP ({@code tcp://host:2375}), with the JDK
 * alone: one connection per call ({@code Connection: close}), JSON through Jackson, bodies in chunked transfer coding
 * or with a length, and exec streams read as they come. Reads never block longer than asked: the socket is
 * non-blocking and waited on with a selector, so a caller polling for cancellation keeps its own rhythm.
 */
final class DockerClient {

    /** The API version every path is prefixed with: Docker 20.10 and podman 4 both serve it. */
    static final String API = "/v1.41";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final String endpoint;
    private final SocketAddress address;
    private final String host;
    private final Duration timeout;

    /** A client of the engine at {@code endpoint} whose simple calls give up after {@code timeout}. */
    DockerClient(String endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        URI uri = URI.create(endpoint.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix" -> {
                if (uri.getPath() == null || uri.getPath().isEmpty()) {
                    throw new IllegalArgumentException("a unix socket URL needs a path: " + endpoint);
                }
                this.address = UnixDomainSocketAddress.of(Path.of(uri.getPath()));
                this.host = "docker";
            }
            case "tcp", "http" -> {
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("a tcp URL needs a host: " + endpoint);
                }
                int port = uri.getPort() > 0 ? uri.getPort() : 2375;
                this.address = InetSocketAddress.createUnresolved(uri.getHost(), port);
                this.host = uri.getHost() + ":" + port;
            }
            default -> throw new IllegalArgumentException("the Docker engine must be a unix:// or tcp:// URL (TLS is"
                    + " not supported): " + endpoint);
        }
    }

    /** The engine to use: the configured one, else {@code DOCKER_HOST}, else Docker's default socket. */
    static String resolve(String configured, Map<String, String> environment) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String fromEnvironment = environment.get("DOCKER_HOST");
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment.strip()
                : "unix:///var/run/docker.sock";
    }

    String endpoint() {
        return endpoint;
    }

    /** A whole answer of the engine. */
    record Reply(int status, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() throws IOException {
            return body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        }

        /** The engine's {@code message} of an error answer, else the body. */
        String message() {
            try {
                JsonNode message = json().path("message");
                if (message.isTextual()) {
                    return message.asText();
                }
            } catch (IOException e) {
                // not JSON: the body as it is
            }
            return body.strip().isEmpty() ? "HTTP " + status : body.strip();
        }
    }

    /** Calls the engine and reads its whole answer, within the client's timeout. */
    Reply call(String method, String path, Object body) throws IOException {
        return call(method, path, body, timeout);
    }

    /** Calls the engine and reads its whole answer, within {@code limit}. */
    Reply call(String method, String path, Object body, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Exchange exchange = open(method, path, body, limit)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (exchange.pump(out::write, Math.max(1, (deadline - System.nanoTime()) / 1_000_000))) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new IOException(method + " " + path + " took longer than " + limit.toSeconds() + "s");
                }
            }
            return new Reply(exchange.status(), out.toString(StandardCharsets.UTF_8));
        }
    }

    /** Calls the engine and answers the JSON of a 2xx answer; any other status is a {@link DockerException}. */
    JsonNode expect(String method, String path, Object body) throws IOException {
        Reply reply = call(method, path, body);
        if (!reply.ok()) {
            throw new DockerException(reply.status(), reply.message());
        }
        return reply.json();
    }

    /** Sends a request and reads the answer's head; the body is read through {@link Exchange#pump}. */
    Exchange open(String method, String path, Object body, Duration headLimit) throws IOException {
        byte[] payload = body == null ? null : JSON.writeValueAsBytes(body);
        SocketChannel channel = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(java.net.StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        try {
            SocketAddress target = address instanceof InetSocketAddress inet && inet.isUnresolved()
                    ? new InetSocketAddress(inet.getHostString(), inet.getPort()) : address;
            connect(channel, target, headLimit);
            ByteBuffer request = ByteBuffer.wrap(request(method, API + path, host, payload));
            while (request.hasRemaining()) {
                channel.write(request);
            }
            channel.configureBlocking(false);
            Exchange exchange = new Exchange(channel);
            exchange.readHead(System.nanoTime() + headLimit.toNanos(), method + " " + path);
            return exchange;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Connects within {@code limit} (a TCP engine that does not answer must not hang the caller). */
    private static void connect(SocketChannel channel, SocketAddress target, Duration limit) throws IOException {
        channel.configureBlocking(false);
        if (!channel.connect(target)) {
            try (Selector selector = Selector.open()) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                long deadline = System.nanoTime() + limit.toNanos();
                while (!channel.finishConnect()) {
                    long wait = (deadline - System.nanoTime()) / 1_000_000;
                    if (wait <= 0) {
                        throw new IOException("cannot connect to " + target + " within " + limit.toSeconds() + "s");
                    }
                    selector.select(wait);
                    selector.selectedKeys().clear();
                }
            }
        }
        channel.configureBlocking(true);
    }

    /** The bytes of an HTTP/1.1 request with a JSON body (or none). */
    static byte[] request(String method, String target, String host, byte[] body) {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append("\r\n");
        head.append("User-Agent: Codara-CI\r\n");
        head.append("Connection: close\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
            head.append("Content-Length: ").append(body.length).append("\r\n");
        } else if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("DELETE")) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.US_ASCII);
        if (body == null) {
            return start;
        }
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    /** A query string of {@code name=value} pairs, each URL-encoded; empty without pairs. */
    static String query(Map<String, String> parameters) {
        StringJoiner joined = new StringJoiner("&", "?", "");
        joined.setEmptyValue("");
        parameters.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    /**
     * The status line and headers of an answer ({@code text} up to, without, the empty line); header names are
     * lower-cased, a repeated one keeps its last value.
     */
    record Head(int status, Map<String, String> headers) {

        static Head parse(String text) throws IOException {
            String[] lines = text.split("\r\n");
            String[] status = lines[0].split(" ", 3);
            if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: '" + lines[0] + "'");
            }
            int code;
            try {
                code = Integer.parseInt(status[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status: '" + lines[0] + "'");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
            }
            return new Head(code, Map.copyOf(headers));
        }

        boolean chunked() {
            return headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
        }

        /** The Content-Length, or -1. */
        long length() {
            String value = headers.get("content-length");
            return value == null ? -1 : Long.parseLong(value.strip());
        }
    }

    /** Receives body bytes. */
    @FunctionalInterface
    interface BodySink {
        void accept(byte[] bytes, int offset, int length);
    }

    /** One request's answer, its body read in pieces as they arrive; closing it closes the connection. */
    static final class Exchange implements Closeable {

        private final SocketChannel channel;
        private final Selector selector;
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        private Head head;
        private ChunkedDecoder chunked;
        private BodySink current;
        private long remaining;
        private boolean ended;
        /** Body bytes that came with the head. */
        private byte[] early = new byte[0];

        Exchange(SocketChannel channel) throws IOException {
            this.channel = channel;
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        }

        int status() {
            return head.status();
        }

        Head head() {
            return head;
        }

        private void readHead(long deadline, String what) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int end;
            while (true) {
                byte[] all = bytes.toByteArray();
                end = indexOf(all, new byte[] {'\r', '\n', '\r', '\n'});
                if (end >= 0) {
                    head = Head.parse(new String(all, 0, end, StandardCharsets.ISO_8859_1));
                    early = java.util.Arrays.copyOfRange(all, end + 4, all.length);
                    break;
                }
                if (all.length > MAX_HEAD_BYTES) {
                    throw new IOException(what + ": the answer's head is too long");
                }
                long wait = (deadline - System.nanoTime()) / 1_000_000;
                if (wait <= 0) {
                    throw new IOException(what + ": no answer in time");
                }
                int read = read(wait);
                if (read < 0) {
                    throw new IOException(what + ": the engine closed the connection without an answer");
                }
                bytes.write(buffer.array(), 0, read);
            }
            if (head.chunked()) {
                chunked = new ChunkedDecoder((b, o, l) -> current.accept(b, o, l));
                remaining = -1;
            } else {
                remaining = head.status() == 204 || head.status() == 304 ? 0 : head.length();
            }
            if (remaining == 0) {
                ended = true;
            }
        }

        /**
         * Hands the body bytes that arrive within {@code waitMillis} (or came with the head) to {@code sink};
         * answers false once the body has ended (then nothing more comes).
         */
        boolean pump(BodySink sink, long waitMillis) throws IOException {
            current = sink;
            if (early.length > 0) {
                byte[] first = early;
                early = new byte[0];
                deliver(first, 0, first.length);
                return !ended;
            }
            if (ended) {
                return false;
            }
            int read = read(waitMillis);
            if (read < 0) {
                if (chunked != null && !chunked.done() || remaining > 0) {
                    throw new IOException("the engine closed the connection in the middle of an answer");
                }
                ended = true;
                return false;
            }
            deliver(buffer.array(), 0, read);
            return !ended;
        }

        private void deliver(byte[] bytes, int offset, int length) {
            if (chunked != null) {
                chunked.feed(bytes, offset, length);
                ended = chunked.done();
            } else if (remaining >= 0) {
                int take = (int) Math.min(remaining, length);
                current.accept(bytes, offset, take);
                remaining -= take;
                ended = remaining == 0;
            } else {
                current.accept(bytes, offset, length);
            }
        }

        /** Reads what is there within {@code waitMillis} into the buffer: the count (0: nothing yet), -1 at EOF. */
        private int read(long waitMillis) throws IOException {
            buffer.clear();
            int read = channel.read(buffer);
            if (read == 0 && waitMillis > 0) {
                selector.select(waitMillis);
                selector.selectedKeys().clear();
                read = channel.read(buffer);
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            try {
                selector.close();
            } finally {
                channel.close();
            }
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
