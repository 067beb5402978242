package io.codara.runner;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.codara.api.ci.spi.RunnerJob;
import io.codara.api.ci.spi.RunnerProvider;
import io.codara.api.ci.spi.RunningJob;
import io.codara.ci.internal.remote.wire.RunnerWire;
import io.codara.ci.internal.shell.StandaloneShellRunner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code codara-runner}: a self-hosted runner on another machine.
 *
 * <pre>
 * codara-runner register --url URL --token TOKEN [--name NAME] [--labels a,b] [--work DIR] [--config FILE]
 * codara-runner run [--config FILE] [--once]
 * </pre>
 *
 * {@code run} claims a job whose {@code runs-on} the runner has, runs it exactly as the built-in shell runner does
 * (a {@code git} checkout with the job's token, a clean environment, the process tree stopped on cancel or timeout,
 * step command files), reports it, heartbeats its lease, and claims the next.
 */
public final class RunnerMain {

    private static final Logger LOG = LoggerFactory.getLogger(RunnerMain.class);
    private static final long IDLE_POLL_MILLIS = 2000;

    private RunnerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage();
            System.exit(args.length == 0 ? 2 : 0);
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        Path config = Path.of(options.getOrDefault("config", Optional.ofNullable(System.getenv("CODARA_RUNNER_CONFIG"))
                .orElse(System.getProperty("user.home") + "/.codara-runner/runner.properties")));
        try {
            switch (args[0]) {
                case "register" -> register(options, config);
                case "run" -> run(RunnerConfig.read(config), options.containsKey("once"));
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("codara-runner: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage() {
        System.err.println("usage: codara-runner register --url URL --token TOKEN [--name NAME] [--labels a,b] "
                + "[--work DIR] [--config FILE]\n       codara-runner run [--config FILE] [--once]");
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                options.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (name.equals("once")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return options;
    }

    @SuppressWarnings("unchecked")
    static void register(Map<String, String> options, Path config) throws IOException, InterruptedException {
        String url = required(options, "url");
        String name = options.getOrDefault("name", hostName());
        List<String> labels = Arrays.stream(options.getOrDefault("labels", "").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", required(options, "token"));
        body.put("name", name);
        body.put("labels", labels);
        body.put("os", osName());
        body.put("architecture", architecture());
        Map<String, Object> answer = RunnerClient.register(url, body);
        List<String> granted = new ArrayList<>();
        for (Object l : (List<Object>) answer.getOrDefault("labels", List.of())) {
            granted.add(String.valueOf(((Map<String, Object>) l).get("name")));
        }
        Path work = Path.of(options.getOrDefault("work", config.toAbsolutePath().getParent().resolve("work")
                .toString()));
        new RunnerConfig(url, ((Number) answer.get("id")).longValue(), String.valueOf(answer.get("name")), granted,
                String.valueOf(answer.get("credential")), work, 1).write(config);
        System.out.println("Registered runner " + answer.get("name") + " (id " + answer.get("id") + ") with labels "
                + String.join(", ", granted) + "; configuration in " + config);
    }

    static void run(RunnerConfig config, boolean once) throws IOException, InterruptedException {
        Files.createDirectories(config.workDirectory());
        RunnerProvider shell = StandaloneShellRunner.create(config.name(), config.workDirectory(), config.labels(),
                1, Map.of());
        RunnerClient client = new RunnerClient(config.url(), config.credential());
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "codara-runner-heartbeat");
            t.setDaemon(true);
            return t;
        });
        LOG.info("Runner {} polls {} for jobs with labels {}", config.name(), config.url(), config.labels());
        try {
            while (true) {
                Optional<Map<String, Object>> claimed = client.post("jobs/claim", Map.of());
                if (claimed.isEmpty()) {
                    if (once) {
                        LOG.info("No job queued for this runner");
                        return;
                    }
                    Thread.sleep(IDLE_POLL_MILLIS);
                    continue;
                }
                runJob(config, shell, client, heartbeats, claimed.get());
                if (once) {
                    return;
                }
            }
        } finally {
            heartbeats.shutdownNow();
        }
    }

    private static void runJob(RunnerConfig config, RunnerProvider shell, RunnerClient client,
            ScheduledExecutorService heartbeats, Map<String, Object> claimed) throws InterruptedException {
        Map<String, Object> wire = new LinkedHashMap<>(claimed);
        // Clone from the server as this runner reaches it, whatever address the server thinks it has.
        URI clone = URI.create(String.valueOf(wire.get("clone_url")));
        String base = config.url().endsWith("/") ? config.url().substring(0, config.url().length() - 1)
                : config.url();
        wire.put("clone_url", base + clone.getRawPath());
        RunnerJob job = RunnerWire.job(wire);
        long leaseSeconds = wire.get("lease_seconds") instanceof Number n ? n.longValue() : 60;
        LOG.info("Job {} ({} of {}) claimed", job.jobId(), job.jobKey(), job.repository());
        RunningJob[] handle = new RunningJob[1];
        RemoteJobListener listener = new RemoteJobListener(client, job.jobId(), () -> {
            if (handle[0] != null) {
                handle[0].cancel();
            }
        });
        long every = Math.max(1, leaseSeconds / 3);
        ScheduledFuture<?> beat = heartbeats.scheduleWithFixedDelay(() -> heartbeat(client, listener, handle,
                job.jobId()), every, every, TimeUnit.SECONDS);
        // Stopped (SIGTERM, Ctrl-C) mid-job: the job's processes are stopped and nothing more is reported, so the
        // job's lease runs out and the server starts it again, as for a runner that died.
        Thread stopping = new Thread(() -> {
            listener.lose("the runner is stopping");
            try {
                if (handle[0] != null) {
                    handle[0].await(java.time.Duration.ofSeconds(20));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "codara-runner-stop");
        Runtime.getRuntime().addShutdownHook(stopping);
        try {
            handle[0] = shell.start(job, listener);
            listener.awaitFinished();
        } finally {
            beat.cancel(false);
            try {
                Runtime.getRuntime().removeShutdownHook(stopping);
            } catch (IllegalStateException alreadyStopping) {
                // the hook runs now
            }
        }
    }

    private static void heartbeat(RunnerClient client, RemoteJobListener listener, RunningJob[] handle, long jobId) {
        if (listener.lost()) {
            return;
        }
        try {
            Map<String, Object> answer = client.post("jobs/" + jobId + "/heartbeat", Map.of()).orElse(Map.of());
            if (Boolean.TRUE.equals(answer.get("cancel_requested")) && handle[0] != null) {
                LOG.info("Job {} was cancelled", jobId);
                handle[0].cancel();
            }
        } catch (RunnerClient.LostJobException e) {
            listener.lose(e.getMessage());
        } catch (IOException e) {
            LOG.warn("Heartbeat of job {} failed: {}", jobId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "runner";
        }
    }

    static String osName() {
        String os = System.getProperty("os.name", "Linux").toLowerCase(Locale.ROOT);
        return os.contains("mac") ? "macOS" : os.contains("win") ? "Windows" : "Linux";
    }

    static String architecture() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            case "arm" -> "arm";
            case "x86", "i386", "i686" -> "x86";
            default -> arch;
        };
    }
}
