package io.codara.ci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;

import io.codara.api.audit.Actor;
import io.codara.api.auth.AccessToken;
import io.codara.api.auth.AccessTokens;
import io.codara.api.auth.CreatedToken;
import io.codara.api.auth.Scopes;
import io.codara.api.ci.SecretScope;
import io.codara.api.ci.spi.RunnerStep;
import io.codara.api.rest.ApiException;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.Migrations;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.Engines;
import io.codara.ci.internal.engine.LogSlice;
import io.codara.ci.internal.engine.PlannedJob;
import io.codara.ci.internal.engine.PlannedRun;
import io.codara.ci.internal.engine.PlannedStep;
import io.codara.ci.internal.engine.WorkflowJob;
import io.codara.ci.internal.engine.WorkflowRun;
import io.codara.ci.internal.remote.RemoteRunners;
import io.codara.ci.internal.remote.RemoteRunners.Scope;
import io.codara.ci.internal.remote.RemoteRunnersFactory;
import io.codara.ci.internal.remote.RunnerProtocolResource;
import io.codara.ci.internal.remote.wire.RunnerWire;
import io.codara.storage.internal.PostgresJobQueue;
import io.codara.storage.internal.StorageSchema;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/**
 * Remote runners on a real PostgreSQL with the real engine: registration tokens that expire after an hour, runner
 * credentials stored only as SHA-256, claims limited to the runner's labels and scope (repository, organisation),
 * the protocol's reports through the engine's lease, and a runner that stops heartbeating losing its job to the
 * lease's expiry.
 */
class RemoteRunnersTest {

    @TempDir
    java.nio.file.Path temp;

