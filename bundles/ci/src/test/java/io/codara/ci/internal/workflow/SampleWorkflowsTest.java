package io.codara.ci.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.codara.ci.internal.workflow.MatrixExpansion.JobInstance;
import io.codara.ci.internal.workflow.TriggerEvent.PullRequest;
import io.codara.ci.internal.workflow.TriggerEvent.Push;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Realistic workflow files (test resources), parsed and used the way the engine will use them. */
class SampleWorkflowsTest {

    private static WorkflowParseResult parse(String name) {
        try (InputStream in = SampleWorkflowsTest.class.getResourceAsStream("/workflows/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new WorkflowParser().parse(".codara/workflows/" + name, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Workflow workflow(String name) {
        WorkflowParseResult result = parse(name);
        assertThat(result.errors()).isEmpty();
        return result.workflow();
    }

    private static Map<String, Object> github(String ref, String event) {
        return Map.of("ref", ref, "event_name", event, "workflow", "Java CI with Maven", "sha", "0123abc",
                "ref_name", ref.substring(ref.lastIndexOf('/') + 1));
    }

    @Test
    void javaMavenProject() {
        Workflow w = workflow("java-maven.yml");
        assertThat(w.name()).isEqualTo("Java CI with Maven");
        assertThat(w.jobs()).extracting(Job::id).containsExactly("test", "package", "notify");

        assertThat(w.on().matches(new Push("refs/heads/main", List.of("src/Main.java"), false, false))).isTrue();
        assertThat(w.on().matches(new Push("refs/heads/main", List.of("README.md", "docs/a.png"), false, false)))
                .isFalse();
        assertThat(w.on().matches(new Push("refs/heads/release/2.x", null, false, false))).isTrue();
        assertThat(w.on().matches(new Push("refs/heads/feature", null, false, false))).isFalse();
        assertThat(w.on().matches(new PullRequest("opened", "main", null))).isTrue();

        ExpressionContext push = ExpressionContext.of(Map.of("github", github("refs/heads/main", "push")));
        ExpressionContext pr = ExpressionContext.of(Map.of("github", github("refs/pull/3/merge", "pull_request")));
        assertThat(Template.render(w.concurrency().group(), push)).isEqualTo("Java CI with Maven-refs/heads/main");
        assertThat(w.concurrency().cancelInProgress().resolve(push)).isFalse();
        assertThat(w.concurrency().cancelInProgress().resolve(pr)).isTrue();

        Job test = w.job("test").orElseThrow();
        List<JobInstance> instances = MatrixExpansion.expand(test, push);
        assertThat(instances).extracting(JobInstance::displayName).containsExactly("Test on JDK 17", "Test on JDK 21");
        ExpressionContext jdk21 = push.with("matrix", instances.get(1).matrix());
        assertThat(test.runsOn().resolve(jdk21).image()).isEqualTo("eclipse-temurin:21");
        assertThat(test.services().get("postgres").options()).isEqualTo("--health-cmd pg_isready --health-interval"
                + " 10s");
        Step cache = test.steps().get(1);
        assertThat(cache.action()).isEqualTo(Step.BuiltinAction.CACHE);
        assertThat(Template.render(cache.with().get("key"), jdk21.withHashFiles(p -> "h" + p.size())))
                .isEqualTo("maven-21-h1");
        Step reports = test.steps().get(3);
        assertThat(reports.condition().test(jdk21)).isFalse();
        assertThat(reports.condition().test(jdk21.withStatus(ExpressionContext.Status.FAILED))).isTrue();

        Job pkg = w.job("package").orElseThrow();
        assertThat(pkg.condition().test(push)).isTrue();
        assertThat(pkg.condition().test(pr)).isFalse();
        assertThat(pkg.condition().test(push.withStatus(ExpressionContext.Status.FAILED))).isFalse();

        Job notify = w.job("notify").orElseThrow();
        ExpressionContext failedNeeds = push.with("needs", Map.of("test", Map.of("result", "failure"),
                "package", Map.of("result", "skipped"))).withStatus(ExpressionContext.Status.FAILED);
        assertThat(notify.condition().test(failedNeeds)).isTrue();
        ExpressionContext goodNeeds = push.with("needs", Map.of("test", Map.of("result", "success"),
                "package", Map.of("result", "success")));
        assertThat(notify.condition().test(goodNeeds)).isFalse();
        assertThat(w.stages()).hasSize(3);
    }

    @Test
    void nodeProject() {
        Workflow w = workflow("node.yml");
        assertThat(w.defaults().shell()).isEqualTo("bash");
        assertThat(w.on().matches(new PullRequest("synchronize", "main", List.of("src/a.snap")))).isFalse();
        assertThat(w.on().matches(new PullRequest("synchronize", "main", List.of("src/index.js")))).isTrue();
        assertThat(w.on().matches(new PullRequest("reopened", "dev", List.of("package-lock.json")))).isTrue();
        assertThat(w.on().matches(new Push("refs/heads/feature/x", null, false, false))).isTrue();
        assertThat(w.on().matches(new Push("refs/tags/v1.0.0", null, false, false))).isTrue();

        Job test = w.job("test").orElseThrow();
        assertThat(test.strategy().maxParallel()).isEqualTo(3);
        assertThat(test.strategy().failFast()).isTrue();
        List<JobInstance> instances = MatrixExpansion.expand(test, ExpressionContext.empty());
        assertThat(instances).extracting(JobInstance::displayName).containsExactly(
                "test (20, false)", "test (22, false, true)", "test (23, true)");
        assertThat(test.continueOnError().resolve(ExpressionContext.of(Map.of("matrix", instances.get(2).matrix()))))
                .isTrue();
        assertThat(test.continueOnError().resolve(ExpressionContext.of(Map.of("matrix", instances.get(0).matrix()))))
                .isFalse();
        Step npmTest = test.steps().get(3);
        assertThat(Template.render(npmTest.run(), ExpressionContext.of(Map.of("matrix", instances.get(1).matrix()))))
                .isEqualTo("npm test -- --coverage=true");
        assertThat(Template.render(npmTest.run(), ExpressionContext.of(Map.of("matrix", instances.get(0).matrix()))))
                .isEqualTo("npm test -- --coverage=false");
        assertThat(w.job("lint").orElseThrow().steps().get(0).action()).isEqualTo(Step.BuiltinAction.CHECKOUT);
    }

    @Test
    void releaseWorkflow() {
        Workflow w = workflow("release.yml");
        assertThat(w.on().matches(new Push("refs/tags/v1.2.3", null, false, false))).isTrue();
        assertThat(w.on().matches(new Push("refs/tags/v1.2", null, false, false))).isFalse();
        assertThat(w.on().matches(new Push("refs/heads/main", null, false, false))).isFalse();
        Triggers.InputResolution inputs = w.on().dispatch().resolveInputs(Map.of("version", "2.0.0"));
        assertThat(inputs.values()).containsExactly(Map.entry("version", "2.0.0"), Map.entry("channel", "stable"),
                Map.entry("dry-run", false));
        ExpressionContext ctx = ExpressionContext.of(Map.of("inputs", inputs.values(), "github",
                Map.of("ref_name", "main")));
        assertThat(Template.render(w.runName(), ctx)).isEqualTo("Release 2.0.0");
        assertThat(Template.render(w.jobs().get(0).steps().get(0).run(), ctx))
                .isEqualTo("./publish.sh \"2.0.0\" \"stable\"");
        assertThat(w.concurrency().group()).isEqualTo("release");
        assertThat(w.jobs().get(0).runsOn().labels()).containsExactly("linux", "x64", "publisher");
    }

    @Test
    void nightlyWorkflow() {
        Workflow w = workflow("nightly.yml");
        // 2026-01-02 is a Friday; the next weekday run is Monday 2026-01-05 02:17.
        assertThat(w.on().nextScheduled(Instant.parse("2026-01-02T03:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-05T02:17:00Z"));
        assertThat(w.on().nextScheduled(Instant.parse("2026-01-31T23:00:00Z")))
                .isEqualTo(Instant.parse("2026-02-01T06:00:00Z"));
        assertThat(w.on().dispatch()).isNotNull();
        Step slow = w.jobs().get(0).steps().get(0);
        assertThat(Template.render(slow.run(), ExpressionContext.of(Map.of("github", Map.of("run_id", 42)))))
                .isEqualTo("set -eu\n./run-slow-tests.sh --seed \"42\"\n");
        Step stopped = w.jobs().get(0).steps().get(1);
        assertThat(stopped.condition().test(ExpressionContext.empty())).isFalse();
        assertThat(stopped.condition().test(ExpressionContext.empty().withStatus(ExpressionContext.Status.CANCELLED)))
                .isTrue();
        assertThat(stopped.displayName()).isEqualTo("Run echo \"stopped\"");
    }

    @Test
    void brokenWorkflowReportsEveryMistakeWithItsPlace() {
        WorkflowParseResult result = parse("broken.yml");
        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).extracting(WorkflowError::toString).containsExactly(
                ".codara/workflows/broken.yml:5:5: unknown key 'branch' in on.push; did you mean 'branches'?",
                ".codara/workflows/broken.yml:11:15: uses: actions/setup-java@v4 cannot run offline; Codara supports"
                        + " the built-in actions checkout, upload-artifact, download-artifact and cache, or use run:",
                ".codara/workflows/broken.yml:15:13: invalid expression in step 3 of job 'build' if: Unclosed '${{':"
                        + " expected '}}'",
                ".codara/workflows/broken.yml:17:13: job 'deploy' needs 'biuld', which is not a job of this workflow;"
                        + " did you mean 'build'?",
                ".codara/workflows/broken.yml:19:22: job 'deploy' timeout-minutes must be a positive whole number,"
                        + " got 'forever'");
    }
}
