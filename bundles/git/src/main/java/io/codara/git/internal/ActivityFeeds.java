package io.codara.git.internal;

import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The activity feeds, newest first, in GitHub's event JSON. Who may see an event is decided now, from the
 * repository as it is now: the feeds are narrowed to the repositories the viewer may read before they are paged,
 * so a repository made private drops out of every feed of those who may not read it.
 */
@Component(service = ActivityFeeds.class)
public final class ActivityFeeds {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "e.id, e.type, e.repository_id, e.subject_repository_id, e.actor_id,"
            + " e.actor_login, e.payload::text, e.created_at";

    private final Database database;
    private final Repositories repositories;
    private final RepositorySubscriptions subscriptions;
    private final RepositoryRoles roles;
    private final Accounts accounts;
    private final Permissions permissions;

    @Activate
    public ActivityFeeds(@Reference GitSchema schema, @Reference Database database,
            @Reference Repositories repositories, @Reference RepositorySubscriptions subscriptions,
            @Reference RepositoryRoles roles, @Reference Accounts accounts, @Reference Permissions permissions) {
        this.database = database;
        this.repositories = repositories;
        this.subscriptions = subscriptions;
        this.roles = roles;
        this.accounts = accounts;
        this.permissions = permissions;
    }

    /** The events of one repository, which the caller already may read. */
    Page<Map<String, Object>> ofRepository(Repository repository, Principal viewer, PageRequest page, URI base) {
        return page("e.repository_id = ?", new Object[] {repository.id()}, viewer, page, base);
    }

    /** The events of public repositories (GitHub's {@code /events}). */
    Page<Map<String, Object>> publicEvents(Principal viewer, PageRequest page, URI base) {
        return page("e.repository_id IN (SELECT id FROM git.repositories WHERE visibility = 'PUBLIC')", new Object[0],
                viewer, page, base);
    }

