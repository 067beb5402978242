package io.codara.git.internal;

import static io.codara.git.internal.BrowsingFixture.request;
import static io.codara.git.internal.BrowsingFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditLog;
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
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.storage.EventOutbox;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobState;
import io.codara.testing.EmbeddedDatabase;
import io.codara.api.rest.PagedObject;
import io.codara.api.rest.PageRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stars, clone traffic, main languages, trending and repository search over a real PostgreSQL and real
 * repositories; above all, that a private repository never shows in another user's stars, stargazers, trending
 * or search.
 */
class DiscoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ALICE = new Principal("alice", false, null);
    private static final Principal BOB = new Principal("bob", false, null);
    private static final Principal CAROL = new Principal("carol", false, null);
    private static final Actor ALICE_ACTOR = new Actor("alice", "10.0.0.1");
    private static final Actor BOB_ACTOR = new Actor("bob", "10.0.0.2");

    @TempDir
    Path root;

    private EmbeddedDatabase database;
    private GitDirectories directories;
    private PostgresRepositories repositories;
    private RepositoryRoles roles;
    private Accounts accounts;
    private Organizations organizations;
    private Permissions permissions;
    private RepositoryAccess access;
    private RepositoryStars stars;
    private CloneTraffic traffic;
    private Trending trending;

    @BeforeEach
    void setUp() {
        Instant now = Instant.now();
        accounts = mock(Accounts.class);
        when(accounts.find(anyString())).thenReturn(Optional.empty());
        for (Object[] u : new Object[][] {{1L, "alice"}, {3L, "bob"}, {5L, "carol"}}) {
            Account account = new Account((Long) u[0], (String) u[1], AccountType.USER, null, null, null, null, null,
                    null, false, null, null, null, now, now);
            when(accounts.find((String) u[1])).thenReturn(Optional.of(account));
            when(accounts.find((long) (Long) u[0])).thenReturn(Optional.of(account));
        }
        organizations = mock(Organizations.class);
        roles = new RepositoryRoles(accounts, organizations);
        database = EmbeddedDatabase.create("git");
        directories = new GitDirectories(root.resolve("mnt/repos"));
        repositories = new PostgresRepositories(new GitSchema(), database, directories, accounts, organizations,
                roles, mock(EventOutbox.class), mock(AuditLog.class));
        RepositoryAuthority authority = new RepositoryAuthority(repositories, roles);
        permissions = (principal, action, resource) -> switch (resource.type()) {
            case "repository" -> authority.decide(principal, action, resource.id());
            case "user" -> Decision.ALLOW;
            default -> Decision.NOT_FOUND;
        };
        access = new RepositoryAccess(repositories, permissions);
        stars = new RepositoryStars(new GitSchema(), database);
        traffic = new CloneTraffic(new GitSchema(), database);
        trending = new Trending(database, organizations, permissions, new Trending.Weights(4, 3, 1, 1));
    }

    // ---- stars

    @Test
    void onlyReadersStarAndSeeStarsAndAPrivateRepositoryLeavesOtherListsWhenItGoesPrivate() {
        Repository tools = repositories.create("alice", repo("tools", null), ALICE_ACTOR);
        repositories.create("alice", repo("secret", Visibility.PRIVATE), ALICE_ACTOR);
        StarResource.Starring starring = new StarResource.Starring(repositories, permissions, stars, accounts);

        assertThat(status(() -> starring.get("alice", "tools", request(BOB)))).as("not starred yet").isEqualTo(404);
        assertThat(starring.put("alice", "tools", request(BOB)).getStatus()).isEqualTo(204);
        assertThat(starring.put("alice", "tools", request(BOB)).getStatus()).as("starring twice is one star")
                .isEqualTo(204);
        assertThat(starring.get("alice", "tools", request(BOB)).getStatus()).isEqualTo(204);
        assertThat(starring.put("alice", "tools", request(ALICE)).getStatus()).isEqualTo(204);
        assertThat(starring.put("alice", "secret", request(ALICE)).getStatus()).isEqualTo(204);
        assertThat(status(() -> starring.put("alice", "secret", request(BOB))))
                .as("a private repository is no one else's to star").isEqualTo(404);
        assertThat(status(() -> starring.get("alice", "secret", request(BOB)))).isEqualTo(404);
        assertThat(status(() -> starring.put("alice", "tools", request(Principal.ANONYMOUS)))).isEqualTo(401);
        assertThat(status(() -> starring.put("alice", "nothing", request(BOB)))).isEqualTo(404);

        RepositoryResource resource = new RepositoryResource(repositories, roles, accounts, access);
        JsonNode json = json(resource.get("alice", "tools", request(BOB), uri("repos/alice/tools")));
        assertThat(json.get("stargazers_count").asInt()).isEqualTo(2);
        assertThat(json.get("watchers_count").asInt()).as("GitHub's legacy name for the stars").isEqualTo(2);
        assertThat(json.get("watchers").asInt()).isEqualTo(2);

        StarResource.Stargazers stargazers = new StarResource.Stargazers(access, stars, accounts);
        assertThat(stargazers.list("alice", "tools", null, null, request(Principal.ANONYMOUS), uri("x")).items())
                .extracting(u -> u.get("login")).as("earliest first").containsExactly("bob", "alice");
        Page<Map<String, Object>> withDates = stargazers.list("alice", "tools", null, null,
                request(BOB, StarResource.STAR_JSON), uri("x"));
        JsonNode first = JSON.valueToTree(withDates.items().get(0));
        assertThat(first.get("starred_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(first.at("/user/login").asText()).isEqualTo("bob");
        assertThat(status(() -> stargazers.list("alice", "secret", null, null, request(BOB), uri("x"))))
                .isEqualTo(404);
        assertThat(stargazers.list("alice", "secret", null, null, request(ALICE), uri("x")).items())
                .extracting(u -> u.get("login")).containsExactly("alice");

        StarResource.Mine mine = new StarResource.Mine(stars, roles, accounts, permissions);
        StarResource.OfUser ofUser = new StarResource.OfUser(stars, roles, accounts, permissions);
        assertThat(names(mine.list(null, null, null, null, request(ALICE), uri("x")))).as("most recent first")
                .containsExactly("alice/secret", "alice/tools");
        assertThat(names(mine.list(null, "asc", null, null, request(ALICE), uri("x"))))
                .containsExactly("alice/tools", "alice/secret");
        assertThat(names(ofUser.list("alice", null, null, null, null, request(BOB), uri("x"))))
                .as("alice's private star is hers to see").containsExactly("alice/tools");
        assertThat(names(ofUser.list("alice", null, null, null, null, request(Principal.ANONYMOUS), uri("x"))))
                .containsExactly("alice/tools");
        assertThat(names(ofUser.list("alice", null, null, null, null, request(ALICE), uri("x"))))
                .containsExactly("alice/secret", "alice/tools");
        JsonNode starJson = JSON.valueToTree(mine.list(null, null, null, null, request(BOB, StarResource.STAR_JSON),
                uri("x")).items());
        assertThat(starJson.at("/0/repo/full_name").asText()).isEqualTo("alice/tools");
        assertThat(starJson.at("/0/starred_at").isTextual()).isTrue();
        assertThat(status(() -> mine.list("stars", null, null, null, request(ALICE), uri("x")))).isEqualTo(422);

        // alice/tools goes private: bob's star stays (it counts, and comes back if it goes public again) but he no
        // longer sees it anywhere.
        repositories.update("alice", "tools", new RepositoryUpdate(null, null, null, null, Visibility.PRIVATE, null,
                null, null), ALICE_ACTOR);
        assertThat(names(mine.list(null, null, null, null, request(BOB), uri("x")))).isEmpty();
        assertThat(names(ofUser.list("bob", null, null, null, null, request(ALICE), uri("x"))))
                .as("the owner still reads it").containsExactly("alice/tools");
        assertThat(names(ofUser.list("bob", null, null, null, null, request(CAROL), uri("x")))).isEmpty();
        assertThat(status(() -> starring.get("alice", "tools", request(BOB)))).isEqualTo(404);
        assertThat(status(() -> stargazers.list("alice", "tools", null, null, request(BOB), uri("x"))))
                .isEqualTo(404);

        assertThat(starring.delete("alice", "tools", request(ALICE)).getStatus()).isEqualTo(204);
        assertThat(starring.delete("alice", "tools", request(ALICE)).getStatus()).as("unstarring twice is fine")
                .isEqualTo(204);
        assertThat(repositories.find(tools.id()).orElseThrow().stargazersCount()).isEqualTo(1);
        repositories.delete("alice", "tools", ALICE_ACTOR);
        assertThat(stars.starredBy(3)).as("a deleted repository takes its stars along").isEmpty();
    }

    // ---- clone traffic

    @Test
    void cloneTrafficIsForThoseWhoMayPushAndCountsDaysAndWeeks() throws Exception {
        Repository tools = repositories.create("alice", repo("tools", null), ALICE_ACTOR);
        repositories.create("alice", repo("secret", Visibility.PRIVATE), ALICE_ACTOR);
        Instant now = Instant.now();
        traffic.record(tools.id(), "user:bob", now);
        traffic.record(tools.id(), "user:bob", now);
        traffic.record(tools.id(), "address:10.1.1.1", now.minus(Duration.ofDays(1)));
        traffic.record(tools.id(), "user:bob", now.minus(Duration.ofDays(13)));
        traffic.record(tools.id(), "user:carol", now.minus(Duration.ofDays(14))); // outside the fourteen days

        TrafficResource resource = new TrafficResource(access, traffic);
        JsonNode daily = JSON.valueToTree(resource.clones("alice", "tools", null, request(ALICE), uri("x")));
        assertThat(daily.get("count").asLong()).isEqualTo(4);
        assertThat(daily.get("uniques").asLong()).isEqualTo(2);
        assertThat(daily.get("clones")).hasSize(14);
        JsonNode today = daily.get("clones").get(13);
        assertThat(today.get("count").asLong()).isEqualTo(2);
        assertThat(today.get("uniques").asLong()).isEqualTo(1);
        assertThat(today.get("timestamp").asText()).endsWith("T00:00:00Z");
        assertThat(daily.get("clones").get(0).get("count").asLong()).isEqualTo(1);

        JsonNode weekly = JSON.valueToTree(resource.clones("alice", "tools", "week", request(ALICE), uri("x")));
        assertThat(weekly.get("count").asLong()).isEqualTo(4);
        assertThat(weekly.get("clones").size()).isBetween(2, 3);
        long summed = 0;
        for (JsonNode week : weekly.get("clones")) {
            summed += week.get("count").asLong();
        }
        assertThat(summed).isEqualTo(4);

        assertThat(status(() -> resource.clones("alice", "tools", null, request(BOB), uri("x"))))
                .as("readers without push access").isEqualTo(403);
        assertThat(status(() -> resource.clones("alice", "secret", null, request(BOB), uri("x")))).isEqualTo(404);
        assertThat(status(() -> resource.clones("alice", "tools", "month", request(ALICE), uri("x"))))
                .isEqualTo(422);
    }

    // ---- main language

    @Test
    void theMainLanguageIsTheLargestOnTheDefaultBranchAfterAPush() throws Exception {
        Repository tools = repositories.create("alice", repo("tools", null), ALICE_ACTOR);
        MainLanguages main = new MainLanguages(new GitSchema(), database, mock(io.codara.api.storage.JobQueue.class),
                repositories, new RepositoryLanguages(directories));
        assertThat(main.update(tools.id())).as("an empty repository has none").isNull();
        push(tools, Map.of("src/Main.java", "class Main { public static void main(String[] a) {} }\n".repeat(20),
                "tool.py", "print('hi')\n"));
        main.handle(new Job(1, MainLanguages.QUEUE, "{\"repository_id\":" + tools.id() + "}", JobState.RUNNING, 1, 5,
                Instant.now(), null, Instant.now()));
        assertThat(repositories.find(tools.id()).orElseThrow().language()).isEqualTo("Java");
        JsonNode json = json(new RepositoryResource(repositories, roles, accounts, access).get("alice", "tools",
                request(BOB), uri("repos/alice/tools")));
        assertThat(json.get("language").asText()).isEqualTo("Java");
    }

    // ---- trending

    @Test
    void trendingRanksRecentActivityOfWhatTheViewerMayReadAndSaysWhy() throws Exception {
        Repository rocket = repositories.create("alice", repo("rocket", null), ALICE_ACTOR);
        Repository garden = repositories.create("bob", repo("garden", null), BOB_ACTOR);
        Repository secret = repositories.create("alice", repo("secret", Visibility.PRIVATE), ALICE_ACTOR);
        repositories.create("bob", repo("quiet", null), BOB_ACTOR);
        language(rocket, "Java");
        language(garden, "Python");
        language(secret, "Java");
        repositories.update("bob", "garden", new RepositoryUpdate(null, null, null, List.of("plants"), null, null,
                null, null), BOB_ACTOR);

        // rocket: two stars and a fork today; garden: one star, pushes and clones; an old star of garden's
        // counts for the month only; secret: the most of everything, but it is alice's alone.
        stars.star(rocket.id(), 3);
        stars.star(rocket.id(), 5);
        repositories.fork("alice", "rocket", new NewFork(null, null, false), BOB_ACTOR);
        stars.star(garden.id(), 1);
        stars.star(garden.id(), 5);
        database.query("UPDATE git.stars SET starred_at = now() - interval '20 days' WHERE repository_id = ?"
                + " AND account_id = 5 RETURNING 1", garden.id());
        pushEvent(garden, 1);
        pushEvent(garden, 2);
        traffic.record(garden.id(), "user:carol", Instant.now());
        for (int i = 0; i < 5; i++) {
            stars.star(secret.id(), 100 + i);
            pushEvent(secret, 10 + i);
            traffic.record(secret.id(), "address:10.0.0." + i, Instant.now());
        }

        List<Trending.Trend> forBob = trend(Trending.Window.DAILY, null, null, BOB);
        assertThat(forBob).extracting(t -> t.repository().fullName()).as("a private repository never trends for"
                + " others; a quiet one not at all").containsExactly("alice/rocket", "bob/garden");
        Trending.Trend top = forBob.get(0);
        assertThat(top.stars()).isEqualTo(2);
        assertThat(top.forks()).isEqualTo(1);
        assertThat(top.score()).isCloseTo(4 * Math.log(3) + 3 * Math.log(2), org.assertj.core.data.Offset.offset(1e-9));
        Trending.Trend second = forBob.get(1);
        assertThat(second.stars()).as("the old star is outside the day").isEqualTo(1);
        assertThat(second.pushes()).isEqualTo(2);
        assertThat(second.clones()).isEqualTo(1);
        assertThat(trend(Trending.Window.MONTHLY, null, null, BOB).get(1).stars()).isEqualTo(2);
        assertThat(trend(Trending.Window.DAILY, null, null, Principal.ANONYMOUS))
                .extracting(t -> t.repository().fullName()).containsExactly("alice/rocket", "bob/garden");
        assertThat(trend(Trending.Window.DAILY, null, null, ALICE)).extracting(t -> t.repository().fullName())
                .containsExactly("alice/secret", "alice/rocket", "bob/garden");
        assertThat(trend(Trending.Window.WEEKLY, "python", null, BOB)).extracting(t -> t.repository().fullName())
                .containsExactly("bob/garden");
        assertThat(trend(Trending.Window.WEEKLY, "Java", null, BOB)).extracting(t -> t.repository().fullName())
                .containsExactly("alice/rocket");
        assertThat(trend(Trending.Window.WEEKLY, null, "plants", BOB)).extracting(t -> t.repository().fullName())
                .containsExactly("bob/garden");

        ExploreResource explore = new ExploreResource(trending, roles, accounts);
        Response response = explore.get("daily", null, null, 1, 1, request(BOB), uri("explore/repositories?since=daily"));
        PagedObject paged = (PagedObject) response.getEntity();
        JsonNode body = JSON.valueToTree(paged.body());
        assertThat(body.get("total_count").asLong()).isEqualTo(2);
        assertThat(body.get("since").asText()).isEqualTo("daily");
        assertThat(body.at("/weights/stars").asDouble()).isEqualTo(4.0);
        assertThat(body.at("/items/0/full_name").asText()).isEqualTo("alice/rocket");
        assertThat(body.at("/items/0/trending/stars/count").asLong()).isEqualTo(2);
        assertThat(body.at("/items/0/trending/stars/score").asDouble()).isEqualTo(4.394);
        assertThat(body.at("/items/0/trending/forks/count").asLong()).isEqualTo(1);
        assertThat(body.at("/items/0/trending/clones/count").asLong()).isZero();
        assertThat(body.at("/items/0/language").asText()).isEqualTo("Java");
        assertThat(paged.request()).isEqualTo(PageRequest.of(1, 1));
        assertThat(paged.lastPage()).as("a Link to page 2").isEqualTo(2);
        assertThat(status(() -> explore.get("yearly", null, null, null, null, request(BOB), uri("x"))))
                .isEqualTo(422);
    }

    // ---- repository search by stars and language

    @Test
    void repositorySearchSortsByStarsAndFiltersByStarsAndLanguage() throws Exception {
        Repository rocket = repositories.create("alice", repo("rocket-one", null), ALICE_ACTOR);
        Repository other = repositories.create("alice", repo("rocket-two", null), ALICE_ACTOR);
        Repository secret = repositories.create("alice", repo("rocket-secret", Visibility.PRIVATE), ALICE_ACTOR);
        language(rocket, "Java");
        language(other, "Go");
        language(secret, "Java");
        stars.star(other.id(), 1);
        stars.star(other.id(), 3);
        stars.star(rocket.id(), 3);
        for (int i = 0; i < 5; i++) {
            stars.star(secret.id(), 100 + i);
        }
        RepositorySearchResource search = new RepositorySearchResource(new RepositorySearch(new GitSchema(), database,
                repositories, organizations, permissions), roles, accounts);
        java.util.function.BiFunction<Principal, String[], List<String>> found = (who, q) -> {
            JsonNode body = JSON.valueToTree(search.get(q[0], q.length > 1 ? q[1] : null, null, null, null,
                    request(who), uri("search/repositories")).getEntity() instanceof PagedObject p ? p.body() : null);
            List<String> out = new ArrayList<>();
            body.get("items").forEach(i -> out.add(i.get("full_name").asText() + ":" + i.get("stargazers_count")));
            return out;
        };
        assertThat(found.apply(BOB, new String[] {"rocket", "stars"})).as("most stars first; never the private one")
                .containsExactly("alice/rocket-two:2", "alice/rocket-one:1");
        assertThat(found.apply(ALICE, new String[] {"rocket", "stars"}))
                .containsExactly("alice/rocket-secret:5", "alice/rocket-two:2", "alice/rocket-one:1");
        assertThat(found.apply(BOB, new String[] {"rocket stars:>1"})).containsExactly("alice/rocket-two:2");
        assertThat(found.apply(BOB, new String[] {"stars:1..5"})).hasSize(2);
        assertThat(found.apply(BOB, new String[] {"stars:>=5"})).as("only the private one has five").isEmpty();
        assertThat(found.apply(BOB, new String[] {"rocket language:java"})).containsExactly("alice/rocket-one:1");
        assertThat(found.apply(ALICE, new String[] {"language:Java", "stars"}))
                .containsExactly("alice/rocket-secret:5", "alice/rocket-one:1");
        assertThat(found.apply(BOB, new String[] {"language:java language:go", "stars"})).hasSize(2);
        assertThat(status(() -> search.get("stars:lots", null, null, null, null, request(BOB), uri("x"))))
                .isEqualTo(422);
    }

    // ---- helpers

    private List<Trending.Trend> trend(Trending.Window window, String language, String topic, Principal viewer) {
        return trending.trending(window, language, topic, viewer, io.codara.api.rest.PageRequest.of(1, 100),
                Instant.now()).items();
    }

    private void language(Repository repository, String language) throws Exception {
        database.query("UPDATE git.repositories SET language = ? WHERE id = ? RETURNING 1", language, repository.id());
    }

    /** A PushEvent as the activity recorder writes it. */
    private void pushEvent(Repository repository, long sourceId) throws Exception {
        database.query("INSERT INTO git.events (source_id, kind, type, repository_id, actor_login, payload, created_at)"
                + " VALUES (?, 'push:refs/heads/main', 'PushEvent', ?, 'bob', '{}'::jsonb, ?) RETURNING 1",
                sourceId, repository.id(), Timestamp.from(Instant.now()));
    }

    private void push(Repository repository, Map<String, String> files) throws Exception {
        Path work = Files.createTempDirectory(root, "work");
        try (Git git = Git.cloneRepository().setURI(directories.directory(repository.id()).toUri().toString())
                .setDirectory(work.toFile()).call()) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = work.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            git.add().addFilepattern(".").call();
            PersonIdent alice = new PersonIdent("Alice", "alice@example.com");
            git.commit().setMessage("Code").setAuthor(alice).setCommitter(alice).call();
            git.push().setRemote("origin").setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main"))
                    .call();
        }
    }

    private static NewRepository repo(String name, Visibility visibility) {
        return new NewRepository(name, null, null, visibility, false, null, null, null);
    }

    private static List<String> names(Page<Map<String, Object>> page) {
        return page.items().stream().map(r -> (String) r.get("full_name")).toList();
    }

    private static JsonNode json(Object entity) {
        return JSON.valueToTree(entity instanceof Response r ? r.getEntity() : entity);
    }

    private static int status(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.status();
        }
        throw new AssertionError("expected an ApiException");
    }
}
