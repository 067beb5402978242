package io.codara.ci.internal.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.codara.api.ci.spi.StepResult;
import io.codara.ci.internal.workflow.Condition;
import io.codara.ci.internal.workflow.ExpressionContext;
import io.codara.ci.internal.workflow.ExpressionException;
import io.codara.ci.internal.workflow.Template;

/**
 * The expression contexts of a job ({@code github}/{@code codara}, {@code matrix}, {@code env}, {@code vars},
 * {@code secrets}, {@code needs}, {@code steps}) and the evaluation of {@code if} conditions and {@code ${{ }}}
 * templates in them; an expression that does not parse or evaluate is an {@link IllegalArgumentException} naming it.
 */
final class RunContexts {

    private RunContexts() {
    }

    /** The contexts of {@code job} of {@code run} in repository {@code repository} ({@code owner/name}). */
    static ExpressionContext of(WorkflowRun run, String repository, PlannedJob job, Map<String, String> vars,
            Map<String, String> secrets) {
        String ref = run.headRef() == null ? "" : run.headRef();
        Map<String, Object> github = new LinkedHashMap<>();
        github.put("sha", run.headSha());
        github.put("ref", ref);
        github.put("ref_name", run.headBranch() == null ? "" : run.headBranch());
        github.put("ref_type", ref.startsWith("refs/tags/") ? "tag" : "branch");
        github.put("event_name", run.event());
        github.put("repository", repository);
        github.put("repository_owner", repository.contains("/") ? repository.substring(0, repository.indexOf('/'))
                : repository);
        github.put("actor", run.actor() == null ? "" : run.actor());
        github.put("run_id", Long.toString(run.id()));
        github.put("run_number", Long.toString(run.runNumber()));
        github.put("run_attempt", Integer.toString(run.runAttempt()));
        github.put("workflow", run.name());
        github.put("job", job.key());
        github.put("event", run.eventPayload());
        github.put("head_ref", pullRequestRef(run, "head"));
        github.put("base_ref", pullRequestRef(run, "base"));
        Map<String, Object> contexts = new LinkedHashMap<>();
        contexts.put("github", github);
        contexts.put("codara", github);
        contexts.put("matrix", job.matrix());
        contexts.put("vars", vars);
        contexts.put("secrets", secrets);
        contexts.put("inputs", run.inputs());
        contexts.put("env", Map.of());
        contexts.put("needs", Map.of());
        contexts.put("steps", Map.of());
        return ExpressionContext.of(contexts);
    }

    /** {@code github.head_ref}/{@code base_ref}: the branch of a pull request run's {@code side}, else {@code ""}. */
    static String pullRequestRef(WorkflowRun run, String side) {
        return run.eventPayload().get("pull_request") instanceof Map<?, ?> pr && pr.get(side) instanceof Map<?, ?> m
                && m.get("ref") instanceof String ref ? ref : "";
    }

    /** The {@code steps} context from the results so far: outputs, outcome and conclusion of steps with an id. */
    static ExpressionContext withSteps(ExpressionContext context, List<StepResult> finished) {
        Map<String, Object> steps = new LinkedHashMap<>();
        for (StepResult result : finished) {
            if (result.id() != null && !result.id().isBlank()) {
                steps.put(result.id(), Map.of("outputs", result.outputs(), "outcome", result.outcome().apiName(),
                        "conclusion", result.conclusion().apiName()));
            }
        }
        return context.with("steps", steps);
    }

    /** Whether the {@code if} {@code source} (empty: {@code success()}) holds after {@code failed}/{@code cancelled}. */
    static boolean test(String source, ExpressionContext context, boolean failed, boolean cancelled) {
        try {
            return Condition.parse(source).test(context.withStatus(new ExpressionContext.Status(failed, cancelled)));
        } catch (ExpressionException e) {
            throw new IllegalArgumentException("Invalid if: '" + source + "': " + e.getMessage(), e);
        }
    }

    /** {@code text} with its {@code ${{ }}} expressions evaluated. */
    static String render(String text, ExpressionContext context) {
        if (text == null) {
            return null;
        }
        try {
            return Template.render(text, context);
        } catch (ExpressionException e) {
            throw new IllegalArgumentException("Invalid expression in '" + text + "': " + e.getMessage(), e);
        }
    }
}
