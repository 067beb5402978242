package io.codara.ci.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.rest.PagedObject;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.LogSlice;
import io.codara.ci.internal.engine.WorkflowJob;
import io.codara.ci.internal.engine.WorkflowRun;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * GitHub Actions' REST shapes of workflow runs, jobs, logs and check runs, for the thin resources: reading needs
 * {@code read} on the repository, cancel and re-run need {@code write}; a run or job of another repository is a 404.
 */
@Component(service = RunViews.class)
public final class RunViews {

    /** Most bytes of log text one request answers. */
    static final int MAX_LOG_BYTES = 1 << 20;

    private final CiAccess access;
    private final CiEngine engine;

    @Activate
    public RunViews(@Reference CiAccess access, @Reference CiEngine engine) {
        this.access = access;
        this.engine = engine;
    }

    /** {@code GET .../actions/runs}: newest first, filtered by branch, event, status (or conclusion) and head SHA. */
    Response runs(String owner, String name, String branch, String event, String status, String headSha, Integer page,
            Integer perPage, HttpServletRequest request, UriInfo uri) {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        if (status != null && !List.of("queued", "in_progress", "completed", "waiting", "requested", "pending",
                "success", "failure", "cancelled", "skipped", "neutral", "timed_out", "action_required", "stale")
                .contains(status)) {
            throw new ApiException(422, "status must be a run status or conclusion: " + status);
        }
        PageRequest paging = PageRequest.of(page, perPage);
        CiEngine.RunPage found = engine.runs(repository.id(), new CiEngine.RunFilter(blank(branch), blank(event),
                blank(status), blank(headSha)), paging.page(), paging.perPage());
        Json json = new Json(uri.getBaseUri(), repository);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", found.total());
        body.put("workflow_runs", found.runs().stream().map(json::run).toList());
        return Response.ok(new PagedObject(body, paging, found.total())).build();
    }

    /** {@code GET .../actions/runs/{id}}. */
    Map<String, Object> run(String owner, String name, long runId, HttpServletRequest request, UriInfo uri) {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        return new Json(uri.getBaseUri(), repository).run(run(repository, runId));
    }

    /** {@code GET .../actions/runs/{id}/jobs}: the jobs of the latest attempt ({@code filter=latest}) or of all. */
    Map<String, Object> jobs(String owner, String name, long runId, String filter, HttpServletRequest request,
            UriInfo uri) {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        WorkflowRun run = run(repository, runId);
        if (filter != null && !filter.equals("latest") && !filter.equals("all")) {
            throw new ApiException(422, "filter must be latest or all");
        }
        List<WorkflowJob> jobs = new java.util.ArrayList<>();
        if ("all".equals(filter)) {
            for (int attempt = 1; attempt <= run.runAttempt(); attempt++) {
                jobs.addAll(engine.jobs(runId, attempt));
            }
        } else {
            jobs.addAll(engine.jobs(runId, null));
        }
        Json json = new Json(uri.getBaseUri(), repository);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", jobs.size());
        body.put("jobs", jobs.stream().map(j -> json.job(run, j)).toList());
        return body;
    }

    /** {@code GET .../actions/jobs/{id}}. */
    Map<String, Object> job(String owner, String name, long jobId, HttpServletRequest request, UriInfo uri) {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        WorkflowJob job = engine.job(jobId).orElseThrow(ApiException::notFound);
        return new Json(uri.getBaseUri(), repository).job(run(repository, job.runId()), job);
    }

    /**
     * {@code GET .../actions/jobs/{id}/logs}: plain text from byte {@code offset} of the job's log (or of one
     * step's), with the offset to ask for next in {@code X-Codara-Log-Offset} and whether the job has ended in
     * {@code X-Codara-Log-Complete}.
     */
    Response logs(String owner, String name, long jobId, Integer step, Long offset, HttpServletRequest request) {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        WorkflowJob job = engine.job(jobId).orElseThrow(ApiException::notFound);
        run(repository, job.runId());
        if (step != null && step < 0 || offset != null && offset < 0) {
            throw new ApiException(422, "step and offset must not be negative");
        }
        LogSlice slice = engine.log(jobId, step, offset == null ? 0 : offset, MAX_LOG_BYTES);
        return Response.ok(slice.text(), new MediaType("text", "plain", StandardCharsets.UTF_8.name()))
                .header("X-Codara-Log-Offset", slice.nextOffset())
                .header("X-Codara-Log-Complete", slice.complete())
                .build();
    }

    /** {@code POST .../actions/runs/{id}/cancel}: 202. */
    Response cancel(String owner, String name, long runId, HttpServletRequest request) {
        Repository repository = access.repository(owner, name, CiAccess.WRITE, request);
        run(repository, runId);
        engine.cancel(runId);
        return Response.accepted(Map.of()).build();
    }

    /** {@code POST .../actions/runs/{id}/rerun} and {@code .../rerun-failed-jobs}: 201. */
    Response rerun(String owner, String name, long runId, boolean failedOnly, HttpServletRequest request) {
        Repository repository = access.repository(owner, name, CiAccess.WRITE, request);
        run(repository, runId);
        engine.rerun(runId, failedOnly, CiAccess.actor(request).login());
        return Response.status(201).entity(Map.of()).build();
    }

    /** {@code GET .../commits/{ref}/check-runs}: the jobs of the runs at that commit, as check runs. */
    Map<String, Object> checkRuns(String owner, String name, String sha, String checkName, String status,
            HttpServletRequest request, UriInfo uri) {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        Json json = new Json(uri.getBaseUri(), repository);
        Map<Long, WorkflowRun> runs = new LinkedHashMap<>();
        List<Map<String, Object>> checks = engine.jobsAt(repository.id(), sha).stream()
                .map(j -> json.checkRun(runs.computeIfAbsent(j.runId(), id -> engine.run(id).orElseThrow()), j))
                .filter(c -> checkName == null || checkName.equals(c.get("name")))
                .filter(c -> status == null || status.equals(c.get("status")))
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", checks.size());
        body.put("check_runs", checks);
        return body;
    }

