package io.codara.git.internal;

import io.codara.testing.EmbeddedDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditLog;
import io.codara.api.git.NewRepository;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.storage.Cache;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.JobState;
import io.codara.api.storage.EventOutbox;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

class RepositoryMaintenanceTest {

    @TempDir
    Path root;

    private final JobQueue jobs = mock(JobQueue.class);
    private final Map<String, String> cached = new ConcurrentHashMap<>();
    private final Cache cache = mock(Cache.class);
    private final Accounts accounts = mock(Accounts.class);
    private GitDirectories directories;
    private PostgresRepositories repositories;
    private RepositoryMaintenance maintenance;
    private RepositorySizes sizes;

    @BeforeEach
    void wire() {
        when(cache.increment(anyString(), any())).thenAnswer(i -> Long.parseLong(cached.merge(i.getArgument(0), "1",
                (a, b) -> Long.toString(Long.parseLong(a) + 1))));
        when(cache.remove(anyString())).thenAnswer(i -> cached.remove(i.getArgument(0, String.class)) != null);
        Instant now = Instant.now();
        when(accounts.find("alice")).thenReturn(Optional.of(new Account(1, "alice", AccountType.USER, null, null, null,
                null, null, null, false, null, null, null, now, now)));
        directories = new GitDirectories(root.resolve("repos"));
        Organizations organizations = mock(Organizations.class);
        EmbeddedDatabase database = EmbeddedDatabase.create("git");
        sizes = new RepositorySizes(new GitSchema(), database, directories);
        repositories = new PostgresRepositories(new GitSchema(), database, directories, accounts,
                organizations, new RepositoryRoles(accounts, organizations), mock(EventOutbox.class), mock(AuditLog.class));
        RepositoryMaintenanceConfig config = mock(RepositoryMaintenanceConfig.class);
        when(config.delay_seconds()).thenReturn(60);
        maintenance = new RepositoryMaintenance(repositories, directories, jobs, cache, sizes, config);
    }

    private static Event push(long id) {
        return new Event("codara/git/push", Map.of("repository_id", id));
    }

    private static Job job(String payload) {
        return new Job(1, RepositoryMaintenance.QUEUE, payload, JobState.RUNNING, 1, 3, Instant.now(), null, Instant.now());
    }

    @Test
    void aBurstOfPushesSchedulesOneDelayedRepack() {
        maintenance.handleEvent(push(42));
        maintenance.handleEvent(push(42));
        maintenance.handleEvent(push(42));
        maintenance.handleEvent(push(7));
        verify(jobs, times(1)).enqueue(eq(RepositoryMaintenance.QUEUE), eq("{\"repository_id\":42}"),
                eq(new JobOptions(Duration.ofSeconds(60), 3, Duration.ofMinutes(1))));
        verify(jobs, times(1)).enqueue(eq(RepositoryMaintenance.QUEUE), eq("{\"repository_id\":7}"), any());
        maintenance.handleEvent(new Event("codara/git/push", Map.of()));
        verify(jobs, times(2)).enqueue(anyString(), anyString(), any());
    }

    @Test
    void theRepackWritesABitmapIndexAndTheNextPushSchedulesAgain() throws Exception {
        Repository repository = repositories.create("alice", new NewRepository("busy", null, null, null, true, null,
                null, null), new Actor("alice", null));
        try (org.eclipse.jgit.lib.Repository git = directories.open(repository.id()); Git porcelain = Git.wrap(git)) {
            // More history, as loose objects, the way pushes of small packs leave a repository.
            Path work = root.resolve("work");
            try (Git clone = Git.cloneRepository().setURI(git.getDirectory().toURI().toString())
                    .setDirectory(work.toFile()).call()) {
                for (int i = 0; i < 5; i++) {
                    Files.writeString(work.resolve("file" + i + ".txt"), "content " + i + "\n", StandardCharsets.UTF_8);
                    clone.add().addFilepattern(".").call();
                    clone.commit().setMessage("commit " + i).setAuthor("alice", "alice@example.com")
                            .setCommitter("alice", "alice@example.com").call();
                    clone.push().call();
                }
            }
        }
        maintenance.handleEvent(push(repository.id()));
        assertThat(cached).containsKey(RepositoryMaintenance.scheduledKey(repository.id()));

        // As the job queue hands it back: jsonb re-spaces the payload.
        maintenance.handle(job("{\"repository_id\": " + repository.id() + "}"));

        Path packs = directories.directory(repository.id()).resolve("objects/pack");
        try (Stream<Path> files = Files.list(packs)) {
            // One new pack of everything, with its bitmap index. The small packs the pushes left stay until JGit's
            // gc.prunePackExpire (an hour) has passed, so that readers holding them open are not broken.
            assertThat(files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".bitmap"))).hasSize(1);
        }
        assertThat(cached).doesNotContainKey(RepositoryMaintenance.scheduledKey(repository.id()));
        // The repacked size is sampled for the growth chart: everything packed, nothing loose.
        assertThat(sizes.growth(repository.id())).singleElement()
                .satisfies(sample -> assertThat(sample.usage().looseObjects()).isZero());
        maintenance.handleEvent(push(repository.id()));
        verify(jobs, times(2)).enqueue(eq(RepositoryMaintenance.QUEUE), eq("{\"repository_id\":" + repository.id() + "}"),
                any());
    }

    @Test
    void aDeletedRepositoryIsSkippedAndAForeignPayloadRefused() throws Exception {
        maintenance.handle(job("{\"repository_id\":999999}"));
        assertThatThrownBy(() -> maintenance.handle(job("{\"repository_id\":\"../../etc\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        verify(jobs, never()).enqueue(anyString(), anyString(), any());
    }
}