    /** What {@code user} did, in the repositories the viewer may read (only public ones when {@code publicOnly}). */
    Page<Map<String, Object>> byActor(Account user, Principal viewer, boolean publicOnly, PageRequest page, URI base) {
        List<Long> candidates = read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT repository_id FROM git.events"
                    + " WHERE actor_id = ?")) {
                s.setLong(1, user.id());
                return ids(s);
            }
        });
        Long[] readable = readable(candidates, viewer, publicOnly).toArray(Long[]::new);
        return page("e.actor_id = ? AND e.repository_id = ANY (?)", new Object[] {user.id(), readable}, viewer, page,
                base);
    }

    /**
     * What happened in the repositories {@code user} watches: only its public ones, unless the viewer is the user,
     * who sees all it may still read.
     */
    Page<Map<String, Object>> received(Account user, Principal viewer, boolean publicOnly, PageRequest page,
            URI base) {
        boolean self = !viewer.anonymous() && viewer.login().equalsIgnoreCase(user.login());
        Long[] watched = readable(subscriptions.watched(user.id()), viewer, publicOnly || !self).toArray(Long[]::new);
        return page("e.repository_id = ANY (?)", new Object[] {(Object) watched}, viewer, page, base);
    }

    private List<Long> readable(List<Long> ids, Principal viewer, boolean publicOnly) {
        List<Long> out = new ArrayList<>();
        for (long id : ids) {
            repositories.find(id).filter(r -> publicOnly ? r.visibility() == Visibility.PUBLIC : readable(viewer, r))
                    .ifPresent(r -> out.add(r.id()));
        }
        return out;
    }

    private boolean readable(Principal viewer, Repository repository) {
        return permissions.decide(viewer, RepositoryAuthority.READ, new ResourceRef("repository",
                repository.fullName())) == Decision.ALLOW;
    }

    /** A stored event, as read. */
    private record Stored(long id, String type, long repositoryId, Long subjectId, Long actorId, String actorLogin,
            String payload, java.time.Instant createdAt) {
    }

    private Page<Map<String, Object>> page(String where, Object[] args, Principal viewer, PageRequest page, URI base) {
        List<Stored> rows = new ArrayList<>();
        long total = read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM git.events e WHERE " + where
                    + " ORDER BY e.id DESC LIMIT ? OFFSET ?")) {
                int i = bind(c, s, args);
                s.setInt(i++, page.perPage());
                s.setLong(i, page.offset());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Stored(rs.getLong(1), rs.getString(2), rs.getLong(3),
                                rs.getObject(4, Long.class), rs.getObject(5, Long.class), rs.getString(6),
                                rs.getString(7), rs.getTimestamp(8).toInstant()));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM git.events e WHERE " + where)) {
                bind(c, s, args);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        String api = base.toString().endsWith("/") ? base.toString() : base + "/";
        Map<Long, Optional<Repository>> repos = new HashMap<>();
        Map<Long, Optional<Account>> actors = new HashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Stored row : rows) {
            Optional<Repository> repository = repos.computeIfAbsent(row.repositoryId(), repositories::find);
            if (repository.isEmpty()) {
                continue; // deleted since the page was read
            }
            Map<String, Object> payload = payload(row, repository.get(), viewer, api, repos);
            if (payload == null) {
                continue;
            }
            Optional<Account> actor = row.actorId() == null ? Optional.empty()
                    : actors.computeIfAbsent(row.actorId(), accounts::find);
            items.add(event(row, repository.get(), actor.map(Account::login).orElse(row.actorLogin()),
                    actor.map(Account::id).orElse(row.actorId()), payload, api));
        }
        return new Page<>(items, page, total);
    }

    private static int bind(Connection c, PreparedStatement s, Object[] args) throws SQLException {
        int i = 1;
        for (Object arg : args) {
            if (arg instanceof Long[] ids) {
                Array array = c.createArrayOf("bigint", ids);
                s.setArray(i++, array);
            } else {
                s.setObject(i++, arg);
            }
        }
        return i;
    }

    /** The payload as GitHub gives it, or {@code null} when the viewer may not see what it names (a private fork). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> payload(Stored row, Repository repository, Principal viewer, String api,
            Map<Long, Optional<Repository>> repos) {
        Map<String, Object> payload;
        try {
            payload = JSON.readValue(row.payload(), LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + row.id() + " has a payload that is not JSON", e);
        }
        if ("PushEvent".equals(row.type()) && payload.get("commits") instanceof List<?> commits) {
            for (Object commit : commits) {
                if (commit instanceof Map<?, ?> m && m.get("sha") instanceof String sha) {
                    ((Map<String, Object>) m).put("url", api + "repos/" + repository.fullName() + "/commits/" + sha);
                }
            }
        }
        if ("ForkEvent".equals(row.type())) {
            Optional<Repository> fork = row.subjectId() == null ? Optional.empty()
                    : repos.computeIfAbsent(row.subjectId(), repositories::find);
            Optional<Account> owner = fork.flatMap(f -> accounts.find(f.owner()));
            if (fork.isEmpty() || owner.isEmpty() || !readable(viewer, fork.get())) {
                return null;
            }
            payload.put("forkee", new RepositoryJson(URI.create(api)).of(fork.get(), owner.get(),
                    roles.role(viewer, fork.get())));
        }
        return payload;
    }

    private static Map<String, Object> event(Stored row, Repository repository, String login, Long actorId,
            Map<String, Object> payload, String api) {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("id", actorId);
        actor.put("login", login);
        actor.put("display_login", login);
        actor.put("gravatar_id", "");
        actor.put("url", api + "users/" + login);
        actor.put("avatar_url", api + "users/" + login + "/avatar");
        Map<String, Object> repo = new LinkedHashMap<>();
        repo.put("id", repository.id());
        repo.put("name", repository.fullName());
        repo.put("url", api + "repos/" + repository.fullName());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(row.id()));
        json.put("type", row.type());
        json.put("actor", actor);
        json.put("repo", repo);
        json.put("payload", payload);
        json.put("public", repository.visibility() == Visibility.PUBLIC);
        json.put("created_at", row.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
        return json;
    }

    private static List<Long> ids(PreparedStatement s) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        try (Connection c = database.dataSource().getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Database failure: " + e.getMessage(), e);
        }
    }
}
