package io.codara.ci.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.codara.ci.internal.workflow.ExpressionContext;
import io.codara.ci.internal.workflow.ExpressionException;
import io.codara.ci.internal.workflow.Job;
import io.codara.ci.internal.workflow.MatrixExpansion;
import io.codara.ci.internal.workflow.Step;
import io.codara.ci.internal.workflow.Template;
import io.codara.ci.internal.workflow.Values;
import io.codara.ci.internal.workflow.Workflow;
import io.codara.ci.internal.workflow.WorkflowError;

/**
 * Turns a parsed workflow into the run the engine creates: one job per matrix combination (named as GitHub names
 * them), labels and {@code continue-on-error} evaluated, run defaults applied, {@code uses:} steps mapped (the
 * checkout is the runner's own; other actions cannot run offline and fail with a message saying so). A workflow file
 * with errors, or a matrix or expression that fails here, gives a failed run that carries the errors.
 */
public final class WorkflowPlanner {

    private WorkflowPlanner() {
    }

    /**
     * What triggered a run.
     *
     * @param eventPayload {@code github.event} (a pull request's payload), never {@code null}
     * @param sourceRepositoryId the repository holding {@code sha} when it is not this one (a fork), or {@code null}
     * @param withholdSecrets whether the run gets no secrets (a pull request from a fork)
     */
    public record Trigger(long repositoryId, String repository, String event, String sha, String ref, String actor,
            Map<String, Object> inputs, Map<String, Object> eventPayload, Long sourceRepositoryId,
            boolean withholdSecrets) {

        /** A trigger of the repository's own commit without event payload. */
        public Trigger(long repositoryId, String repository, String event, String sha, String ref, String actor,
                Map<String, Object> inputs) {
            this(repositoryId, repository, event, sha, ref, actor, inputs, Map.of(), null, false);
        }

        /** The branch or tag name, GitHub's {@code head_branch}: of a pull request, its head branch. */
        public String branch() {
            if (!headRef().isEmpty()) {
                return headRef();
            }
            return ref == null ? null : ref.replaceFirst("^refs/(heads|tags)/", "");
        }

        public Trigger {
            inputs = inputs == null ? Map.of() : inputs;
            eventPayload = eventPayload == null ? Map.of() : eventPayload;
        }

        /** The branch name a pull request event's {@code github.head_ref} names, or {@code ""}. */
        String headRef() {
            return eventPayload.get("pull_request") instanceof Map<?, ?> pr && pr.get("head") instanceof Map<?, ?> h
                    && h.get("ref") instanceof String r ? r : "";
        }

        /** The base branch a pull request event's {@code github.base_ref} names, or {@code ""}. */
        String baseRef() {
            return eventPayload.get("pull_request") instanceof Map<?, ?> pr && pr.get("base") instanceof Map<?, ?> b
                    && b.get("ref") instanceof String r ? r : "";
        }
    }

    /** The failed run of a workflow file with errors. */
    public static PlannedRun invalid(Trigger trigger, String path, String name, List<WorkflowError> errors) {
        List<String> messages = errors.stream().map(e -> e.line() + ":" + e.column() + ": " + e.message()).toList();
        return new PlannedRun(trigger.repositoryId(), path, name == null ? path : name, trigger.event(), trigger.sha(),
                trigger.branch(), trigger.actor(), List.of(), messages, trigger.inputs(), trigger.ref(),
                trigger.eventPayload(), trigger.sourceRepositoryId(), trigger.withholdSecrets(), null);
    }

    /** The run of a valid workflow for {@code trigger}. */
    public static PlannedRun plan(Workflow workflow, Trigger trigger) {
        String name = workflow.name() == null || workflow.name().isBlank() ? workflow.path() : workflow.name();
        ExpressionContext context = context(trigger, name);
        try {
            List<PlannedJob> jobs = new ArrayList<>();
            for (Job job : workflow.jobs()) {
                for (MatrixExpansion.JobInstance instance : MatrixExpansion.expand(job, context)) {
                    jobs.add(job(workflow, job, instance, context));
                }
            }
            return new PlannedRun(trigger.repositoryId(), workflow.path(), name, trigger.event(), trigger.sha(),
                    trigger.branch(), trigger.actor(), jobs, List.of(), trigger.inputs(), trigger.ref(),
                    trigger.eventPayload(), trigger.sourceRepositoryId(), trigger.withholdSecrets(),
                    concurrency(workflow.concurrency(), context));
        } catch (MatrixExpansion.MatrixException | ExpressionException | IllegalArgumentException e) {
            return new PlannedRun(trigger.repositoryId(), workflow.path(), name, trigger.event(), trigger.sha(),
                    trigger.branch(), trigger.actor(), List.of(), List.of("1:1: " + e.getMessage()),
                    trigger.inputs(), trigger.ref(), trigger.eventPayload(), trigger.sourceRepositoryId(),
                    trigger.withholdSecrets(), null);
        }
    }

