package io.codara.ci.internal.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.codara.api.ci.CiEnvironment;
import io.codara.api.ci.spi.Conclusion;
import io.codara.api.ci.spi.RepositorySource;
import io.codara.api.ci.spi.ResourceLimits;
import io.codara.api.ci.spi.RunnerJob;
import io.codara.api.ci.spi.RunnerStep;
import io.codara.api.ci.spi.ServiceContainer;
import io.codara.api.ci.spi.StepResult;
import io.codara.api.git.Repository;
import io.codara.ci.internal.engine.CiEngine.TakenJob;
import io.codara.ci.internal.workflow.ExpressionContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a leased job into the {@link RunnerJob} a runner gets, and evaluates what the engine decides while it runs
 * (each step's {@code if}, the job's {@code outputs}): shared by the local {@link JobDispatcher} and the remote
 * runners' REST protocol, which rebuilds it for each request.
 */
public final class JobPlans {

    private static final Logger LOG = LoggerFactory.getLogger(JobPlans.class);

    private JobPlans() {
    }

    /** A job ready for a runner, with the contexts its steps' {@code if} and its outputs are evaluated in. */
    public record Prepared(RunnerJob job, PlannedJob plan, ExpressionContext context) {

        /** Whether step {@code index} runs after {@code finished}, as {@link io.codara.api.ci.spi.JobListener#shouldRun}. */
        public boolean shouldRun(int index, List<StepResult> finished, boolean cancelled) {
            if (index < 1 || index > plan.steps().size()) {
                throw new IllegalArgumentException("the job has no step " + index);
            }
            boolean failed = finished.stream().anyMatch(r -> r.conclusion() == Conclusion.FAILURE);
            return RunContexts.test(plan.steps().get(index - 1).condition(), RunContexts.withSteps(context, finished),
                    failed, cancelled);
        }

        /**
         * Step {@code step} rendered again just before it runs, with the results of {@code finished}, as
         * {@link io.codara.api.ci.spi.JobListener#prepare}: its name, {@code run}, {@code working-directory} and
         * {@code env} see {@code steps.<id>.outputs}. Throws {@link IllegalArgumentException} when an expression fails.
         */
        public RunnerStep prepare(RunnerStep step, List<StepResult> finished) {
            if (step.index() < 1 || step.index() > plan.steps().size()) {
                throw new IllegalArgumentException("the job has no step " + step.index());
            }
            PlannedStep planned = plan.steps().get(step.index() - 1);
            ExpressionContext withSteps = RunContexts.withSteps(context, finished);
            Map<String, String> stepEnv = new LinkedHashMap<>();
            planned.env().forEach((k, v) -> stepEnv.put(k, RunContexts.render(v, withSteps)));
            return new RunnerStep(step.index(), step.id(), RunContexts.render(planned.name(), withSteps),
                    RunContexts.render(planned.run(), withSteps), step.shell(),
                    RunContexts.render(planned.workingDirectory(), withSteps), stepEnv, step.timeout(),
                    step.continueOnError(), step.uses(), step.with());
        }

        /** The job's {@code outputs} over its steps' results; one that cannot be evaluated is left out, logged. */
        public Map<String, String> outputs(List<StepResult> steps) {
            Map<String, String> outputs = new LinkedHashMap<>();
            ExpressionContext withSteps = RunContexts.withSteps(context, steps);
            plan.outputs().forEach((name, template) -> {
                try {
                    outputs.put(name, RunContexts.render(template, withSteps));
                } catch (IllegalArgumentException e) {
                    LOG.warn("Output {} of CI job {} is left out: {}", name, job.jobId(), e.getMessage());
                }
            });
            return outputs;
        }
    }

    /**
     * The runner's job for {@code taken}: env and steps rendered with the run's contexts, variables and secrets.
     *
     * @throws IllegalArgumentException when an expression cannot be evaluated
     */
    public static Prepared prepare(TakenJob taken, Repository repository, CiEnvironment environment,
            RepositorySource source) {
        PlannedJob plan = taken.plan();
        WorkflowRun run = taken.run();
        // As GitHub: a pull request from a fork gets no secrets, neither in expressions nor for masking.
        Map<String, String> jobSecrets = run.withholdSecrets() ? Map.of() : environment.secrets();
        ExpressionContext context = RunContexts.of(run, repository.fullName(), plan, environment.variables(),
                jobSecrets).with("needs", taken.needs());
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : plan.env().entrySet()) {
            env.put(e.getKey(), RunContexts.render(e.getValue(), context.with("env", Map.copyOf(env))));
        }
        ExpressionContext withEnv = context.with("env", Map.copyOf(env));
        env.put("GITHUB_EVENT_NAME", run.event());
        env.put("GITHUB_HEAD_REF", RunContexts.pullRequestRef(run, "head"));
        env.put("GITHUB_BASE_REF", RunContexts.pullRequestRef(run, "base"));
        env.put("CODARA_EVENT_NAME", run.event());
        if (run.actor() != null) {
            env.put("GITHUB_ACTOR", run.actor());
            env.put("CODARA_ACTOR", run.actor());
        }
        List<RunnerStep> steps = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            PlannedStep step = plan.steps().get(i);
            RunContexts.test(step.condition(), withEnv, false, false);
            Map<String, String> stepEnv = new LinkedHashMap<>();
            step.env().forEach((k, v) -> stepEnv.put(k, RunContexts.render(v, withEnv)));
            steps.add(new RunnerStep(i + 1, step.id(), RunContexts.render(step.name(), withEnv),
                    RunContexts.render(step.run(), withEnv), step.shell(),
                    RunContexts.render(step.workingDirectory(), withEnv), stepEnv,
                    step.timeoutMinutes() == null ? null : Duration.ofMinutes(step.timeoutMinutes()),
                    step.continueOnError(), step.uses(), step.with()));
        }
        List<ServiceContainer> services = new ArrayList<>();
        plan.services().forEach((id, service) -> {
            Map<String, String> serviceEnv = new LinkedHashMap<>();
            service.env().forEach((k, v) -> serviceEnv.put(k, RunContexts.render(v, withEnv)));
            services.add(new ServiceContainer(id, RunContexts.render(service.image(), withEnv), serviceEnv));
        });
        String ref = run.headRef() == null ? "" : run.headRef();
        RunnerJob job = new RunnerJob(taken.jobId(), run.id(), run.runNumber(), run.runAttempt(), run.name(),
                plan.key(), repository.fullName(), source, run.headSha(), ref, env,
                Duration.ofMinutes(plan.timeoutMinutes()), steps, Set.copyOf(jobSecrets.values()),
                ResourceLimits.NONE, plan.runsOn(), services);
        return new Prepared(job, plan, withEnv);
    }
}
