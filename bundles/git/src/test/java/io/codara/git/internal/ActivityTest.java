package io.codara.git.internal;

import static io.codara.git.internal.BrowsingFixture.request;
import static io.codara.git.internal.BrowsingFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditLog;
import io.codara.api.event.EventProperties;
import io.codara.api.event.Topics;
import io.codara.api.git.NewFork;
import io.codara.api.git.NewRepository;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryUpdate;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.storage.EventOutbox;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.JobState;
import io.codara.testing.EmbeddedDatabase;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.osgi.service.event.Event;

/**
 * Watching and the activity feeds over a real PostgreSQL and real repositories: creators watch what they create,
 * outbox events become GitHub events through the job queue exactly once, and every feed shows only what its
 * viewer may read, decided when it is read.
 */
class ActivityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZERO = ObjectId.zeroId().name();
    private static final Principal ALICE = new Principal("alice", false, null);
    private static final Principal BOB = new Principal("bob", false, null);
    private static final Actor ALICE_ACTOR = new Actor("alice", "10.0.0.1");
    private static final Actor BOB_ACTOR = new Actor("bob", "10.0.0.2");

    @TempDir
    Path root;

    private EmbeddedDatabase database;
    private GitDirectories directories;
    private PostgresRepositories repositories;
    private EventOutbox outbox;
    private JobQueue jobs;
    private ActivityRecorder recorder;
    private ActivityFeeds feeds;
    private RepositorySubscriptions subscriptions;
    private RepositoryAccess access;
    private Accounts accounts;
    private RepositoryRoles roles;
    private Permissions permissions;
    private long nextEventId = 100;

    @BeforeEach
    void setUp() {
        Instant now = Instant.now();
        accounts = mock(Accounts.class);
        when(accounts.find(anyString())).thenReturn(Optional.empty());
        Map<String, Account> users = new HashMap<>();
        for (Object[] u : new Object[][] {{1L, "alice"}, {3L, "bob"}}) {
            Account account = new Account((Long) u[0], (String) u[1], AccountType.USER, null, u[1] + "@example.com",
                    null, null, null, null, false, null, null, null, now, now);
            users.put((String) u[1], account);
            when(accounts.find((String) u[1])).thenReturn(Optional.of(account));
            when(accounts.find((long) (Long) u[0])).thenReturn(Optional.of(account));
        }
        Organizations organizations = mock(Organizations.class);
        roles = new RepositoryRoles(accounts, organizations);
        database = EmbeddedDatabase.create("git");
        directories = new GitDirectories(root.resolve("mnt/repos"));
        outbox = mock(EventOutbox.class);
        repositories = new PostgresRepositories(new GitSchema(), database, directories, accounts, organizations,
                roles, outbox, mock(AuditLog.class));
        RepositoryAuthority authority = new RepositoryAuthority(repositories, roles);
        permissions = (principal, action, resource) -> switch (resource.type()) {
            case "repository" -> authority.decide(principal, action, resource.id());
            case "user" -> io.codara.api.security.Decision.ALLOW;
            default -> io.codara.api.security.Decision.NOT_FOUND;
        };
        access = new RepositoryAccess(repositories, permissions);
        jobs = mock(JobQueue.class);
        recorder = new ActivityRecorder(new GitSchema(), database, jobs, directories, repositories, accounts);
        subscriptions = new RepositorySubscriptions(new GitSchema(), database);
        feeds = new ActivityFeeds(new GitSchema(), database, repositories, subscriptions, roles, accounts,
                permissions);
    }

    // ---- watching

    @Test
    void creatorsWatchWhatTheyCreateAndOthersWatchWhatTheyMayRead() {
        Repository tools = repositories.create("alice", repo("tools", null), ALICE_ACTOR);
        Repository secret = repositories.create("alice", repo("secret", Visibility.PRIVATE), ALICE_ACTOR);
        Repository fork = repositories.fork("alice", "tools", new NewFork(null, null, false), BOB_ACTOR);
        assertThat(subscriptions.find(tools.id(), 1)).get().extracting(RepositorySubscriptions.Subscription::subscribed)
                .isEqualTo(true);
        assertThat(subscriptions.find(secret.id(), 1)).isPresent();
        assertThat(subscriptions.find(fork.id(), 3)).as("the forker watches the fork").isPresent();
        assertThat(subscriptions.find(tools.id(), 3)).isEmpty();

        SubscriptionResource.Subscription subscription = new SubscriptionResource.Subscription(access, subscriptions,
                accounts);
        JsonNode mine = json(subscription.get("alice", "tools", request(ALICE), uri("repos/alice/tools/subscription")));
        assertThat(mine.get("subscribed").asBoolean()).isTrue();
        assertThat(mine.get("ignored").asBoolean()).isFalse();
        assertThat(mine.has("reason")).isTrue();
        assertThat(mine.get("url").asText()).isEqualTo("http://codara.test/api/v3/repos/alice/tools/subscription");
        assertThat(mine.get("repository_url").asText()).isEqualTo("http://codara.test/api/v3/repos/alice/tools");
        assertThat(status(() -> subscription.get("alice", "tools", request(BOB), uri("x")))).as("not watching")
                .isEqualTo(404);
        assertThat(status(() -> subscription.get("alice", "tools", request(Principal.ANONYMOUS), uri("x"))))
                .isEqualTo(401);

        JsonNode watched = json(subscription.put("alice", "tools", new SubscriptionResource.Subscription.Body(true,
                false), request(BOB), uri("x")));
        assertThat(watched.get("subscribed").asBoolean()).isTrue();
        assertThat(json(subscription.get("alice", "tools", request(BOB), uri("x"))).get("subscribed").asBoolean())
                .isTrue();
        assertThat(status(() -> subscription.put("alice", "secret", null, request(BOB), uri("x"))))
                .as("a private repository is no one else's to watch").isEqualTo(404);

        SubscriptionResource.Subscribers subscribers = new SubscriptionResource.Subscribers(access, subscriptions,
                accounts);
        Page<Map<String, Object>> list = subscribers.list("alice", "tools", null, null, request(BOB), uri("x"));
        assertThat(list.items()).extracting(u -> u.get("login")).containsExactly("alice", "bob");
        assertThat(status(() -> subscribers.list("alice", "secret", null, null, request(BOB), uri("x"))))
                .isEqualTo(404);

        SubscriptionResource.Mine bobs = new SubscriptionResource.Mine(subscriptions, repositories, roles, accounts,
                permissions);
        assertThat(bobs.list(null, null, request(BOB), uri("x")).items()).extracting(r -> r.get("full_name"))
                .containsExactly("alice/tools", "bob/tools");
        SubscriptionResource.OfUser ofAlice = new SubscriptionResource.OfUser(subscriptions, repositories, roles,
                accounts, permissions);
        assertThat(ofAlice.list("alice", null, null, request(BOB), uri("x")).items())
                .extracting(r -> r.get("full_name")).containsExactly("alice/tools");
        assertThat(ofAlice.list("alice", null, null, request(ALICE), uri("x")).items())
                .extracting(r -> r.get("full_name")).containsExactly("alice/secret", "alice/tools");

        RepositoryResource resource = new RepositoryResource(repositories, roles, accounts, access);
        resource.subscriptions = subscriptions;
        assertThat(json(resource.get("alice", "tools", request(BOB), uri("repos/alice/tools")))
                .get("subscribers_count").asLong()).isEqualTo(2);

        // Ignoring is not watching.
        JsonNode ignored = json(subscription.put("alice", "tools", new SubscriptionResource.Subscription.Body(null,
                true), request(BOB), uri("x")));
        assertThat(ignored.get("subscribed").asBoolean()).isFalse();
        assertThat(ignored.get("ignored").asBoolean()).isTrue();
        assertThat(subscriptions.count(tools.id())).isEqualTo(1);

        assertThat(subscription.delete("alice", "tools", request(BOB), uri("x")).getStatus()).isEqualTo(204);
        assertThat(status(() -> subscription.get("alice", "tools", request(BOB), uri("x")))).isEqualTo(404);
        repositories.delete("alice", "tools", ALICE_ACTOR);
        assertThat(subscriptions.watched(1)).containsExactly(secret.id());
    }

    // ---- events

    @Test
    void aPushBecomesCreateAndPushEventsThroughTheQueueOnceEvenWhenDeliveredTwice() throws Exception {
        Repository site = repositories.create("alice", repo("site", null), ALICE_ACTOR);
        Path work = root.resolve("work");
        String c1;
        String c2;
        try (Git git = Git.cloneRepository().setURI(directories.directory(site.id()).toUri().toString())
                .setDirectory(work.toFile()).call()) {
            git.getRepository().updateRef(Constants.HEAD).link(Constants.R_HEADS + "main");
            c1 = commit(git, work, "a.txt", "one", "First\n\nWith a body.");
            c2 = commit(git, work, "a.txt", "two", "Second");
            git.tag().setName("v1").setObjectId(git.getRepository().parseCommit(ObjectId.fromString(c1)))
                    .setAnnotated(false).call();
            git.push().setPushAll().setPushTags().call();
        }
        Event push = pushEvent(site, "alice", update("refs/heads/main", ZERO, c2), update("refs/tags/v1", ZERO, c1));

        recorder.handleEvent(push);
        ArgumentCaptor<String> payload = ArgumentCaptor.forClass(String.class);
        verify(jobs).enqueue(eq(ActivityRecorder.QUEUE), payload.capture(), any(JobOptions.class));
        Job job = new Job(1, ActivityRecorder.QUEUE, payload.getValue(), JobState.RUNNING, 1, 5, Instant.now(), null,
                Instant.now());
        recorder.handle(job);
        recorder.handle(job); // re-delivered, or retried after a failure
        assertThat(database.queryLong("SELECT count(*) FROM git.events")).isEqualTo(3);

        List<JsonNode> events = events(feeds.ofRepository(site, BOB, pageOf(1, 30), base()));
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactlyInAnyOrder("CreateEvent", "PushEvent", "CreateEvent");
        JsonNode pushed = events.stream().filter(e -> e.get("type").asText().equals("PushEvent")).findFirst()
                .orElseThrow();
        assertThat(pushed.get("id").isTextual()).isTrue();
        assertThat(pushed.at("/actor/login").asText()).isEqualTo("alice");
        assertThat(pushed.at("/actor/id").asLong()).isEqualTo(1);
        assertThat(pushed.at("/actor/avatar_url").asText()).isEqualTo("http://codara.test/api/v3/users/alice/avatar");
        assertThat(pushed.at("/repo/name").asText()).isEqualTo("alice/site");
        assertThat(pushed.at("/repo/url").asText()).isEqualTo("http://codara.test/api/v3/repos/alice/site");
        assertThat(pushed.get("public").asBoolean()).isTrue();
        assertThat(pushed.get("created_at").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(pushed.at("/payload/ref").asText()).isEqualTo("refs/heads/main");
        assertThat(pushed.at("/payload/before").asText()).isEqualTo(ZERO);
        assertThat(pushed.at("/payload/head").asText()).isEqualTo(c2);
        assertThat(pushed.at("/payload/size").asInt()).isEqualTo(2);
        assertThat(pushed.at("/payload/distinct_size").asInt()).isEqualTo(2);
        assertThat(pushed.at("/payload/commits/0/sha").asText()).as("oldest first").isEqualTo(c1);
        assertThat(pushed.at("/payload/commits/0/message").asText()).isEqualTo("First\n\nWith a body.");
        assertThat(pushed.at("/payload/commits/0/author/email").asText()).isEqualTo("alice@example.com");
        assertThat(pushed.at("/payload/commits/0/author/name").asText()).isEqualTo("Alice");
        assertThat(pushed.at("/payload/commits/0/distinct").asBoolean()).isTrue();
        assertThat(pushed.at("/payload/commits/1/url").asText())
                .isEqualTo("http://codara.test/api/v3/repos/alice/site/commits/" + c2);
        JsonNode tag = events.stream().filter(e -> e.at("/payload/ref_type").asText().equals("tag")).findFirst()
                .orElseThrow();
        assertThat(tag.at("/payload/ref").asText()).isEqualTo("v1");
        assertThat(tag.at("/payload/master_branch").asText()).isEqualTo("main");

        // Moving main, deleting the tag and a branch pushed at an existing commit.
        String c3;
        try (Git git = Git.open(work.toFile())) {
            c3 = commit(git, work, "b.txt", "three", "Third");
            git.push().add("main").call();
        }
        assertThat(recorder.record(Topics.GIT_PUSH, 201, Instant.now(), properties(site, "alice",
                update("refs/heads/main", c2, c3), update("refs/tags/v1", c1, ZERO),
                update("refs/heads/copy", ZERO, c1)))).isEqualTo(3);
        List<JsonNode> latest = events(feeds.ofRepository(site, ALICE, pageOf(1, 3), base()));
        assertThat(latest).extracting(e -> e.get("type").asText())
                .containsExactly("CreateEvent", "DeleteEvent", "PushEvent");
        assertThat(latest.get(0).at("/payload/ref").asText()).isEqualTo("copy");
        assertThat(latest.get(1).at("/payload/ref_type").asText()).isEqualTo("tag");
        assertThat(latest.get(2).at("/payload/size").asInt()).isEqualTo(1);
        assertThat(latest.get(2).at("/payload/commits/0/sha").asText()).isEqualTo(c3);
    }

    @Test
    void repositoryForkAndPublicEventsComeFromTheirOutboxEvents() throws Exception {
        Repository tools = repositories.create("alice", repo("tools", null), ALICE_ACTOR);
        Repository fork = repositories.fork("alice", "tools", new NewFork(null, null, false), BOB_ACTOR);
        Repository hidden = repositories.create("alice", repo("hidden", Visibility.PRIVATE), ALICE_ACTOR);
        repositories.update("alice", "hidden", new RepositoryUpdate(null, null, null, null, Visibility.PUBLIC, null,
                null, null), ALICE_ACTOR);
        // Whatever PostgresRepositories put in the outbox is what the recorder gets.
        ArgumentCaptor<String> topics = ArgumentCaptor.forClass(String.class);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, ?>> props = ArgumentCaptor.forClass(Map.class);
        verify(outbox, atLeastOnce()).publish(any(Connection.class), topics.capture(), props.capture());
        for (int i = 0; i < topics.getAllValues().size(); i++) {
            recorder.record(topics.getAllValues().get(i), 300 + i, Instant.now(), props.getAllValues().get(i));
            recorder.record(topics.getAllValues().get(i), 300 + i, Instant.now(), props.getAllValues().get(i));
        }
        List<JsonNode> ofTools = events(feeds.ofRepository(tools, BOB, pageOf(1, 30), base()));
        assertThat(ofTools).extracting(e -> e.get("type").asText()).containsExactly("ForkEvent", "CreateEvent");
        assertThat(ofTools.get(0).at("/actor/login").asText()).isEqualTo("bob");
        assertThat(ofTools.get(0).at("/payload/forkee/full_name").asText()).isEqualTo("bob/tools");
        assertThat(ofTools.get(0).at("/payload/forkee/fork").asBoolean()).isTrue();
        assertThat(ofTools.get(1).at("/payload/ref_type").asText()).isEqualTo("repository");
        assertThat(ofTools.get(1).at("/payload/ref").isNull()).isTrue();
        assertThat(events(feeds.ofRepository(fork, BOB, pageOf(1, 30), base()))).isEmpty();
        assertThat(events(feeds.ofRepository(hidden, BOB, pageOf(1, 30), base())))
                .extracting(e -> e.get("type").asText()).containsExactly("PublicEvent", "CreateEvent");

        // A deleted fork takes its ForkEvent along; a deleted repository all of its events.
        repositories.delete("bob", "tools", BOB_ACTOR);
        assertThat(events(feeds.ofRepository(tools, ALICE, pageOf(1, 30), base())))
                .extracting(e -> e.get("type").asText()).containsExactly("CreateEvent");
        repositories.delete("alice", "tools", ALICE_ACTOR);
        assertThat(database.queryLong("SELECT count(*) FROM git.events WHERE repository_id = " + tools.id())).isZero();
    }

    @Test
    void feedsShowOnlyWhatTheViewerMayReadDecidedWhenRead() throws Exception {
        Repository open = repositories.create("alice", repo("open", null), ALICE_ACTOR);
        Repository secret = repositories.create("alice", repo("secret", Visibility.PRIVATE), ALICE_ACTOR);
        recorder.record(Topics.GIT_REPOSITORY_CREATED, 1, Instant.parse("2026-01-01T00:00:00Z"),
                Map.of("repository_id", open.id(), "actor", "alice"));
        recorder.record(Topics.GIT_REPOSITORY_CREATED, 2, Instant.parse("2026-01-01T00:00:01Z"),
                Map.of("repository_id", secret.id(), "actor", "alice"));
        subscriptions.set(open.id(), 3, true, false); // bob watches the public one

        Account alice = accounts.find("alice").orElseThrow();
        Account bob = accounts.find("bob").orElseThrow();
        assertThat(repos(feeds.byActor(alice, ALICE, false, pageOf(1, 30), base())))
                .containsExactly("alice/secret", "alice/open");
        assertThat(repos(feeds.byActor(alice, BOB, false, pageOf(1, 30), base()))).containsExactly("alice/open");
        assertThat(repos(feeds.byActor(alice, Principal.ANONYMOUS, false, pageOf(1, 30), base())))
                .containsExactly("alice/open");
        assertThat(repos(feeds.byActor(alice, ALICE, true, pageOf(1, 30), base()))).containsExactly("alice/open");
        assertThat(feeds.byActor(alice, BOB, false, pageOf(1, 30), base()).total()).isEqualTo(1);

        assertThat(repos(feeds.received(alice, ALICE, false, pageOf(1, 30), base())))
                .as("alice watches both, and sees her private one").containsExactly("alice/secret", "alice/open");
        assertThat(repos(feeds.received(alice, BOB, false, pageOf(1, 30), base())))
                .as("others see only the public ones").containsExactly("alice/open");
        assertThat(repos(feeds.received(bob, BOB, false, pageOf(1, 30), base()))).containsExactly("alice/open");
        assertThat(repos(feeds.publicEvents(ALICE, pageOf(1, 30), base()))).containsExactly("alice/open");

        EventsResource.OfRepository ofRepository = new EventsResource.OfRepository(feeds, access);
        assertThat(status(() -> ofRepository.list("alice", "secret", null, null, request(BOB), uri("x"))))
                .isEqualTo(404);
        assertThat(ofRepository.list("alice", "secret", null, null, request(ALICE), uri("x")).items()).hasSize(1);

        // Made private later: gone from everyone's feeds who may not read it, though bob still "watches" it.
        repositories.update("alice", "open", new RepositoryUpdate(null, null, null, null, Visibility.PRIVATE, null,
                null, null), ALICE_ACTOR);
        assertThat(repos(feeds.received(bob, BOB, false, pageOf(1, 30), base()))).isEmpty();
        assertThat(repos(feeds.byActor(alice, BOB, false, pageOf(1, 30), base()))).isEmpty();
        assertThat(repos(feeds.publicEvents(BOB, pageOf(1, 30), base()))).isEmpty();
        assertThat(status(() -> ofRepository.list("alice", "open", null, null, request(BOB), uri("x"))))
                .isEqualTo(404);
        assertThat(new EventsResource.ByUser(feeds, accounts, permissions)
                .list("alice", null, null, request(ALICE), uri("x")).total()).isEqualTo(2);
        assertThat(status(() -> new EventsResource.ByUser(feeds, accounts, permissions)
                .list("nobody", null, null, request(ALICE), uri("x")))).isEqualTo(404);
    }

    @Test
    void feedsArePagedNewestFirst() throws Exception {
        Repository open = repositories.create("alice", repo("open", null), ALICE_ACTOR);
        for (int i = 0; i < 5; i++) {
            recorder.record(Topics.GIT_REPOSITORY_VISIBILITY_CHANGED, 10 + i, Instant.now(),
                    Map.of("repository_id", open.id(), "actor", "alice", "from", "private", "to", "public"));
        }
        recorder.record(Topics.GIT_REPOSITORY_VISIBILITY_CHANGED, 99, Instant.now(),
                Map.of("repository_id", open.id(), "actor", "alice", "from", "public", "to", "private"));
        Page<Map<String, Object>> second = feeds.ofRepository(open, ALICE, pageOf(2, 2), base());
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.lastPage()).isEqualTo(3);
        List<Long> ids = events(second).stream().map(e -> Long.parseLong(e.get("id").asText())).toList();
        assertThat(ids).hasSize(2);
        assertThat(ids.get(0)).isGreaterThan(ids.get(1));
    }

    // ---- helpers

    private static NewRepository repo(String name, Visibility visibility) {
        return new NewRepository(name, null, null, visibility, false, null, null, null);
    }

    private static java.net.URI base() {
        return java.net.URI.create("http://codara.test/api/v3/");
    }

    private static io.codara.api.rest.PageRequest pageOf(int page, int perPage) {
        return new io.codara.api.rest.PageRequest(page, perPage);
    }

    private static Map<String, Object> update(String ref, String before, String after) {
        return Map.of("ref", ref, "before", before, "after", after);
    }

    @SafeVarargs
    private static Map<String, Object> properties(Repository repository, String pusher, Map<String, Object>... updates) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("repository_id", repository.id());
        props.put("repository", repository.fullName());
        props.put("pusher", pusher);
        props.put("ref_updates", List.of(updates));
        return props;
    }

    @SafeVarargs
    private Event pushEvent(Repository repository, String pusher, Map<String, Object>... updates) {
        Map<String, Object> props = properties(repository, pusher, updates);
        props.put(EventProperties.EVENT_ID, nextEventId++);
        props.put(EventProperties.OCCURRED_AT, "2026-01-02T03:04:05.678Z");
        return new Event(Topics.GIT_PUSH, props);
    }

    private static String commit(Git git, Path work, String file, String text, String message) throws Exception {
        Files.writeString(work.resolve(file), text, StandardCharsets.UTF_8);
        git.add().addFilepattern(file).call();
        PersonIdent who = new PersonIdent("Alice", "alice@example.com", Instant.now(), ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().name();
    }

    private static List<JsonNode> events(Page<Map<String, Object>> page) {
        List<JsonNode> out = new ArrayList<>();
        page.items().forEach(e -> out.add(JSON.valueToTree(e)));
        return out;
    }

    private static List<String> repos(Page<Map<String, Object>> page) {
        return events(page).stream().map(e -> e.at("/repo/name").asText()).toList();
    }

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value instanceof Response r ? r.getEntity() : value);
    }

    private static int status(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.status();
        }
        throw new AssertionError("expected a refusal");
    }
}