    private CiFixture fixture;
    private CiEngine engine;
    private JobQueue queue;
    private final AccessTokens tokens = mock(AccessTokens.class);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private RemoteRunners runners;
    private RunnerProtocolResource protocol;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new CiFixture(temp);
        Flyway.configure(getClass().getClassLoader()).dataSource(fixture.database.dataSource()).schemas("storage")
                .locations("classpath:db/migration/storage").load().migrate();
        queue = new PostgresJobQueue(fixture.database, new StorageSchema(mock(Migrations.class),
                mock(BundleContext.class)));
        engine = Engines.engine(new CiSchema(), fixture.database, queue, fixture.outbox, fixture.statuses,
                fixture.repositories, Map.of("web_url", "http://codara.test/", "max_claims", 2));
        runners = RemoteRunnersFactory.runners(fixture.database, engine, fixture.secrets, fixture.repositories,
                fixture.accounts, tokens, Map.of("lease_seconds", 3, "web_url", "http://codara.test"), clock);
        protocol = new RunnerProtocolResource(runners, engine);
    }

    @Test
    void aRegistrationTokenRegistersRunnersAndOnlyHashesOfCredentialsAreStored() throws Exception {
        RemoteRunners.RegistrationToken token = runners.createRegistrationToken(Scope.repository(fixture.tools.id()),
                "alice");
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));

        RemoteRunners.Registered first = runners.register(token.token(), "builder-1", List.of("GPU-free", "big"),
                "Linux", "x64");
        RemoteRunners.Registered second = runners.register(token.token(), "builder-2", List.of(), "Linux", "x64");
        assertThat(first.runner().labels()).containsExactly("self-hosted", "linux", "x64", "gpu-free", "big");
        assertThat(first.runner().scope()).isEqualTo(Scope.repository(fixture.tools.id()));
        assertThat(first.credential()).isNotEqualTo(second.credential()).startsWith("CRC").hasSizeGreaterThan(40);

        List<byte[]> stored = RemoteRunnersFactory.storedHashes(runners);
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0)).isEqualTo(MessageDigest.getInstance("SHA-256")
                .digest(first.credential().getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(stored.get(0), StandardCharsets.ISO_8859_1)).doesNotContain(first.credential());

        assertThat(runners.authenticate(first.credential())).map(RemoteRunners.Runner::name).contains("builder-1");
        assertThat(runners.authenticate(second.credential())).map(RemoteRunners.Runner::name).contains("builder-2");
        assertThat(runners.authenticate(first.credential() + "x")).isEmpty();
        assertThat(runners.authenticate(token.token())).isEmpty();
        assertThat(runners.authenticate(null)).isEmpty();

        assertThatThrownBy(() -> runners.register(token.token(), "BUILDER-1", List.of(), "Linux", "x64"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> runners.register(token.token(), "bad name", List.of(), "Linux", "x64"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> runners.register("CRR" + "x".repeat(43), "other", List.of(), "Linux", "x64"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));

        assertThat(runners.list(Scope.repository(fixture.tools.id()))).extracting(RemoteRunners.Runner::name)
                .containsExactly("builder-1", "builder-2");
        assertThat(runners.list(Scope.repository(fixture.hidden.id()))).isEmpty();
        assertThat(runners.delete(Scope.repository(fixture.hidden.id()), first.runner().id())).isFalse();
        assertThat(runners.delete(Scope.repository(fixture.tools.id()), first.runner().id())).isTrue();
        assertThat(runners.authenticate(first.credential())).isEmpty();
    }

    @Test
    void aRegistrationTokenExpiresAfterAnHourAndARunnerGoesOfflineWhenItStopsAsking() {
        RemoteRunners.RegistrationToken token = runners.createRegistrationToken(Scope.SITE, "root");
        clock.advance(Duration.ofMinutes(59));
        RemoteRunners.Registered registered = runners.register(token.token(), "early", List.of(), "Linux", "x64");
        assertThat(runners.online(registered.runner())).isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> runners.register(token.token(), "late", List.of(), "Linux", "x64"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        RemoteRunners.Runner seenBefore = runners.find(registered.runner().id()).orElseThrow();
        assertThat(runners.online(seenBefore)).isFalse();
        assertThat(runners.online(runners.authenticate(registered.credential()).orElseThrow())).isTrue();
    }

    @Test
    void aRunnerClaimsOnlyJobsWhoseLabelsItHasOfRepositoriesItServes() {
        RemoteRunners.Runner toolsRunner = register(Scope.repository(fixture.tools.id()), "tools-runner",
                "gpu-free");
        RemoteRunners.Runner acmeRunner = register(Scope.organization(fixture.acme.id()), "acme-runner", "gpu-free");

        long hiddenJob = firstJob(createRun(fixture.hidden.id(), List.of("self-hosted", "gpu-free")));
        long gpuJob = firstJob(createRun(fixture.tools.id(), List.of("self-hosted", "gpu")));
        long widgetsJob = firstJob(createRun(fixture.widgets.id(), List.of("self-hosted", "GPU-free")));
        long toolsJob = firstJob(createRun(fixture.tools.id(), List.of("self-hosted", "gpu-free")));

        assertThat(runners.claim(toolsRunner)).map(p -> p.job().jobId()).contains(toolsJob);
        RemoteRunners.Runner busy = runners.find(toolsRunner.id()).orElseThrow();
        assertThat(busy.busy()).isTrue();
        assertThat(runners.claim(busy)).isEmpty();
        assertThat(engine.job(toolsJob).orElseThrow().status()).isEqualTo("in_progress");
        assertThat(engine.job(toolsJob).orElseThrow().runnerName()).isEqualTo("tools-runner");

        // The organisation's runner takes its repository's job (labels compared without case), not alice's.
        when(tokens.create(anyString(), anyString(), any(), any(), any())).thenReturn(created(41, "alice"));
        assertThat(runners.claim(acmeRunner)).map(p -> p.job().jobId()).contains(widgetsJob);
        assertThat(runners.claim(runners.find(acmeRunner.id()).orElseThrow())).isEmpty();

        // Nobody here may run the private repository's job of another scope, nor the job asking for a GPU.
        assertThat(engine.job(hiddenJob).orElseThrow().status()).isEqualTo("queued");
        assertThat(engine.job(gpuJob).orElseThrow().status()).isEqualTo("queued");
    }

    @Test
    void aPrivateRepositorysJobGetsAReadOnlyCheckoutTokenThatIsRevokedWhenTheJobEnds() {
        RemoteRunners.Runner runner = register(Scope.repository(fixture.hidden.id()), "private-runner", "gpu-free");
        when(tokens.create(eq("alice"), anyString(), eq(Set.of(Scopes.REPO_READ)), any(), eq(Actor.SYSTEM)))
                .thenReturn(created(77, "alice"));
        long jobId = firstJob(createRun(fixture.hidden.id(), List.of("self-hosted")));
        Map<String, Object> job = claim(runner);
        assertThat(job).containsEntry("job_id", jobId).containsEntry("token", "job-token-77")
                .containsEntry("clone_url", "http://codara.test/alice/hidden.git");
        HttpServletRequest request = request(runner);
        protocol.finish(jobId, Map.of("conclusion", "success", "steps", List.of()), request);
        verify(tokens).revoke("alice", 77, Actor.SYSTEM);
        assertThat(runners.find(runner.id()).orElseThrow().busy()).isFalse();
    }

    @Test
    void theProtocolReportsStepsLogsAndTheResultThroughTheLeaseAndMasksSecrets() {
        fixture.secrets.putSecret(SecretScope.repository(fixture.tools.id()), "TOKEN", "s3cr3t-value",
                new Actor("alice", "10.0.0.1"));
        RemoteRunners.Runner runner = register(Scope.repository(fixture.tools.id()), "reporter", "gpu-free");
        WorkflowRun run = createRun(fixture.tools.id(), List.of("self-hosted", "gpu-free"),
                new PlannedStep("greet", null, "echo ${{ secrets.TOKEN }}", null, null, Map.of(), null, false, ""),
                new PlannedStep(null, "Only on failure", "echo nope", null, null, Map.of(), null, false,
                        "failure()"));
        long jobId = firstJob(run);
        HttpServletRequest request = request(runner);

        Map<String, Object> job = claim(runner);
        assertThat(RunnerWire.job(job).steps()).hasSize(2);
        assertThat(RunnerWire.job(job).steps().get(0).run()).isEqualTo("echo s3cr3t-value");
        assertThat(RunnerWire.job(job).secrets()).contains("s3cr3t-value");
        assertThat(protocol.heartbeat(jobId, request)).containsEntry("cancel_requested", false);

        assertThat(protocol.shouldRun(jobId, 1, Map.of("finished", List.of(), "cancelled", false), request))
                .containsEntry("run", true);
        Instant start = Instant.now();
        protocol.stepStarted(jobId, 1, Map.of("at", start.toString()), request);
        // A runner that failed to mask: the server masks again.
        String line = "2026-12-01T10:00:00.0000000Z s3cr3t-value\n";
        protocol.log(jobId, Map.of("step", 1, "offset", 0, "job_offset", 0, "text", line), request);
        Map<String, Object> step1 = new LinkedHashMap<>(Map.of("index", 1, "id", "greet", "outcome", "success",
                "conclusion", "success", "exit_code", 0, "outputs", Map.of("who", "world"),
                "started_at", start.toString(), "completed_at", Instant.now().toString()));
        protocol.stepFinished(jobId, 1, step1, request);
        assertThat(protocol.shouldRun(jobId, 2, Map.of("finished", List.of(step1), "cancelled", false), request))
                .containsEntry("run", false);
        Map<String, Object> step2 = Map.of("index", 2, "outcome", "skipped", "conclusion", "skipped",
                "completed_at", Instant.now().toString());
        protocol.stepFinished(jobId, 2, step2, request);
        Response finished = protocol.finish(jobId, Map.of("conclusion", "success", "steps", List.of(step1, step2),
                "started_at", start.toString(), "completed_at", Instant.now().toString()), request);
        assertThat(finished.getStatus()).isEqualTo(204);

        WorkflowJob done = engine.job(jobId).orElseThrow();
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.conclusion()).isEqualTo("success");
        assertThat(engine.run(run.id()).orElseThrow().conclusion()).isEqualTo("success");
        LogSlice log = engine.log(jobId, null, 0, 1 << 20);
        assertThat(log.text()).contains("***").doesNotContain("s3cr3t-value");
        // Reports after the end are refused: the runner no longer holds the job.
        assertThatThrownBy(() -> protocol.heartbeat(jobId, request))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(410));
    }

    @Test
    void aStepIsPreparedAgainWithTheOutputsOfTheStepsBeforeIt() {
        RemoteRunners.Runner runner = register(Scope.repository(fixture.tools.id()), "preparer", "gpu-free");
        WorkflowRun run = createRun(fixture.tools.id(), List.of("self-hosted", "gpu-free"),
                new PlannedStep("greet", null, "echo hi", null, null, Map.of(), null, false, ""),
                new PlannedStep(null, "Greet ${{ steps.greet.outputs.who }}", "echo ${{ steps.greet.outputs.who }}",
                        null, "${{ steps.greet.outputs.who }}-dir", Map.of("WHO", "${{ steps.greet.outputs.who }}"),
                        null, false, ""));
        long jobId = firstJob(run);
        HttpServletRequest request = request(runner);
        Map<String, Object> job = claim(runner);
        // As claimed, the second step knows no outputs yet.
        assertThat(RunnerWire.job(job).steps().get(1).run()).isEqualTo("echo ");

        Map<String, Object> step1 = Map.of("index", 1, "id", "greet", "outcome", "success", "conclusion", "success",
                "exit_code", 0, "outputs", Map.of("who", "world"), "started_at", Instant.now().toString(),
                "completed_at", Instant.now().toString());
        RunnerStep ready = RunnerWire.runnerStep(protocol.prepare(jobId, 2, Map.of("finished", List.of(step1)), request));
        assertThat(ready.index()).isEqualTo(2);
        assertThat(ready.name()).isEqualTo("Greet world");
        assertThat(ready.run()).isEqualTo("echo world");
        assertThat(ready.workingDirectory()).isEqualTo("world-dir");
        assertThat(ready.env()).containsEntry("WHO", "world");

        assertThatThrownBy(() -> protocol.prepare(jobId, 9, Map.of(), request))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> protocol.prepare(jobId, 2, Map.of("finished", List.of("not a step")), request))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        protocol.finish(jobId, Map.of("conclusion", "success", "steps", List.of()), request);
        assertThatThrownBy(() -> protocol.prepare(jobId, 2, Map.of(), request))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(410));
    }

    @Test
    void aRunnerThatStopsHeartbeatingLosesItsJobToTheLeaseAndTheJobRunsAgainThenFails() throws Exception {
        RemoteRunners.Runner dead = register(Scope.repository(fixture.tools.id()), "dead", "gpu-free");
        RemoteRunners.Runner alive = register(Scope.repository(fixture.tools.id()), "alive", "gpu-free");
        long jobId = firstJob(createRun(fixture.tools.id(), List.of("self-hosted", "gpu-free")));
        assertThat(claim(dead)).containsEntry("job_id", jobId);
        assertThat(engine.recoverExpired()).isZero();

        Thread.sleep(3_500); // the lease (3 s) expires without a heartbeat
        assertThat(engine.recoverExpired()).isEqualTo(1);
        WorkflowJob requeued = engine.job(jobId).orElseThrow();
        assertThat(requeued.status()).isEqualTo("queued");
        assertThat(requeued.message()).contains("remote-runner/" + dead.id());
        // The other runner takes the job over; the first one's late reports are refused, and back from the dead it
        // is free again (its job is no longer its own) but finds no work.
        assertThat(claim(alive)).containsEntry("job_id", jobId);
        HttpServletRequest deadRequest = request(dead);
        assertThat(runners.find(dead.id()).orElseThrow().busy()).isTrue();
        assertThat(protocol.claim(deadRequest).getStatus()).isEqualTo(204);
        assertThat(runners.find(dead.id()).orElseThrow().busy()).isFalse();
        assertThatThrownBy(() -> protocol.heartbeat(jobId, deadRequest))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(410));
        assertThatThrownBy(() -> protocol.stepStarted(jobId, 1, Map.of(), deadRequest))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(410));

        Thread.sleep(3_500); // and dies too: the second start was the last (max_claims 2)
        assertThat(engine.recoverExpired()).isEqualTo(1);
        WorkflowJob failed = engine.job(jobId).orElseThrow();
        assertThat(failed.conclusion()).isEqualTo("failure");
        assertThat(failed.message()).contains("stopped answering 2 times");
    }

    @Test
    void aCancelReachesTheRunnerInTheHeartbeatsAnswer() {
        RemoteRunners.Runner runner = register(Scope.repository(fixture.tools.id()), "cancelled", "gpu-free");
        WorkflowRun run = createRun(fixture.tools.id(), List.of("self-hosted", "gpu-free"));
        long jobId = firstJob(run);
        HttpServletRequest request = request(runner);
        claim(runner);
        assertThat(protocol.heartbeat(jobId, request)).containsEntry("cancel_requested", false);
        engine.cancel(run.id());
        assertThat(protocol.heartbeat(jobId, request)).containsEntry("cancel_requested", true);
        protocol.finish(jobId, Map.of("conclusion", "cancelled", "steps", List.of()), request);
        assertThat(engine.job(jobId).orElseThrow().conclusion()).isEqualTo("cancelled");
        assertThat(engine.run(run.id()).orElseThrow().conclusion()).isEqualTo("cancelled");
    }

    @Test
    void theProtocolAcceptsOnlyARunnersOwnCredential() {
        register(Scope.repository(fixture.tools.id()), "someone", "x");
        HttpServletRequest anonymous = CiFixture.request(CiFixture.ALICE);
        assertThatThrownBy(() -> protocol.claim(anonymous))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        HttpServletRequest wrong = CiFixture.request(CiFixture.ALICE);
        when(wrong.getHeader(RunnerWire.CREDENTIAL_HEADER)).thenReturn("CRCnot-a-credential");
        assertThatThrownBy(() -> protocol.claim(wrong))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        verify(tokens, never()).create(anyString(), anyString(), any(), any(), any());
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private RemoteRunners.Runner register(Scope scope, String name, String... labels) {
        RemoteRunners.RegistrationToken token = runners.createRegistrationToken(scope, "alice");
        RemoteRunners.Registered registered = runners.register(token.token(), name, List.of(labels), "Linux", "x64");
        credentials.put(registered.runner().id(), registered.credential());
        return registered.runner();
    }

    private Map<String, Object> claim(RemoteRunners.Runner runner) {
        Response response = protocol.claim(request(runner));
        assertThat(response.getStatus()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> job = (Map<String, Object>) response.getEntity();
        return job;
    }

    private HttpServletRequest request(RemoteRunners.Runner runner) {
        // The server keeps only hashes: the test keeps each runner's credential from its registration.
        HttpServletRequest request = CiFixture.request(io.codara.api.security.Principal.ANONYMOUS);
        when(request.getHeader(RunnerWire.CREDENTIAL_HEADER)).thenReturn(credentials.get(runner.id()));
        return request;
    }

    private final Map<Long, String> credentials = new java.util.HashMap<>();

    private WorkflowRun createRun(long repositoryId, List<String> runsOn, PlannedStep... steps) {
        List<PlannedStep> list = steps.length == 0
                ? List.of(new PlannedStep(null, null, "echo hi", null, null, Map.of(), null, false, ""))
                : List.of(steps);
        PlannedJob job = new PlannedJob("build", null, Map.of(), List.of(), runsOn, 5, false, "", Map.of(), list);
        return engine.createRun(new PlannedRun(repositoryId, ".codara/workflows/ci.yml", "CI", "push",
                fixture.second, "main", "alice", List.of(job), List.of()));
    }

    private long firstJob(WorkflowRun run) {
        return engine.jobs(run.id(), null).get(0).id();
    }

    private static CreatedToken created(long id, String owner) {
        return new CreatedToken("job-token-" + id, new AccessToken(id, owner, "CI job", Set.of(Scopes.REPO_READ),
                "token-" + id, null, Instant.now(), null, null));
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