    /**
     * A {@code concurrency} evaluated in {@code context}: {@code null} without one or when the group evaluates to
     * an empty string (as GitHub, which then applies no concurrency).
     */
    static PlannedRun.Concurrency concurrency(Workflow.Concurrency concurrency, ExpressionContext context) {
        if (concurrency == null) {
            return null;
        }
        String group = Template.parse(concurrency.group()).render(context).strip();
        if (group.isEmpty()) {
            return null;
        }
        if (group.length() > 1024) {
            throw new IllegalArgumentException("concurrency group is longer than 1024 characters: "
                    + group.substring(0, 40) + "...");
        }
        return new PlannedRun.Concurrency(group, concurrency.cancelInProgress().resolve(context));
    }

    private static PlannedJob job(Workflow workflow, Job job, MatrixExpansion.JobInstance instance,
            ExpressionContext context) {
        Map<String, String> matrix = new LinkedHashMap<>();
        instance.matrix().forEach((k, v) -> matrix.put(k, Values.toText(v)));
        ExpressionContext withMatrix = context.with("matrix", instance.matrix());
        List<String> labels = job.runsOn().resolve(withMatrix).labels();
        Map<String, String> env = new LinkedHashMap<>(workflow.env());
        env.putAll(job.env());
        Workflow.RunDefaults defaults = job.defaults().over(workflow.defaults());
        List<PlannedStep> steps = new ArrayList<>();
        for (Step step : job.steps()) {
            steps.add(step(step, defaults, withMatrix));
        }
        boolean matrixed = job.hasMatrix();
        Map<String, PlannedJob.Service> services = new LinkedHashMap<>();
        job.services().forEach((id, service) -> services.put(id, new PlannedJob.Service(service.image(),
                service.env())));
        return new PlannedJob(job.id(), instance.displayName(), matrix, job.needs(), labels, job.timeoutMinutes(),
                job.continueOnError().resolve(withMatrix), job.condition().source(), env, steps,
                matrixed && job.strategy().failFast(),
                matrixed && job.strategy().maxParallel() != null ? Math.max(0, job.strategy().maxParallel()) : 0,
                job.outputs(), concurrency(job.concurrency(), withMatrix), services);
    }

    private static PlannedStep step(Step step, Workflow.RunDefaults defaults, ExpressionContext context) {
        String run = step.run();
        String uses = null;
        if (step.uses() != null) {
            String quoted = step.uses().replace("\"", "'");
            if (step.action() == Step.BuiltinAction.CHECKOUT) {
                run = "echo \"The repository is checked out at $GITHUB_SHA in $GITHUB_WORKSPACE\"";
            } else if (step.action() != null) {
                uses = step.action().actionName();
                run = "echo \"::error::uses: " + quoted + " is a built-in step this runner does not perform\"; exit 1";
            } else {
                run = "echo \"::error::uses: " + quoted + " cannot run here: only actions/checkout, "
                        + "upload-artifact, download-artifact and cache run on this Codara runner, offline\"; exit 1";
            }
        }
        return new PlannedStep(step.id(), step.displayName(), run, step.shell() != null ? step.shell()
                : defaults.shell(), step.workingDirectory() != null ? step.workingDirectory()
                : defaults.workingDirectory(), step.env(), step.timeoutMinutes(),
                step.continueOnError().resolve(context), step.condition().source(), uses,
                uses == null ? Map.of() : step.with());
    }

    private static ExpressionContext context(Trigger trigger, String workflow) {
        Map<String, Object> github = new LinkedHashMap<>();
        github.put("sha", trigger.sha());
        github.put("ref", trigger.ref() == null ? "" : trigger.ref());
        github.put("ref_name", trigger.branch() == null ? "" : trigger.branch());
        github.put("event_name", trigger.event());
        github.put("repository", trigger.repository());
        github.put("actor", trigger.actor() == null ? "" : trigger.actor());
        github.put("workflow", workflow);
        github.put("event", trigger.eventPayload());
        github.put("head_ref", trigger.headRef());
        github.put("base_ref", trigger.baseRef());
        Map<String, Object> contexts = new LinkedHashMap<>();
        contexts.put("github", github);
        contexts.put("codara", github);
        contexts.put("inputs", trigger.inputs());
        contexts.put("env", Map.of());
        contexts.put("vars", Map.of());
        return ExpressionContext.of(contexts);
    }
}