    private WorkflowRun run(Repository repository, long runId) {
        return engine.run(runId).filter(r -> r.repositoryId() == repository.id())
                .orElseThrow(ApiException::notFound);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The JSON of one repository's runs and jobs. */
    private final class Json {

        private final String api;
        private final String web;
        private final Repository repository;
        private final CiJson common;

        Json(URI base, Repository repository) {
            this.common = new CiJson(base);
            String root = base.toString().endsWith("/") ? base.toString() : base + "/";
            this.api = root + "repos/" + repository.fullName();
            this.web = (root.endsWith("api/v3/") ? root.substring(0, root.length() - "api/v3/".length()) : root)
                    + repository.fullName();
            this.repository = repository;
        }

        Map<String, Object> run(WorkflowRun run) {
            String url = api + "/actions/runs/" + run.id();
            Account actor = access.accountOrNull(run.actor());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", run.id());
            json.put("name", run.name());
            json.put("node_id", nodeId("WorkflowRun", run.id()));
            json.put("head_branch", run.headBranch());
            json.put("head_sha", run.headSha());
            json.put("path", run.workflowPath());
            json.put("display_title", run.name());
            json.put("run_number", run.runNumber());
            json.put("event", run.event());
            json.put("status", run.status());
            json.put("conclusion", run.conclusion());
            json.put("url", url);
            json.put("html_url", web + "/actions/runs/" + run.id());
            json.put("jobs_url", url + "/jobs");
            json.put("logs_url", url + "/logs");
            json.put("cancel_url", url + "/cancel");
            json.put("rerun_url", url + "/rerun");
            json.put("check_suite_url", null);
            json.put("workflow_url", api + "/actions/workflows/" + fileName(run.workflowPath()));
            json.put("created_at", CiJson.time(run.createdAt()));
            json.put("updated_at", CiJson.time(run.updatedAt()));
            json.put("run_attempt", run.runAttempt());
            json.put("run_started_at", CiJson.time(run.startedAt() == null ? run.createdAt() : run.startedAt()));
            json.put("actor", actor == null ? null : common.user(actor));
            json.put("triggering_actor", actor == null ? null : common.user(actor));
            json.put("annotations", run.annotations());
            json.put("repository", common.repository(repository, access.account(repository.owner())));
            return json;
        }

        Map<String, Object> job(WorkflowRun run, WorkflowJob job) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", job.id());
            json.put("run_id", job.runId());
            json.put("run_url", api + "/actions/runs/" + job.runId());
            json.put("run_attempt", job.runAttempt());
            json.put("node_id", nodeId("CheckRun", job.id()));
            json.put("head_sha", run.headSha());
            json.put("head_branch", run.headBranch());
            json.put("url", api + "/actions/jobs/" + job.id());
            json.put("html_url", web + "/actions/runs/" + job.runId() + "/job/" + job.id());
            json.put("status", job.status().equals("waiting") ? "waiting" : job.status());
            json.put("conclusion", job.conclusion());
            json.put("created_at", CiJson.time(job.createdAt()));
            json.put("started_at", CiJson.time(job.startedAt()));
            json.put("completed_at", CiJson.time(job.completedAt()));
            json.put("name", job.name());
            json.put("job_key", job.key());
            json.put("matrix", job.matrix());
            json.put("needs", job.needs());
            json.put("message", job.message());
            json.put("steps", job.steps().stream().map(s -> {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("name", s.name());
                step.put("status", s.status());
                step.put("conclusion", s.conclusion());
                step.put("number", s.number());
                step.put("started_at", CiJson.time(s.startedAt()));
                step.put("completed_at", CiJson.time(s.completedAt()));
                return step;
            }).toList());
            json.put("check_run_url", api + "/check-runs/" + job.id());
            json.put("labels", job.runsOn());
            json.put("runner_name", job.runnerName());
            json.put("workflow_name", run.name());
            return json;
        }

        Map<String, Object> checkRun(WorkflowRun run, WorkflowJob job) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", job.id());
            json.put("head_sha", run.headSha());
            json.put("node_id", nodeId("CheckRun", job.id()));
            json.put("external_id", Long.toString(job.id()));
            json.put("url", api + "/check-runs/" + job.id());
            json.put("html_url", web + "/actions/runs/" + job.runId() + "/job/" + job.id());
            json.put("details_url", web + "/actions/runs/" + job.runId() + "/job/" + job.id());
            json.put("status", job.status().equals("waiting") ? "queued" : job.status());
            json.put("conclusion", job.conclusion());
            json.put("started_at", CiJson.time(job.startedAt()));
            json.put("completed_at", CiJson.time(job.completedAt()));
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("title", job.conclusion() == null ? null : run.name() + " / " + job.name() + ": "
                    + job.conclusion());
            output.put("summary", job.message());
            output.put("text", null);
            output.put("annotations_count", 0);
            output.put("annotations_url", api + "/check-runs/" + job.id() + "/annotations");
            json.put("output", output);
            json.put("name", job.name());
            json.put("check_suite", Map.of("id", run.id()));
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("id", 1);
            app.put("slug", "codara-actions");
            app.put("name", "Codara Actions");
            json.put("app", app);
            json.put("pull_requests", List.of());
            return json;
        }

        private static String fileName(String path) {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        private static String nodeId(String type, long id) {
            return java.util.Base64.getEncoder().withoutPadding()
                    .encodeToString(("0:" + type + id).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
