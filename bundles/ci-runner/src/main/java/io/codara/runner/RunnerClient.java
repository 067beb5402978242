package io.codara.runner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.ci.internal.remote.wire.RunnerWire;

/**
 * The runner's side of Codara's runner protocol ({@code /api/v3/actions/runner/...}): JSON over HTTP, the runner's
 * credential in its own header. A request that fails in transit is tried again a few times; an answer of 410 means
 * the runner no longer holds the job ({@link LostJobException}).
 */
final class RunnerClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final int ATTEMPTS = 4;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String credential;

    RunnerClient(String url, String credential) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.base = u + "/api/v3/actions/runner/";
        this.credential = credential;
    }

    /** The job lost by this runner (the server answered 410). */
    static final class LostJobException extends IOException {
        private static final long serialVersionUID = 1L;

        LostJobException(String message) {
            super(message);
        }
    }

    /** Registers with a registration token; the answer holds the runner's id, labels and credential. */
    static Map<String, Object> register(String url, Map<String, Object> body) throws IOException, InterruptedException {
        return new RunnerClient(url, null).post("register", body).orElseThrow(
                () -> new IOException("the server answered the registration without a body"));
    }

    /** POSTs {@code body} to {@code path}; empty for 204. */
    Optional<Map<String, Object>> post(String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body == null ? Map.of() : body)));
        if (credential != null) {
            request.header(RunnerWire.CREDENTIAL_HEADER, credential);
        }
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                last = e;
                Thread.sleep(500L * attempt);
                continue;
            }
            int status = response.statusCode();
            if (status == 204) {
                return Optional.empty();
            }
            if (status >= 200 && status < 300) {
                return Optional.of(JSON.readValue(response.body(), MAP));
            }
            String message = message(response.body());
            if (status == 410) {
                throw new LostJobException(message);
            }
            if (status >= 500 || status == 429) {
                last = new IOException("HTTP " + status + " from " + path + ": " + message);
                Thread.sleep(1000L * attempt);
                continue;
            }
            throw new IOException("HTTP " + status + " from " + path + ": " + message);
        }
        throw last;
    }

    private static String message(byte[] body) {
        try {
            Object message = JSON.readValue(body, MAP).get("message");
            return message == null ? "" : message.toString();
        } catch (IOException e) {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
