package io.codara.ci.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.codara.ci.internal.workflow.Job.RunsOn;
import io.codara.ci.internal.workflow.Step.BuiltinAction;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkflowParserTest {

    private static final String PATH = ".codara/workflows/ci.yml";

    private static Workflow valid(String yaml) {
        WorkflowParseResult result = new WorkflowParser().parse(PATH, yaml);
        assertThat(result.errors()).isEmpty();
        assertThat(result.valid()).isTrue();
        return result.workflow();
    }

    /** The errors as "line:column: message". */
    private static List<String> errors(String yaml) {
        WorkflowParseResult result = new WorkflowParser().parse(PATH, yaml);
        assertThat(result.workflow()).isNull();
        assertThat(result.valid()).isFalse();
        result.errors().forEach(e -> assertThat(e.path()).isEqualTo(PATH));
        return result.errors().stream().map(e -> e.line() + ":" + e.column() + ": " + e.message()).toList();
    }

    private static final String MINIMAL = """
            on: push
            jobs:
              build:
                runs-on: shell
                steps:
                  - run: echo hi
            """;

    @Test
    void minimalWorkflow() {
        Workflow w = valid(MINIMAL);
        assertThat(w.path()).isEqualTo(PATH);
        assertThat(w.name()).as("defaults to the path").isEqualTo(PATH);
        assertThat(w.on().push()).isEqualTo(Triggers.Push.ANY);
        assertThat(w.on().pullRequest()).isNull();
        Job job = w.jobs().get(0);
        assertThat(job.id()).isEqualTo("build");
        assertThat(job.runsOn().kind()).isEqualTo(RunsOn.Kind.SHELL);
        assertThat(job.timeoutMinutes()).isEqualTo(360);
        assertThat(job.continueOnError()).isEqualTo(BooleanSetting.FALSE);
        assertThat(job.condition()).isEqualTo(Condition.SUCCESS);
        assertThat(job.steps()).singleElement().satisfies(s -> {
            assertThat(s.run()).isEqualTo("echo hi");
            assertThat(s.displayName()).isEqualTo("Run echo hi");
            assertThat(s.line()).isEqualTo(6);
        });
        assertThat(job.line()).isEqualTo(3);
    }

    @Test
    void fullModel() {
        Workflow w = valid("""
                name: CI
                run-name: Build of ${{ github.ref_name }}
                on:
                  push:
                    branches: [main, 'release/**']
                env:
                  CI: true
                  LEVEL: 3
                  PY: 3.10
                defaults:
                  run:
                    shell: bash
                    working-directory: app
                concurrency:
                  group: ci-${{ github.ref }}
                  cancel-in-progress: true
                permissions:
                  contents: read
                jobs:
                  build:
                    name: Build on ${{ matrix.os }}
                    runs-on: docker:eclipse-temurin:21
                    timeout-minutes: 30
                    continue-on-error: ${{ matrix.experimental }}
                    env:
                      MAVEN_OPTS: -Xmx1g
                    defaults:
                      run:
                        working-directory: backend
                    strategy:
                      fail-fast: false
                      max-parallel: 2
                      matrix:
                        os: [ubuntu, debian]
                        experimental: [false]
                    services:
                      postgres:
                        image: postgres:17
                        env:
                          POSTGRES_PASSWORD: secret
                        ports: ['5432:5432']
                        options: --health-cmd pg_isready
                    container:
                      image: node:20
                      env:
                        NODE_ENV: test
                    outputs:
                      version: ${{ steps.version.outputs.value }}
                    steps:
                      - uses: actions/checkout@v4
                        with:
                          fetch-depth: 0
                      - id: version
                        name: Compute the version
                        shell: sh
                        working-directory: tools
                        env:
                          X: y
                        timeout-minutes: 5
                        continue-on-error: true
                        if: github.event_name == 'push'
                        run: |
                          echo "value=1.0" >> "$CODARA_OUTPUT"
                          echo done
                  deploy:
                    needs: build
                    if: ${{ always() }}
                    runs-on: [self-hosted, linux]
                    concurrency: deploy
                    steps:
                      - uses: codara/download-artifact
                """);
        assertThat(w.name()).isEqualTo("CI");
        assertThat(w.runName()).isEqualTo("Build of ${{ github.ref_name }}");
        assertThat(w.env()).containsExactly(Map.entry("CI", "true"), Map.entry("LEVEL", "3"), Map.entry("PY", "3.10"));
        assertThat(w.defaults()).isEqualTo(new Workflow.RunDefaults("bash", "app"));
        assertThat(w.concurrency().group()).isEqualTo("ci-${{ github.ref }}");
        assertThat(w.concurrency().cancelInProgress()).isEqualTo(BooleanSetting.TRUE);
        assertThat(w.jobs()).extracting(Job::id).containsExactly("build", "deploy");

        Job build = w.job("build").orElseThrow();
        assertThat(build.name()).isEqualTo("Build on ${{ matrix.os }}");
        assertThat(build.runsOn().kind()).isEqualTo(RunsOn.Kind.DOCKER);
        assertThat(build.runsOn().image()).isEqualTo("eclipse-temurin:21");
        assertThat(build.timeoutMinutes()).isEqualTo(30);
        assertThat(build.continueOnError().template()).isNotNull();
        assertThat(build.env()).containsEntry("MAVEN_OPTS", "-Xmx1g");
        assertThat(build.defaults().over(w.defaults())).isEqualTo(new Workflow.RunDefaults("bash", "backend"));
        assertThat(build.strategy().failFast()).isFalse();
        assertThat(build.strategy().maxParallel()).isEqualTo(2);
        assertThat(build.strategy().matrix()).isEqualTo(Map.of("os", List.of("ubuntu", "debian"),
                "experimental", List.of(false)));
        Job.Service postgres = build.services().get("postgres");
        assertThat(postgres.image()).isEqualTo("postgres:17");
        assertThat(postgres.env()).containsEntry("POSTGRES_PASSWORD", "secret");
        assertThat(postgres.ports()).containsExactly("5432:5432");
        assertThat(postgres.options()).isEqualTo("--health-cmd pg_isready");
        assertThat(build.container().image()).isEqualTo("node:20");
        assertThat(build.container().env()).containsEntry("NODE_ENV", "test");
        assertThat(build.outputs()).containsEntry("version", "${{ steps.version.outputs.value }}");

        Step checkout = build.steps().get(0);
        assertThat(checkout.action()).isEqualTo(BuiltinAction.CHECKOUT);
        assertThat(checkout.with()).containsEntry("fetch-depth", "0");
        assertThat(checkout.displayName()).isEqualTo("Run actions/checkout@v4");
        Step version = build.steps().get(1);
        assertThat(version.index()).isEqualTo(1);
        assertThat(version.id()).isEqualTo("version");
        assertThat(version.displayName()).isEqualTo("Compute the version");
        assertThat(version.shell()).isEqualTo("sh");
        assertThat(version.workingDirectory()).isEqualTo("tools");
        assertThat(version.env()).containsEntry("X", "y");
        assertThat(version.timeoutMinutes()).isEqualTo(5);
        assertThat(version.continueOnError()).isEqualTo(BooleanSetting.TRUE);
        assertThat(version.condition().source()).isEqualTo("github.event_name == 'push'");
        assertThat(version.run()).isEqualTo("echo \"value=1.0\" >> \"$CODARA_OUTPUT\"\necho done\n");

        Job deploy = w.job("deploy").orElseThrow();
        assertThat(deploy.needs()).containsExactly("build");
        assertThat(deploy.condition().test(ExpressionContext.empty()
                .withStatus(ExpressionContext.Status.FAILED))).isTrue();
        assertThat(deploy.runsOn().kind()).isEqualTo(RunsOn.Kind.LABELS);
        assertThat(deploy.runsOn().labels()).containsExactly("self-hosted", "linux");
        assertThat(deploy.concurrency().group()).isEqualTo("deploy");
        assertThat(deploy.steps().get(0).action()).isEqualTo(BuiltinAction.DOWNLOAD_ARTIFACT);
        assertThat(w.stages()).extracting(stage -> stage.stream().map(Job::id).toList())
                .containsExactly(List.of("build"), List.of("deploy"));
    }

    @Test
    void theKeyOnIsNoBoolean() {
        assertThat(valid(MINIMAL).on().push()).isNotNull();
        assertThat(valid(MINIMAL.replace("on: push", "'on': push")).on().push()).isNotNull();
        assertThat(valid(MINIMAL.replace("on: push", "\"on\": [push]")).on().push()).isNotNull();
    }

    @Test
    void yesAndNoStayStrings() {
        Workflow w = valid(MINIMAL.replace("on: push", "on: push\nenv:\n  A: yes\n  B: off\n  C: ~"));
        assertThat(w.env()).containsExactly(Map.entry("A", "yes"), Map.entry("B", "off"), Map.entry("C", ""));
    }

    @Test
    void shorthandTriggerForms() {
        Triggers list = valid(MINIMAL.replace("on: push", "on: [push, pull_request, workflow_dispatch]")).on();
        assertThat(list.push()).isNotNull();
        assertThat(list.pullRequest().types()).containsExactly("opened", "synchronize", "reopened");
        assertThat(list.dispatch().inputs()).isEmpty();
        Triggers empty = valid(MINIMAL.replace("on: push", "on:\n  push:\n  pull_request:")).on();
        assertThat(empty.push()).isEqualTo(Triggers.Push.ANY);
        assertThat(empty.pullRequest()).isNotNull();
    }

    @Test
    void jobsKeepTheOrderOfTheFile() {
        Workflow w = valid("""
                on: push
                jobs:
                  zeta: {runs-on: shell, steps: [{run: a}]}
                  alpha: {runs-on: shell, needs: zeta, steps: [{run: b}]}
                  mid: {runs-on: shell, steps: [{run: c}]}
                  last: {runs-on: shell, needs: [alpha, mid], steps: [{run: d}]}
                """);
        assertThat(w.jobs()).extracting(Job::id).containsExactly("zeta", "alpha", "mid", "last");
        assertThat(w.stages()).extracting(s -> s.stream().map(Job::id).toList())
                .containsExactly(List.of("zeta", "mid"), List.of("alpha"), List.of("last"));
    }

    @Test
    void builtinActionsUnderBothOwnersAndAnyVersion() {
        assertThat(BuiltinAction.of("actions/checkout@v4")).contains(BuiltinAction.CHECKOUT);
        assertThat(BuiltinAction.of("codara/checkout")).contains(BuiltinAction.CHECKOUT);
        assertThat(BuiltinAction.of("actions/upload-artifact@v4.3.1")).contains(BuiltinAction.UPLOAD_ARTIFACT);
        assertThat(BuiltinAction.of("codara/download-artifact@main")).contains(BuiltinAction.DOWNLOAD_ARTIFACT);
        assertThat(BuiltinAction.of("actions/cache@0c45773b623bea8c8e75f6c82b208c3cf94ea4f9"))
                .contains(BuiltinAction.CACHE);
        assertThat(BuiltinAction.of("actions/setup-java@v4")).isEmpty();
        assertThat(BuiltinAction.of("someone/checkout@v1")).isEmpty();
        assertThat(BuiltinAction.of("./local-action")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ errors

    @Test
    void invalidYamlPointsAtTheProblem() {
        assertThat(errors("""
                on: push
                jobs:
                  build:
                    runs-on: shell
                   steps: []
                """)).singleElement().satisfies(e -> assertThat(e).startsWith("5:4: invalid YAML"));
        assertThat(errors("on: [push\njobs: {}\n")).singleElement()
                .satisfies(e -> assertThat(e).contains("invalid YAML"));
        assertThat(errors("on: 'unterminated\n")).singleElement().satisfies(e -> assertThat(e).contains("invalid YAML"));
    }

    @Test
    void onWithoutEvents() {
        assertThat(errors(MINIMAL.replace("on: push", "on: []"))).containsExactly(
                "1:5: 'on' names no event; use push, pull_request, workflow_dispatch or schedule");
    }

    @Test
    void hostileYamlIsRefusedNotExpanded() {
        StringBuilder laughs = new StringBuilder("on: push\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            laughs.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append("]\n");
        }
        assertThat(errors(laughs.toString())).singleElement().satisfies(e -> assertThat(e).contains("invalid YAML"));
        String deep = "on: push\njobs: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertThat(errors(deep)).singleElement().satisfies(e -> assertThat(e).contains("invalid YAML"));
    }

    @Test
    void emptyAndNonMappingFiles() {
        assertThat(errors("")).containsExactly("1:1: the workflow file is empty; it needs 'on' and 'jobs'");
        assertThat(errors("# only a comment\n")).hasSize(1);
        assertThat(errors("- a\n- b\n")).containsExactly("1:1: the workflow must be a mapping, got a list");
        assertThat(errors("on: push\n---\non: push\n")).singleElement()
                .satisfies(e -> assertThat(e).contains("single document"));
    }

    @Test
    void missingOnAndJobs() {
        assertThat(errors("name: x\n")).containsExactly(
                "1:1: missing 'on': say which events start the workflow, such as 'on: push'",
                "1:1: missing 'jobs': a workflow needs at least one job");
        assertThat(errors("on: push\njobs: {}\n")).containsExactly("2:7: jobs must hold at least one job");
    }

    @Test
    void unknownKeysSuggestTheClosestKnownOne() {
        assertThat(errors("""
                on: push
                job:
                  build: {}
                """)).contains("2:1: unknown key 'job' in the workflow; did you mean 'jobs'?");
        assertThat(errors("""
                on: push
                jobs:
                  build:
                    run-on: shell
                    step:
                      - run: x
                """)).containsExactly(
                "3:3: job 'build' is missing 'runs-on': use 'shell', 'docker:<image>' or the labels of a registered"
                        + " runner",
                "3:3: job 'build' is missing 'steps'",
                "4:5: unknown key 'run-on' in job 'build'; did you mean 'runs-on'?",
                "5:5: unknown key 'step' in job 'build'; did you mean 'steps'?");
        assertThat(errors(MINIMAL.replace("- run: echo hi", "- run: echo hi\n        workdir: x")))
                .singleElement().satisfies(e -> assertThat(e).startsWith("7:9: unknown key 'workdir'")
                        .contains("expected one of id, name, if, run"));
    }

    @Test
    void allErrorsOfAFileAreCollected() {
        List<String> errors = errors("""
                on: pushed
                jobs:
                  a b:
                    runs-on: shell
                    timeout-minutes: 0
                    steps:
                      - run: x
                        uses: actions/checkout@v4
                      - name: nothing
                  c:
                    runs-on: shell
                    needs: [missing]
                    steps:
                      - uses: actions/setup-node@v4
                """);
        assertThat(errors).hasSize(7);
        assertThat(errors.get(0)).startsWith("1:5: event 'pushed' is not supported").endsWith("did you mean 'push'?");
        assertThat(errors.get(1)).startsWith("3:3: job id 'a b' is invalid");
        assertThat(errors.get(2)).isEqualTo("5:22: job 'a b' timeout-minutes must be a positive whole number, got '0'");
        assertThat(errors.get(3)).isEqualTo("8:9: step 1 of job 'a b' has both 'run' and 'uses'; a step does one of"
                + " them");
        assertThat(errors.get(4)).isEqualTo("9:9: step 2 of job 'a b' needs 'run' (a script) or 'uses' (a built-in"
                + " action)");
        assertThat(errors.get(5)).startsWith("12:13: job 'c' needs 'missing', which is not a job");
        assertThat(errors.get(6)).startsWith("14:15: uses: actions/setup-node@v4 cannot run offline");
        assertThat(new WorkflowParser().parse(PATH, """
                on: push
                jobs:
                  c:
                    runs-on: shell
                    steps:
                      - uses: actions/setup-node@v4
                """).errors()).singleElement().isEqualTo(new WorkflowError(PATH, 6, 15,
                "uses: actions/setup-node@v4 cannot run offline; Codara supports the built-in actions checkout,"
                        + " upload-artifact, download-artifact and cache, or use run:"));
    }

    @Test
    void duplicateKeysAreErrors() {
        assertThat(errors("""
                on: push
                on: pull_request
                jobs:
                  build:
                    runs-on: shell
                    runs-on: docker:alpine
                    steps: [{run: x}]
                """)).containsExactly(
                "2:1: duplicate key 'on' in the workflow (first at line 1)",
                "6:5: duplicate key 'runs-on' in job 'build' (first at line 5)");
    }

    @Test
    void duplicateJobIdsAreErrors() {
        assertThat(errors("""
                on: push
                jobs:
                  build: {runs-on: shell, steps: [{run: a}]}
                  build: {runs-on: shell, steps: [{run: b}]}
                """)).containsExactly("4:3: duplicate key 'build' in jobs (first at line 3)");
    }

    @Test
    void wrongTypes() {
        assertThat(errors("""
                on: push
                env: [A, B]
                jobs:
                  build:
                    runs-on: {os: linux}
                    continue-on-error: maybe
                    strategy:
                      fail-fast: 1
                      matrix: {os: [a]}
                    steps: {run: x}
                """)).containsExactly(
                "2:6: env must be a mapping, got a list",
                "5:14: job 'build' runs-on must be a string or a list of strings, got a mapping",
                "6:24: job 'build' continue-on-error must be true or false, got a string",
                "8:18: job 'build' strategy.fail-fast must be true or false, got a number",
                "10:12: job 'build' steps must be a list, got a mapping");
    }

    @Test
    void emptyStepsAndEmptyRunsOn() {
        assertThat(errors("""
                on: push
                jobs:
                  build:
                    runs-on: []
                    steps: []
                """)).containsExactly("4:14: job 'build' runs-on must name at least one label",
                "5:12: job 'build' needs at least one step");
    }

    @Test
    void dockerNeedsAnImageAndStandsAlone() {
        assertThat(errors(MINIMAL.replace("runs-on: shell", "runs-on: 'docker:'"))).singleElement()
                .satisfies(e -> assertThat(e).startsWith("4:14: job 'build' runs-on 'docker:' needs an image"));
        assertThat(errors(MINIMAL.replace("runs-on: shell", "runs-on: [shell, linux]"))).singleElement()
                .satisfies(e -> assertThat(e).contains("stand alone"));
    }

    @Test
    void stepIdsMustBeValidAndUnique() {
        assertThat(errors("""
                on: push
                jobs:
                  build:
                    runs-on: shell
                    steps:
                      - id: one
                        run: a
                      - id: one
                        run: b
                      - id: 2bad
                        run: c
                """)).containsExactly(
                "8:13: step id 'one' is used twice in job 'build' (first at line 6)",
                "10:13: step id '2bad' is invalid: it must start with a letter or '_' and hold only letters, digits,"
                        + " '-' and '_'");
    }

    @Test
    void theSameStepIdInTwoJobsIsFine() {
        valid("""
                on: push
                jobs:
                  a: {runs-on: shell, steps: [{id: s, run: x}]}
                  b: {runs-on: shell, steps: [{id: s, run: x}]}
                """);
    }

    @Test
    void needsSelfAndCycles() {
        assertThat(errors("""
                on: push
                jobs:
                  a: {runs-on: shell, needs: a, steps: [{run: x}]}
                """)).containsExactly("3:30: job 'a' needs itself");
        assertThat(errors("""
                on: push
                jobs:
                  a: {runs-on: shell, needs: c, steps: [{run: x}]}
                  b: {runs-on: shell, needs: a, steps: [{run: x}]}
                  c: {runs-on: shell, needs: [b], steps: [{run: x}]}
                  d: {runs-on: shell, needs: [a], steps: [{run: x}]}
                """)).containsExactly("3:3: jobs depend on each other in a cycle: a -> c -> b -> a");
        assertThat(errors("""
                on: push
                jobs:
                  a: {runs-on: shell, needs: [b, b], steps: [{run: x}]}
                  b: {runs-on: shell, steps: [{run: x}]}
                """)).containsExactly("3:34: job 'a' needs 'b' twice");
    }

    @Test
    void unknownNeedSuggestsAJob() {
        assertThat(errors("""
                on: push
                jobs:
                  build: {runs-on: shell, steps: [{run: x}]}
                  test: {runs-on: shell, needs: biuld, steps: [{run: x}]}
                """)).containsExactly("4:33: job 'test' needs 'biuld', which is not a job of this workflow; did you"
                + " mean 'build'?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "1.5", "soon", "0", "[1]"})
    void badTimeouts(String timeout) {
        assertThat(errors(MINIMAL.replace("runs-on: shell", "runs-on: shell\n    timeout-minutes: " + timeout)))
                .singleElement().satisfies(e -> assertThat(e).startsWith("5:22: job 'build' timeout-minutes must be"
                        + " a positive whole number"));
    }

    @Test
    void stepTimeoutIsChecked() {
        assertThat(errors(MINIMAL.replace("- run: echo hi", "- run: echo hi\n        timeout-minutes: x")))
                .containsExactly("7:26: step 1 of job 'build' timeout-minutes must be a positive whole number, got 'x'");
    }

    @Test
    void expressionErrorsMapToTheFile() {
        assertThat(errors("""
                on: push
                jobs:
                  build:
                    if: github.ref == 'x' &&
                    runs-on: shell
                    steps:
                      - run: echo ${{ github.sha == }}
                      - name: "Say ${{ bogus }}"
                        run: |
                          echo one
                          echo ${{ format('{0}' }}
                        env:
                          A: ${{ secrets.X ) }}
                """)).containsExactly(
                "4:29: invalid expression in job 'build' if: Unexpected end of expression",
                "7:37: invalid expression in step 1 of job 'build' run: Unexpected end of expression",
                "8:24: invalid expression in step 2 of job 'build' name: Unrecognized named-value: 'bogus'",
                "11:33: invalid expression in step 2 of job 'build' run: Unexpected end of expression, expected ')'",
                "13:28: invalid expression in step 2 of job 'build' env.A: Unexpected symbol: ')'");
    }

    @Test
    void expressionsAreCheckedEverywhere() {
        List<String> errors = errors("""
                run-name: ${{ nope }}
                on: push
                env:
                  A: ${{ 1 + }}
                concurrency:
                  group: ${{ github.ref
                  cancel-in-progress: ${{ github.ref = 'x' }}
                jobs:
                  build:
                    name: ${{ matrix. }}
                    runs-on: ${{ matrix.os ]] }}
                    outputs:
                      v: ${{ steps.x.outputs.v == }}
                    steps:
                      - run: x
                        with:
                          y: 1
                        working-directory: ${{ github..x }}
                        continue-on-error: ${{ ! }}
                """);
        assertThat(errors).extracting(e -> e.substring(0, e.indexOf(':', e.indexOf(':') + 1))).containsExactly(
                "1:15", "4:12", "6:10", "7:38", "10:23", "11:28", "13:35", "16:9", "18:39", "19:34");
        assertThat(errors.get(7)).contains("with applies to uses steps only");
    }

    @Test
    void unknownShell() {
        assertThat(errors(MINIMAL.replace("- run: echo hi", "- run: echo hi\n        shell: fish")))
                .singleElement().satisfies(e -> assertThat(e).startsWith("7:16: step 1 of job 'build' shell: unknown"
                        + " shell 'fish'"));
        valid(MINIMAL.replace("- run: echo hi", "- run: echo hi\n        shell: perl {0}"));
    }

    @Test
    void shellOnAUsesStepIsAnError() {
        assertThat(errors(MINIMAL.replace("- run: echo hi", "- uses: actions/checkout@v4\n        shell: bash")))
                .singleElement().satisfies(e -> assertThat(e).contains("shell applies to run steps only"));
    }

    @Test
    void mergeKeysAreRefusedButAnchorsWork() {
        Workflow w = valid("""
                on: push
                jobs:
                  a:
                    runs-on: shell
                    steps: &steps
                      - run: echo shared
                  b:
                    runs-on: shell
                    steps: *steps
                """);
        assertThat(w.job("b").orElseThrow().steps().get(0).run()).isEqualTo("echo shared");
        assertThat(errors("""
                on: push
                defaults: &d
                  run: {shell: bash}
                jobs:
                  a:
                    <<: {runs-on: shell}
                    steps: [{run: x}]
                """)).contains("6:5: merge keys ('<<') are not supported in job 'a'; anchors and aliases are");
    }

    @Test
    void concurrencyForms() {
        Workflow w = valid(MINIMAL.replace("on: push", "on: push\nconcurrency: ${{ github.workflow }}"));
        assertThat(w.concurrency().cancelInProgress()).isEqualTo(BooleanSetting.FALSE);
        Workflow expr = valid(MINIMAL.replace("on: push", "on: push\nconcurrency:\n  group: g\n"
                + "  cancel-in-progress: ${{ github.ref != 'refs/heads/main' }}"));
        assertThat(expr.concurrency().cancelInProgress().resolve(ExpressionContext.of(Map.of("github",
                Map.of("ref", "refs/heads/feature"))))).isTrue();
        assertThat(errors(MINIMAL.replace("on: push", "on: push\nconcurrency:\n  cancel-in-progress: true")))
                .containsExactly("3:3: concurrency needs a 'group'");
    }

    @Test
    void permissionsAreAcceptedInAnyForm() {
        valid(MINIMAL.replace("on: push", "on: push\npermissions: read-all"));
        valid(MINIMAL.replace("on: push", "on: push\npermissions:\n  contents: write\n  packages: read"));
    }

    @Test
    void containerAsStringAndServicesNeedAnImage() {
        Workflow w = valid(MINIMAL.replace("runs-on: shell", "runs-on: shell\n    container: alpine:3"));
        assertThat(w.jobs().get(0).container().image()).isEqualTo("alpine:3");
        assertThat(errors(MINIMAL.replace("runs-on: shell", "runs-on: shell\n    services:\n      db:\n"
                + "        ports: [5432]"))).containsExactly("7:9: service 'db' needs an 'image'");
    }

    @Test
    void strategyNeedsAValidMatrix() {
        assertThat(errors(MINIMAL.replace("runs-on: shell", "runs-on: shell\n    strategy:\n      fail-fast: false")))
                .containsExactly("6:7: job 'build' strategy needs a 'matrix'");
        assertThat(errors(MINIMAL.replace("runs-on: shell", "runs-on: shell\n    strategy:\n      matrix:\n"
                + "        os: []"))).containsExactly("7:9: job 'build' strategy.matrix: matrix vector 'os' does not"
                + " contain any values");
        assertThat(errors(MINIMAL.replace("runs-on: shell", "runs-on: shell\n    strategy:\n      matrix: linux")))
                .singleElement().satisfies(e -> assertThat(e).contains("must be a mapping of vectors or an"
                        + " expression"));
        assertThat(errors(MINIMAL.replace("runs-on: shell", "runs-on: shell\n    strategy:\n      matrix:\n"
                + "        a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]\n"
                + "        b: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]")))
                .singleElement().satisfies(e -> assertThat(e).contains("at most 256 jobs, this one produces 272"));
        assertThat(errors(MINIMAL.replace("runs-on: shell", "runs-on: shell\n    strategy:\n      max-parallel: 0\n"
                + "      matrix: {a: [1]}"))).singleElement()
                .satisfies(e -> assertThat(e).contains("max-parallel must be a positive whole number"));
    }

    @Test
    void matrixFromAnExpressionIsCheckedWhenItRuns() {
        Workflow w = valid(MINIMAL.replace("runs-on: shell", "runs-on: ${{ matrix.os }}\n    strategy:\n"
                + "      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}"));
        assertThat(w.jobs().get(0).strategy().matrix()).isEqualTo("${{ fromJSON(needs.plan.outputs.matrix) }}");
        assertThat(errors(MINIMAL.replace("runs-on: shell", "runs-on: shell\n    strategy:\n"
                + "      matrix: ${{ fromJSON( }}"))).singleElement()
                .satisfies(e -> assertThat(e).startsWith("6:29: invalid expression"));
    }

    @Test
    void runsOnWithAnExpressionResolvesPerInstance() {
        Workflow w = valid(MINIMAL.replace("runs-on: shell", "runs-on: ${{ matrix.runner }}\n    strategy:\n"
                + "      matrix:\n        runner: [shell, 'docker:alpine:3']"));
        RunsOn runsOn = w.jobs().get(0).runsOn();
        assertThat(runsOn.kind()).isEqualTo(RunsOn.Kind.LABELS);
        ExpressionContext ctx = ExpressionContext.of(Map.of("matrix", Map.of("runner", "docker:alpine:3")));
        assertThat(runsOn.resolve(ctx).kind()).isEqualTo(RunsOn.Kind.DOCKER);
        assertThat(runsOn.resolve(ctx).image()).isEqualTo("alpine:3");
        ExpressionContext list = ExpressionContext.of(Map.of("matrix", Map.of("runner", List.of("linux", "x64"))));
        assertThat(runsOn.resolve(list).labels()).containsExactly("linux", "x64");
    }

    @Test
    void booleanIfIsAccepted() {
        Workflow w = valid(MINIMAL.replace("runs-on: shell", "runs-on: shell\n    if: false"));
        assertThat(w.jobs().get(0).condition().test(ExpressionContext.empty())).isFalse();
    }

    @Test
    void workflowLevelRunDefaultsShellIsChecked() {
        assertThat(errors(MINIMAL.replace("on: push", "on: push\ndefaults:\n  run:\n    shel: bash")))
                .containsExactly("4:5: unknown key 'shel' in defaults.run; did you mean 'shell'?");
    }

    @Test
    void levenshteinDistance() {
        assertThat(invokeDistance("steps", "step")).isEqualTo(1);
        assertThat(invokeDistance("runs-on", "run-on")).isEqualTo(1);
        assertThat(invokeDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(invokeDistance("", "abc")).isEqualTo(3);
        assertThat(invokeDistance("biuld", "build")).as("a swap is one edit").isEqualTo(1);
    }

    private static int invokeDistance(String a, String b) {
        try {
            var method = Class.forName(WorkflowParser.class.getName() + "$Parse").getDeclaredMethod("distance",
                    String.class, String.class);
            method.setAccessible(true);
            return (int) method.invoke(null, a, b);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void stepDisplayNameUsesTheFirstLineOfTheScript() {
        Workflow w = valid(MINIMAL.replace("- run: echo hi", "- run: |\n          set -e\n          make"));
        assertThat(w.jobs().get(0).steps().get(0).displayName()).isEqualTo("Run set -e");
    }

    @Test
    void quotedScalarsWithEscapesMapToTheWrittenColumn() {
        assertThat(errors(MINIMAL.replace("- run: echo hi", "- run: \"a\\tb\\u00e9 ${{ nope }}\""))).singleElement()
                .satisfies(e -> assertThat(e).startsWith("6:30: invalid expression"));
        assertThat(errors(MINIMAL.replace("- run: echo hi", "- run: 'it''s ${{ nope }}'"))).singleElement()
                .satisfies(e -> assertThat(e).startsWith("6:25: invalid expression"));
    }

    @Test
    void servicesAndContainerKeysAreChecked() {
        assertThat(errors(MINIMAL.replace("runs-on: shell", """
                runs-on: shell
                    services:
                      my db:
                        image: postgres
                        volume: [x]
                    container:
                      image: alpine
                      credentials:
                        user: me                """))).containsExactly(
                "6:7: service id 'my db' is invalid: use letters, digits, '-' and '_'",
                "8:9: unknown key 'volume' in service 'my db'; did you mean 'volumes'?",
                "12:9: unknown key 'user' in job 'build' container credentials; did you mean 'username'?");
    }

    @Test
    void errorsComeInTheOrderOfTheFile() {
        List<String> errors = errors("""
                on: push
                jobs:
                  b:
                    runs-on: shell
                    needs: zz
                    steps: [{run: x}]
                  a:
                    runs-on: shell
                    timeout-minutes: -1
                    steps: [{run: x}]
                """);
        assertThat(errors).extracting(e -> e.substring(0, e.indexOf(':'))).containsExactly("5", "9");
    }

    @Test
    void aResultIsEitherValidOrHasErrors() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkflowParseResult(valid(MINIMAL),
                List.of(new WorkflowError(PATH, 1, 1, "x")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new WorkflowParser().parse(PATH, MINIMAL).asOptional()).isPresent();
        assertThat(new WorkflowParser().parse(PATH, "x").asOptional()).isEmpty();
        assertThat(new WorkflowError(PATH, 3, 7, "bad").toString()).isEqualTo(PATH + ":3:7: bad");
    }

    @Test
    void workflowFilesAreTheYamlFilesOfTheWorkflowsFolder() {
        assertThat(WorkflowParser.isWorkflowFile(".codara/workflows/ci.yml")).isTrue();
        assertThat(WorkflowParser.isWorkflowFile(".codara/workflows/release.yaml")).isTrue();
        assertThat(WorkflowParser.isWorkflowFile(".codara/workflows/sub/ci.yml")).isFalse();
        assertThat(WorkflowParser.isWorkflowFile(".codara/workflows/README.md")).isFalse();
        assertThat(WorkflowParser.isWorkflowFile(".github/workflows/ci.yml")).isFalse();
        assertThat(WorkflowParser.isWorkflowFile("x.codara/workflows/ci.yml")).isFalse();
    }

    @Test
    void portsAndVolumesExpressionsAreChecked() {
        assertThat(errors(MINIMAL.replace("runs-on: shell", """
                runs-on: shell
                    services:
                      db:
                        image: postgres
                        ports: ['${{ matrix.port ]]}}:5432']
                        volumes: ['${{ runner.temp }}:/data', '${{ }}']                """))).extracting(e -> e.substring(0, e.indexOf(": invalid"))).containsExactly("8:34", "9:51");
    }
}
