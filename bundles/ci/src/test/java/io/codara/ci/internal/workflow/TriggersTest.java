package io.codara.ci.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.codara.ci.internal.workflow.TriggerEvent.Dispatch;
import io.codara.ci.internal.workflow.TriggerEvent.PullRequest;
import io.codara.ci.internal.workflow.TriggerEvent.Push;
import io.codara.ci.internal.workflow.TriggerEvent.Schedule;
import io.codara.ci.internal.workflow.Triggers.DispatchInput;
import io.codara.ci.internal.workflow.Triggers.InputResolution;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TriggersTest {

    private static Triggers on(String on) {
        WorkflowParseResult result = new WorkflowParser().parse("w.yml", on + "\njobs:\n  a:\n    runs-on: shell\n"
                + "    steps: [{run: x}]\n");
        assertThat(result.errors()).isEmpty();
        return result.workflow().on();
    }

    private static List<String> errors(String on) {
        return new WorkflowParser().parse("w.yml", on + "\njobs:\n  a:\n    runs-on: shell\n    steps: [{run: x}]\n")
                .errors().stream().map(e -> e.line() + ":" + e.column() + ": " + e.message()).toList();
    }

    private static Push push(String ref, String... paths) {
        return new Push(ref, paths.length == 0 ? null : List.of(paths), false, false);
    }

    @Test
    void plainPushMatchesBranchesAndTags() {
        Triggers t = on("on: push");
        assertThat(t.matches(push("refs/heads/main"))).isTrue();
        assertThat(t.matches(push("refs/tags/v1"))).isTrue();
        assertThat(t.matches(new Push("refs/heads/gone", null, false, true))).as("deleted ref").isFalse();
        assertThat(t.matches(push("refs/notes/commits"))).isFalse();
        assertThat(t.matches(new PullRequest("opened", "main", null))).isFalse();
    }

    @Test
    void branchFiltersOnlyLeaveTagsOut() {
        Triggers t = on("on:\n  push:\n    branches: [main, 'releases/**']");
        assertThat(t.matches(push("refs/heads/main"))).isTrue();
        assertThat(t.matches(push("refs/heads/releases/1.0/hotfix"))).isTrue();
        assertThat(t.matches(push("refs/heads/feature"))).isFalse();
        assertThat(t.matches(push("refs/tags/v1"))).isFalse();
    }

    @Test
    void tagFiltersOnlyLeaveBranchesOut() {
        Triggers t = on("on:\n  push:\n    tags: ['v*']");
        assertThat(t.matches(push("refs/tags/v1.2"))).isTrue();
        assertThat(t.matches(push("refs/tags/nightly"))).isFalse();
        assertThat(t.matches(push("refs/heads/main"))).isFalse();
    }

    @Test
    void ignoreFilters() {
        Triggers t = on("on:\n  push:\n    branches-ignore: ['dependabot/**']\n    tags-ignore: ['*-rc*']");
        assertThat(t.matches(push("refs/heads/main"))).isTrue();
        assertThat(t.matches(push("refs/heads/dependabot/npm/x"))).isFalse();
        assertThat(t.matches(push("refs/tags/v2"))).isTrue();
        assertThat(t.matches(push("refs/tags/v2-rc1"))).isFalse();
    }

    @Test
    void negatedBranchPatterns() {
        Triggers t = on("on:\n  push:\n    branches:\n      - 'releases/**'\n      - '!releases/**-alpha'");
        assertThat(t.matches(push("refs/heads/releases/10"))).isTrue();
        assertThat(t.matches(push("refs/heads/releases/10-alpha"))).isFalse();
    }

    @Test
    void pathFilters() {
        Triggers t = on("on:\n  push:\n    paths: ['src/**', '!src/**/*.md']");
        assertThat(t.matches(push("refs/heads/main", "src/app/Main.java"))).isTrue();
        assertThat(t.matches(push("refs/heads/main", "src/README.md"))).isFalse();
        assertThat(t.matches(push("refs/heads/main", "src/README.md", "src/a.c"))).isTrue();
        assertThat(t.matches(push("refs/heads/main", "docs/x"))).isFalse();
        assertThat(t.matches(new Push("refs/heads/main", List.of(), false, false))).isFalse();
        assertThat(t.matches(push("refs/heads/main"))).as("unknown paths pass").isTrue();
        assertThat(t.matches(push("refs/tags/v1", "docs/x"))).as("tags skip path filters").isTrue();
    }

    @Test
    void pathsIgnoreRunsWhenAnyPathIsNotIgnored() {
        Triggers t = on("on:\n  push:\n    paths-ignore: ['docs/**', '*.md']");
        assertThat(t.matches(push("refs/heads/main", "docs/a.md", "README.md"))).isFalse();
        assertThat(t.matches(push("refs/heads/main", "docs/a.md", "pom.xml"))).isTrue();
    }

    @Test
    void branchAndPathFiltersMustBothMatch() {
        Triggers t = on("on:\n  push:\n    branches: [main]\n    paths: ['app/**']");
        assertThat(t.matches(push("refs/heads/main", "app/x"))).isTrue();
        assertThat(t.matches(push("refs/heads/dev", "app/x"))).isFalse();
        assertThat(t.matches(push("refs/heads/main", "lib/x"))).isFalse();
    }

    @Test
    void pullRequestTypesBranchesAndPaths() {
        Triggers defaults = on("on: pull_request");
        assertThat(defaults.matches(new PullRequest("opened", "main", null))).isTrue();
        assertThat(defaults.matches(new PullRequest("synchronize", "main", null))).isTrue();
        assertThat(defaults.matches(new PullRequest("closed", "main", null))).isFalse();

        Triggers t = on("on:\n  pull_request:\n    types: [closed, labeled]\n    branches: [main]\n"
                + "    paths-ignore: ['**.md']");
        assertThat(t.matches(new PullRequest("closed", "refs/heads/main", List.of("a.java")))).isTrue();
        assertThat(t.matches(new PullRequest("opened", "main", List.of("a.java")))).isFalse();
        assertThat(t.matches(new PullRequest("labeled", "dev", List.of("a.java")))).isFalse();
        assertThat(t.matches(new PullRequest("labeled", "main", List.of("docs/a.md")))).isFalse();
        assertThat(t.matches(push("refs/heads/main"))).isFalse();
    }

    @Test
    void scheduleMatchesItsCronAndComputesTheNextTime() {
        Triggers t = on("on:\n  schedule:\n    - cron: '0 3 * * *'\n    - cron: '30 1 * * MON'");
        assertThat(t.schedules()).extracting(CronSchedule::expression).containsExactly("0 3 * * *", "30 1 * * MON");
        assertThat(t.matches(new Schedule("0 3 * * *"))).isTrue();
        assertThat(t.matches(new Schedule("0 4 * * *"))).isFalse();
        // 2026-01-05 is a Monday.
        assertThat(t.nextScheduled(Instant.parse("2026-01-05T00:00:00Z"))).isEqualTo(Instant.parse(
                "2026-01-05T01:30:00Z"));
        assertThat(t.nextScheduled(Instant.parse("2026-01-05T02:00:00Z"))).isEqualTo(Instant.parse(
                "2026-01-05T03:00:00Z"));
        assertThat(on("on: push").nextScheduled(Instant.EPOCH)).isNull();
    }

    @Test
    void dispatchWithInputs() {
        Triggers t = on("""
                on:
                  workflow_dispatch:
                    inputs:
                      environment:
                        type: choice
                        options: [staging, production]
                        default: staging
                      dry-run:
                        type: boolean
                        default: true
                      replicas:
                        type: number
                        required: true
                      note:
                        description: Free text
                      target:
                        type: environment
                """);
        assertThat(t.matches(new Dispatch(Map.of()))).isTrue();
        assertThat(t.dispatch().inputs().keySet()).containsExactly("environment", "dry-run", "replicas", "note",
                "target");
        DispatchInput env = t.dispatch().inputs().get("environment");
        assertThat(env.type()).isEqualTo(DispatchInput.Type.CHOICE);
        assertThat(env.defaultValue()).isEqualTo("staging");
        assertThat(t.dispatch().inputs().get("note").description()).isEqualTo("Free text");

        InputResolution ok = t.dispatch().resolveInputs(Map.of("replicas", "3", "dry-run", "false"));
        assertThat(ok.valid()).isTrue();
        assertThat(ok.values()).containsExactly(Map.entry("environment", "staging"), Map.entry("dry-run", false),
                Map.entry("replicas", 3.0), Map.entry("note", ""), Map.entry("target", ""));

        InputResolution bad = t.dispatch().resolveInputs(Map.of("environment", "prod", "dry-run", "yes",
                "replicas", "many", "colour", "red"));
        assertThat(bad.valid()).isFalse();
        assertThat(bad.values()).isEmpty();
        assertThat(bad.errors()).containsExactlyInAnyOrder(
                "unknown input 'colour'; known inputs: environment, dry-run, replicas, note, target",
                "input 'environment' must be one of [staging, production], got 'prod'",
                "input 'dry-run' must be true or false, got 'yes'",
                "input 'replicas' must be a number, got 'many'");
        assertThat(t.dispatch().resolveInputs(Map.of()).errors()).containsExactly("input 'replicas' is required");
    }

    @Test
    void dispatchWithoutInputs() {
        Triggers t = on("on: workflow_dispatch");
        assertThat(t.dispatch().resolveInputs(null).valid()).isTrue();
        assertThat(t.dispatch().resolveInputs(Map.of("x", "1")).errors())
                .containsExactly("unknown input 'x'; this workflow takes no inputs");
    }

    @Test
    void inputDefinitionErrors() {
        assertThat(errors("""
                on:
                  workflow_dispatch:
                    inputs:
                      a:
                        type: choice
                      b:
                        type: boolean
                        default: maybe
                      c:
                        type: text
                      d:
                        options: [x]
                      e:
                        type: choice
                        options: [x, y]
                        default: z
                      f:
                        type: number
                        default: abc
                """)).containsExactly(
                "4:7: input 'a' of type choice needs a non-empty list of options",
                "8:18: default of input 'b' must be true or false, got 'maybe'",
                "10:15: input 'c': unknown type 'text'; use string, boolean, choice, number or environment",
                "12:9: input 'd': options apply to type choice only",
                "16:18: default of input 'e' must be one of [x, y], got 'z'",
                "19:18: default of input 'f' must be a number, got 'abc'");
    }

    @Test
    void filterErrors() {
        assertThat(errors("""
                on:
                  push:
                    branches: [main]
                    branches-ignore: [dev]
                    tags: ['!v1']
                    paths: ['v[12']
                  pull_request:
                    types: [open]
                    paths-ignore: ['!x', 'y']
                """)).containsExactly(
                "4:5: on.push cannot have both branches and branches-ignore; use branches with '!' patterns",
                "5:11: on.push.tags has only '!' patterns; start with a pattern that includes, such as '**'",
                "6:13: on.push.paths: unclosed or empty '[' in v[12",
                "8:13: unknown pull_request type 'open'; did you mean 'opened'?",
                "9:19: on.pull_request.paths-ignore cannot hold '!' patterns; use paths with '!' instead");
    }

    @Test
    void scheduleErrors() {
        assertThat(errors("""
                on:
                  schedule:
                    - cron: '0 25 * * *'
                    - crontab: x
                    - cron: 5 4 * *
                """)).containsExactly(
                "3:16: invalid cron '0 25 * * *': hour 25 is out of range 0-23",
                "4:7: unknown key 'crontab' in a schedule entry; did you mean 'cron'?",
                "4:7: a schedule entry needs 'cron'",
                "5:19: invalid cron '5 4 * *': a cron expression has 5 fields (minute hour day-of-month month"
                        + " day-of-week), this one has 4");
        assertThat(errors("on:\n  schedule:")).containsExactly("2:3: schedule needs a list of '- cron: ...' entries");
    }

    @Test
    void unsupportedEvents() {
        assertThat(errors("on: [push, release]")).containsExactly("1:12: event 'release' is not supported: Codara"
                + " starts workflows on push, pull_request, workflow_dispatch and schedule");
        assertThat(errors("on:\n  pull-request:")).containsExactly("2:3: event 'pull-request' is not supported:"
                + " Codara starts workflows on push, pull_request, workflow_dispatch and schedule; did you mean"
                + " 'pull_request'?");
        assertThat(errors("on:\n  push:\n    branch: [main]")).containsExactly(
                "3:5: unknown key 'branch' in on.push; did you mean 'branches'?");
    }
}
