package io.codara.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.codara.api.ci.spi.JobListener;
import io.codara.api.ci.spi.JobResult;
import io.codara.api.ci.spi.LogChunk;
import io.codara.api.ci.spi.RunnerStep;
import io.codara.api.ci.spi.StepResult;
import io.codara.ci.internal.remote.wire.RunnerWire;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the shell runner's progress of one job to the server, call by call: the server decides each step's
 * {@code if}, stores steps and logs, and completes the job. Once the server says the job is no longer this
 * runner's (410), the job is stopped here and nothing more is sent.
 */
final class RemoteJobListener implements JobListener {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJobListener.class);

    private final RunnerClient client;
    private final long jobId;
    private final Runnable onLost;
    private final AtomicLong jobOffset = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean lost;

    RemoteJobListener(RunnerClient client, long jobId, Runnable onLost) {
        this.client = client;
        this.jobId = jobId;
        this.onLost = onLost;
    }

    /** The server took the job away (lease lost, runner deleted): stop sending, stop the job. */
    void lose(String why) {
        if (!lost) {
            lost = true;
            LOG.warn("Job {} is no longer this runner's ({}): stopping it", jobId, why);
            onLost.run();
        }
    }

    boolean lost() {
        return lost;
    }

    /** Waits until the job's end was reported (or given up). */
    void awaitFinished() throws InterruptedException {
        finished.await();
    }

    private Map<String, Object> send(String path, Object body) {
        if (lost) {
            return null;
        }
        try {
            return client.post("jobs/" + jobId + "/" + path, body).orElse(Map.of());
        } catch (RunnerClient.LostJobException e) {
            lose(e.getMessage());
        } catch (IOException e) {
            // The server is unreachable even after retries: the job goes on, its lease expires unless a heartbeat
            // gets through, and then the server starts it again elsewhere.
            LOG.warn("Job {}: could not report {}: {}", jobId, path, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lose("interrupted");
        }
        return null;
    }

    @Override
    public boolean shouldRun(RunnerStep step, List<StepResult> finishedSteps, boolean cancelled) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("finished", finishedSteps.stream().map(RunnerWire::step).toList());
        body.put("cancelled", cancelled);
        Map<String, Object> answer = send("steps/" + step.index() + "/should-run", body);
        return answer != null && Boolean.TRUE.equals(answer.get("run"));
    }

    /**
     * The server renders the step again with the results so far, as a node's runner does. When it cannot (an
     * expression fails, or the server stays unreachable), the step fails with the reason rather than run as planned.
     */
    @Override
    public RunnerStep prepare(RunnerStep step, List<StepResult> finishedSteps) {
        if (lost) {
            return step;
        }
        Map<String, Object> body = Map.of("finished", finishedSteps.stream().map(RunnerWire::step).toList());
        try {
            return client.post("jobs/" + jobId + "/steps/" + step.index() + "/prepare", body)
                    .map(RunnerWire::runnerStep).orElseThrow(() -> new IllegalArgumentException(
                            "the server answered without the step"));
        } catch (RunnerClient.LostJobException e) {
            lose(e.getMessage());
            return step;
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lose("interrupted");
            return step;
        }
    }

    @Override
    public void stepStarted(RunnerStep step, Instant at) {
        send("steps/" + step.index() + "/started", Map.of("at", at.toString()));
    }

    @Override
    public void log(LogChunk chunk) {
        long at = jobOffset.getAndAdd(chunk.text().getBytes(StandardCharsets.UTF_8).length);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("step", chunk.step());
        body.put("offset", chunk.offset());
        body.put("job_offset", at);
        body.put("text", chunk.text());
        send("logs", body);
    }

    @Override
    public void stepFinished(StepResult result) {
        send("steps/" + result.index() + "/finished", RunnerWire.step(result));
    }

    @Override
    public void jobFinished(JobResult result) {
        try {
            send("finish", RunnerWire.result(result));
            LOG.info("Job {} finished: {}", jobId, result.conclusion().apiName());
        } finally {
            finished.countDown();
        }
    }
}
