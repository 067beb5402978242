package io.codara.ci.internal.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real unix socket whose other end answers canned bytes, as an engine would. */
class DockerClientTest {

    @TempDir
    Path temp;

    @Test
    void buildsRequestsWithAJsonBodyOrAnEmptyOne() {
        String post = new String(DockerClient.request("POST", "/v1.41/containers/create?name=a", "docker",
                "{\"Image\":\"x\"}".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertThat(post).isEqualTo("POST /v1.41/containers/create?name=a HTTP/1.1\r\nHost: docker\r\n"
                + "User-Agent: Codara-CI\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Content-Length: 13\r\n\r\n{\"Image\":\"x\"}");
        String start = new String(DockerClient.request("POST", "/v1.41/containers/1/start", "docker", null),
                StandardCharsets.UTF_8);
        assertThat(start).endsWith("Connection: close\r\nContent-Length: 0\r\n\r\n");
        String get = new String(DockerClient.request("GET", "/v1.41/_ping", "docker", null), StandardCharsets.UTF_8);
        assertThat(get).doesNotContain("Content-Length").endsWith("\r\n\r\n");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("fromImage", "registry.example.com:5000/team/app");
        query.put("tag", "1.0 beta");
        assertThat(DockerClient.query(query))
                .isEqualTo("?fromImage=registry.example.com%3A5000%2Fteam%2Fapp&tag=1.0+beta");
        assertThat(DockerClient.query(Map.of())).isEmpty();
    }

    @Test
    void resolvesTheEngineFromConfigurationThenDockerHostThenTheDefaultSocket() {
        assertThat(DockerClient.resolve(" unix:///run/podman.sock ", Map.of("DOCKER_HOST", "tcp://h:1")))
                .isEqualTo("unix:///run/podman.sock");
        assertThat(DockerClient.resolve("", Map.of("DOCKER_HOST", "tcp://h:1"))).isEqualTo("tcp://h:1");
        assertThat(DockerClient.resolve("", Map.of())).isEqualTo("unix:///var/run/docker.sock");
        assertThatThrownBy(() -> new DockerClient("https://h:2376", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS is not supported");
    }

    @Test
    void readsAChunkedJsonAnswerAndSendsTheRequestOverTheSocket() throws Exception {
        String answer = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "\r\n" + "7\r\n{\"Id\":\"\r\n" + "8\r\nabc123\"}\r\n" + "0\r\n\r\n";
        Server server = new Server(temp.resolve("engine.sock"), answer.getBytes(StandardCharsets.UTF_8));
        DockerClient client = new DockerClient("unix://" + server.path, Duration.ofSeconds(10));

        assertThat(client.expect("POST", "/containers/create", Map.of("Image", "busybox")).path("Id").asText())
                .isEqualTo("abc123");
        String request = server.request.get(10, TimeUnit.SECONDS);
        assertThat(request).startsWith("POST /v1.41/containers/create HTTP/1.1\r\n")
                .endsWith("\r\n\r\n{\"Image\":\"busybox\"}");
    }

    @Test
    void turnsAnErrorAnswerIntoTheEnginesMessage() throws Exception {
        String body = "{\"cause\":\"no such image\",\"message\":\"No such image: nope:1\",\"response\":404}";
        String answer = "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
        Server server = new Server(temp.resolve("engine.sock"), answer.getBytes(StandardCharsets.UTF_8));
        DockerClient client = new DockerClient("unix://" + server.path, Duration.ofSeconds(10));

        assertThatThrownBy(() -> client.expect("GET", "/images/nope:1/json", null))
                .isInstanceOfSatisfying(DockerException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("No such image: nope:1");
    }

    @Test
    void streamsARawExecAnswerUntilTheEngineClosesIt() throws Exception {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] frames = StreamDemultiplexerTest.concat(StreamDemultiplexerTest.frame(1, "out\n"),
                StreamDemultiplexerTest.frame(2, "err\n"), StreamDemultiplexerTest.frame(1, "done\n"));
        Server server = new Server(temp.resolve("engine.sock"), StreamDemultiplexerTest.concat(head, frames));
        DockerClient client = new DockerClient("unix://" + server.path, Duration.ofSeconds(10));

        StringBuilder merged = new StringBuilder();
        StreamDemultiplexer demultiplexer = new StreamDemultiplexer((stream, bytes, offset, length) ->
                merged.append(stream).append(':').append(new String(bytes, offset, length, StandardCharsets.UTF_8)));
        try (DockerClient.Exchange exchange = client.open("POST", "/exec/e1/start", Map.of("Detach", false),
                Duration.ofSeconds(10))) {
            assertThat(exchange.status()).isEqualTo(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (exchange.pump(demultiplexer::feed, 100)) {
                assertThat(System.nanoTime()).isLessThan(deadline);
            }
        }
        assertThat(merged.toString()).isEqualTo("1:out\n2:err\n1:done\n");
    }

    @Test
    void aPumpReturnsWithinItsWaitWhenNothingArrives() throws Exception {
        Path path = temp.resolve("silent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            CompletableFuture<SocketChannel> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    SocketChannel channel = server.accept();
                    channel.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\n\r\npartial".getBytes(StandardCharsets.UTF_8)));
                    return channel;
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            DockerClient client = new DockerClient("unix://" + path, Duration.ofSeconds(10));
            try (DockerClient.Exchange exchange = client.open("GET", "/slow", null, Duration.ofSeconds(10))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                while (out.size() < "partial".length()) {
                    assertThat(exchange.pump(out::write, 1000)).isTrue();
                }
                long before = System.nanoTime();
                assertThat(exchange.pump(out::write, 200)).isTrue();
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
                assertThat(waited).isBetween(150L, 5000L);
                assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("partial");
            } finally {
                accepted.get(10, TimeUnit.SECONDS).close();
            }
        }
    }

    @Test
    void speaksTheSameOverTcp() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            int port = ((java.net.InetSocketAddress) server.getLocalAddress()).getPort();
            CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel channel = server.accept()) {
                    ByteBuffer buffer = ByteBuffer.allocate(8192);
                    channel.read(buffer);
                    channel.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK"
                            .getBytes(StandardCharsets.US_ASCII)));
                    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            DockerClient client = new DockerClient("tcp://127.0.0.1:" + port, Duration.ofSeconds(10));
            DockerClient.Reply reply = client.call("GET", "/_ping", null);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("OK");
            assertThat(request.get(10, TimeUnit.SECONDS)).startsWith("GET /v1.41/_ping HTTP/1.1\r\nHost: 127.0.0.1:"
                    + port + "\r\n");
        }
    }

    /** Accepts one connection on a unix socket, records the request and answers {@code answer}, then closes. */
    private static final class Server {
        final Path path;
        final CompletableFuture<String> request = new CompletableFuture<>();

        Server(Path path, byte[] answer) throws IOException {
            this.path = path;
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            Thread thread = new Thread(() -> {
                try (server; SocketChannel channel = server.accept()) {
                    ByteArrayOutputStream received = new ByteArrayOutputStream();
                    ByteBuffer buffer = ByteBuffer.allocate(8192);
                    while (!complete(received.toString(StandardCharsets.UTF_8))) {
                        buffer.clear();
                        if (channel.read(buffer) < 0) {
                            break;
                        }
                        received.write(buffer.array(), 0, buffer.position());
                    }
                    request.complete(received.toString(StandardCharsets.UTF_8));
                    ByteBuffer out = ByteBuffer.wrap(answer);
                    while (out.hasRemaining()) {
                        channel.write(out);
                    }
                } catch (IOException e) {
                    request.completeExceptionally(e);
                }
            }, "fake-engine");
            thread.setDaemon(true);
            thread.start();
        }

        private static boolean complete(String text) {
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            for (String line : List.of(text.substring(0, end).split("\r\n"))) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    int length = Integer.parseInt(line.substring(15).strip());
                    return text.getBytes(StandardCharsets.UTF_8).length >= end + 4 + length;
                }
            }
            return true;
        }
    }
}
