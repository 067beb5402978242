package io.codara.ci.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.live.LiveChannel;
import io.codara.api.live.LiveRequest;
import io.codara.api.live.LiveSink;
import io.codara.api.live.LiveSubscription;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Permissions;
import io.codara.api.security.ResourceRef;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.LogSlice;
import io.codara.ci.internal.engine.WorkflowJob;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v3/ws/repos/{owner}/{repo}/actions/jobs/{id}/logs?offset=N}: a job's log live, for those who may read
 * the repository. Sends the stored text from byte {@code offset} on, then new text as the runner stores it, as
 * {@code {"offset":..,"next_offset":..,"text":".."}} messages (offsets in bytes of the job's log, the same as
 * {@code X-Codara-Log-Offset} of the REST log), and when the job has ended a last message
 * {@code {"status":"completed","conclusion":".."}} before closing with 1000. The log lives in PostgreSQL, written
 * by whichever node runs the job, so each open stream reads it every {@value #POLL_MILLIS} ms on one shared timer.
 */
@Component(service = LiveChannel.class)
public final class JobLogChannel implements LiveChannel {

    static final long POLL_MILLIS = 500;
    /** Bytes read per query; at most {@value #SLICES_PER_POLL} queries per poll, so a fast log cannot flood a client. */
    static final int SLICE_BYTES = 64 * 1024;
    static final int SLICES_PER_POLL = 4;
    private static final Logger LOG = LoggerFactory.getLogger(JobLogChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CiEngine engine;
    private final Repositories repositories;
    private final Permissions permissions;
    private final ScheduledExecutorService timer;

    @Activate
    public JobLogChannel(@Reference CiEngine engine, @Reference Repositories repositories,
            @Reference Permissions permissions) {
        this.engine = engine;
        this.repositories = repositories;
        this.permissions = permissions;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "codara-ci-live-logs");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    @Override
    public String path() {
        return "repos/{owner}/{repo}/actions/jobs/{id}/logs";
    }

    @Override
    public LiveSubscription open(LiveRequest request, LiveSink sink) {
        Repository repository = repositories.resolve(request.pathParameter("owner"), request.pathParameter("repo"))
                .orElseThrow(ApiException::notFound);
        permissions.require(request.principal(), CiAccess.READ, new ResourceRef("repository", repository.fullName()));
        long jobId;
        try {
            jobId = Long.parseLong(request.pathParameter("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
        WorkflowJob job = engine.job(jobId).orElseThrow(ApiException::notFound);
        if (engine.run(job.runId()).filter(run -> run.repositoryId() == repository.id()).isEmpty()) {
            throw ApiException.notFound();
        }
        long offset;
        try {
            offset = Long.parseLong(request.queryParameter("offset").orElse("0"));
        } catch (NumberFormatException e) {
            offset = -1;
        }
        if (offset < 0) {
            throw new ApiException(422, "offset must be a byte offset, 0 or more");
        }
        Follower follower = new Follower(jobId, offset, sink);
        follower.start(timer.scheduleWithFixedDelay(follower::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS));
        return follower::stop;
    }

    /** One open stream: where it has read up to, and whether the job has been seen complete. */
    private final class Follower {

        private final long jobId;
        private final LiveSink sink;
        private volatile ScheduledFuture<?> task;
        private volatile boolean stopped;
        private long offset;
        private boolean sawComplete;

        Follower(long jobId, long offset, LiveSink sink) {
            this.jobId = jobId;
            this.offset = offset;
            this.sink = sink;
        }

        void start(ScheduledFuture<?> scheduled) {
            task = scheduled;
            if (stopped) {
                scheduled.cancel(false); // stopped before it started
            }
        }

        void stop() {
            stopped = true;
            ScheduledFuture<?> scheduled = task;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }

        /** Runs on the timer only, so never concurrently with itself. */
        void poll() {
            if (!sink.isOpen()) {
                stop();
                return;
            }
            try {
                for (int i = 0; i < SLICES_PER_POLL; i++) {
                    // The job's status is read after its chunks: text stored just before it completed may be missed
                    // by the read that first sees it complete, so only a read that starts after that one and finds
                    // nothing ends the stream.
                    boolean completeBefore = sawComplete;
                    LogSlice slice = engine.log(jobId, null, offset, SLICE_BYTES);
                    sawComplete |= slice.complete();
                    if (!slice.text().isEmpty()) {
                        Map<String, Object> message = new LinkedHashMap<>();
                        message.put("offset", offset);
                        message.put("next_offset", slice.nextOffset());
                        message.put("text", slice.text());
                        offset = slice.nextOffset();
                        if (!sink.send(json(message))) {
                            stop();
                            return;
                        }
                        continue;
                    }
                    if (completeBefore) {
                        finish();
                    }
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("Live log of job {}: {}", jobId, e.toString());
                sink.close(1011, "The log cannot be read right now");
                stop();
            }
        }

        private void finish() {
            WorkflowJob job = engine.job(jobId).orElse(null);
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("status", job == null ? "completed" : job.status());
            message.put("conclusion", job == null ? null : job.conclusion());
            message.put("next_offset", offset);
            sink.send(json(message));
            sink.close(LiveSink.NORMAL, "The job has ended");
            stop();
        }
    }

    private static String json(Map<String, Object> message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
