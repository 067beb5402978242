package io.codara.ci.internal.remote;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.codara.api.ci.spi.JobResult;
import io.codara.api.ci.spi.RunnerStep;
import io.codara.api.ci.spi.StepResult;
import io.codara.api.rest.ApiException;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.JobPlans;
import io.codara.ci.internal.logs.SecretMasker;
import io.codara.ci.internal.remote.RemoteRunners.Runner;
import io.codara.ci.internal.remote.wire.RunnerWire;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /actions/runner/...}: Codara's protocol for remote runners. {@code register} takes a registration token;
 * everything else is authenticated by the runner's own credential in {@value RunnerWire#CREDENTIAL_HEADER}, never by
 * a user's session or token. A runner claims a job, then reports each step's start, log and end and the job's end,
 * and heartbeats to keep its lease; every report of a job whose lease the runner lost is answered 410, the
 * heartbeat says when the job is to be cancelled. Log text is masked here again with the job's secrets.
 */
@Component(service = RunnerProtocolResource.class)
@JakartarsResource
@Path("actions/runner")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RunnerProtocolResource {

    private static final Logger LOG = LoggerFactory.getLogger(RunnerProtocolResource.class);

    private final RemoteRunners runners;
    private final CiEngine engine;

    @Activate
    public RunnerProtocolResource(@Reference RemoteRunners runners, @Reference CiEngine engine) {
        this.runners = runners;
        this.engine = engine;
    }

    @POST
    @Path("register")
    @SuppressWarnings("unchecked")
    public Response register(Map<String, Object> body) {
        Map<String, Object> in = body == null ? Map.of() : body;
        Object labels = in.get("labels");
        List<String> list = labels instanceof List<?> l ? (List<String>) l
                : labels instanceof String s ? List.of(s.split(",")) : List.of();
        RemoteRunners.Registered registered = runners.register(string(in.get("token")), string(in.get("name")),
                list, string(in.get("os")), string(in.get("architecture")));
        Map<String, Object> out = new LinkedHashMap<>(RunnerViews.runner(registered.runner(), runners));
        out.put("credential", registered.credential());
        return Response.status(201).entity(out).build();
    }

    @POST
    @Path("jobs/claim")
    public Response claim(@Context HttpServletRequest request) {
        Runner runner = runner(request);
        Optional<JobPlans.Prepared> job = runners.claim(runner);
        if (job.isEmpty()) {
            return Response.noContent().build();
        }
        Map<String, Object> out = new LinkedHashMap<>(RunnerWire.job(job.get().job()));
        out.put("lease_seconds", runners.lease().toSeconds());
        return Response.ok(out).build();
    }

    @POST
    @Path("jobs/{id}/heartbeat")
    public Map<String, Object> heartbeat(@PathParam("id") long jobId, @Context HttpServletRequest request) {
        Runner runner = runner(request);
        CiEngine.Lease lease = engine.renew(jobId, runner.owner(), runners.lease());
        if (lease == CiEngine.Lease.LOST) {
            runners.release(runner, jobId);
            throw lost(jobId);
        }
        return Map.of("cancel_requested", lease == CiEngine.Lease.CANCEL_REQUESTED,
                "lease_seconds", runners.lease().toSeconds());
    }

    @POST
    @Path("jobs/{id}/steps/{step}/should-run")
    public Map<String, Object> shouldRun(@PathParam("id") long jobId, @PathParam("step") int step,
            Map<String, Object> body, @Context HttpServletRequest request) {
        Runner runner = runner(request);
        JobPlans.Prepared prepared = runners.held(runner, jobId).orElseThrow(() -> lost(jobId));
        Map<String, Object> in = body == null ? Map.of() : body;
        try {
            return Map.of("run", prepared.shouldRun(step, RunnerWire.steps(in.get("finished")),
                    Boolean.TRUE.equals(in.get("cancelled"))));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new ApiException(422, "Cannot decide step " + step + ": " + e.getMessage());
        }
    }

    /**
     * Step {@code step} rendered again with the results of the steps before it ({@code finished}), just before it
     * runs, so {@code steps.<id>.outputs} reach its {@code run}, {@code env}, name and working directory as on a node's
     * runner; 422 with the expression's error when one fails (the runner fails the step with it).
     */
    @POST
    @Path("jobs/{id}/steps/{step}/prepare")
    public Map<String, Object> prepare(@PathParam("id") long jobId, @PathParam("step") int step,
            Map<String, Object> body, @Context HttpServletRequest request) {
        Runner runner = runner(request);
        JobPlans.Prepared prepared = runners.held(runner, jobId).orElseThrow(() -> lost(jobId));
        Map<String, Object> in = body == null ? Map.of() : body;
        RunnerStep planned = prepared.job().steps().stream().filter(s -> s.index() == step).findFirst()
                .orElseThrow(() -> new ApiException(422, "The job has no step " + step));
        try {
            return RunnerWire.runnerStep(prepared.prepare(planned, RunnerWire.steps(in.get("finished"))));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new ApiException(422, "Cannot prepare step " + step + ": " + e.getMessage());
        }
    }

    @POST
    @Path("jobs/{id}/steps/{step}/started")
    public Response stepStarted(@PathParam("id") long jobId, @PathParam("step") int step, Map<String, Object> body,
            @Context HttpServletRequest request) {
        Runner runner = runner(request);
        Object at = body == null ? null : body.get("at");
        if (!engine.stepStarted(jobId, runner.owner(), step,
                at == null ? java.time.Instant.now() : RunnerWire.instant(at))) {
            throw lost(jobId);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("jobs/{id}/logs")
    public Response log(@PathParam("id") long jobId, Map<String, Object> body, @Context HttpServletRequest request) {
        Runner runner = runner(request);
        Map<String, Object> in = body == null ? Map.of() : body;
        if (!(in.get("text") instanceof String text) || !(in.get("step") instanceof Number step)
                || !(in.get("offset") instanceof Number offset) || !(in.get("job_offset") instanceof Number at)) {
            throw new ApiException(422, "A log chunk has step, offset, job_offset and text");
        }
        JobPlans.Prepared prepared = runners.held(runner, jobId).orElseThrow(() -> lost(jobId));
        SecretMasker masker = new SecretMasker();
        prepared.job().secrets().forEach(masker::add);
        String masked = masker.mask(text);
        if (!masked.equals(text)) {
            LOG.warn("Remote runner {} sent a secret unmasked in the log of CI job {}; masked here", runner.name(),
                    jobId);
        }
        if (!engine.log(jobId, runner.owner(), step.intValue(), offset.longValue(), at.longValue(), masked)) {
            // A chunk stored before (a retried request) is no loss; a lost lease is.
            if (engine.held(jobId, runner.owner()).isEmpty()) {
                throw lost(jobId);
            }
        }
        return Response.noContent().build();
    }

    @POST
    @Path("jobs/{id}/steps/{step}/finished")
    public Response stepFinished(@PathParam("id") long jobId, @PathParam("step") int step, Map<String, Object> body,
            @Context HttpServletRequest request) {
        Runner runner = runner(request);
        StepResult result = step(body);
        if (!engine.stepFinished(jobId, runner.owner(), step, result.conclusion(), result.startedAt(),
                result.completedAt())) {
            throw lost(jobId);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("jobs/{id}/finish")
    public Response finish(@PathParam("id") long jobId, Map<String, Object> body, @Context HttpServletRequest request) {
        Runner runner = runner(request);
        JobResult result;
        try {
            result = RunnerWire.result(jobId, body == null ? Map.of() : body);
        } catch (RuntimeException e) {
            throw new ApiException(422, "Bad job result: " + e.getMessage());
        }
        Optional<JobPlans.Prepared> prepared = runners.held(runner, jobId);
        try {
            if (prepared.isEmpty() || !engine.finish(jobId, runner.owner(), result,
                    prepared.get().outputs(result.steps()))) {
                throw lost(jobId);
            }
        } finally {
            runners.release(runner, jobId);
        }
        return Response.noContent().build();
    }

    private static StepResult step(Map<String, Object> body) {
        try {
            return RunnerWire.step(body == null ? Map.of() : body);
        } catch (RuntimeException e) {
            throw new ApiException(422, "Bad step result: " + e.getMessage());
        }
    }

    private Runner runner(HttpServletRequest request) {
        String credential = request.getHeader(RunnerWire.CREDENTIAL_HEADER);
        return runners.authenticate(credential)
                .orElseThrow(() -> new ApiException(401, "A runner credential is required in "
                        + RunnerWire.CREDENTIAL_HEADER));
    }

    private static ApiException lost(long jobId) {
        return new ApiException(410, "This runner no longer holds job " + jobId);
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
