package io.codara.git.internal;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

import io.codara.api.event.EventProperties;
import io.codara.api.event.Topics;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.storage.Database;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.spi.JobHandler;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records GitHub's activity events from the outbox: a push gives a PushEvent per branch it moved, a CreateEvent per
 * branch or tag it created and a DeleteEvent per one it deleted; a new repository a CreateEvent, a fork a ForkEvent
 * in its parent; a repository made public a PublicEvent. EventAdmin's delivery only queues the outbox event; the job
 * reads the history and writes the rows, keyed by outbox id and kind, so a re-delivered event records nothing twice.
 */
@Component(service = {ActivityRecorder.class, EventHandler.class, JobHandler.class}, property = {
        EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH,
        EventConstants.EVENT_TOPIC + "=" + Topics.GIT_REPOSITORY_CREATED,
        EventConstants.EVENT_TOPIC + "=" + Topics.GIT_REPOSITORY_VISIBILITY_CHANGED,
        JobHandler.QUEUE + "=" + ActivityRecorder.QUEUE})
public final class ActivityRecorder implements EventHandler, JobHandler {

    static final String QUEUE = "git.activity";
    /** GitHub's Events API lists at most this many commits of a push. */
    static final int MAX_LISTED_COMMITS = 20;
    /** Commits of one push counted for {@code size} and {@code distinct_size}; a larger push says this many. */
    static final int MAX_COUNTED_COMMITS = 2048;
    private static final int MAX_MESSAGE = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ActivityRecorder.class);
    /** The properties a job needs, of those the outbox events carry. */
    private static final List<String> KEPT = List.of("repository_id", "pusher", "actor", "ref_updates", "fork_of",
            "template", "from", "to");

    private final Database database;
    private final JobQueue jobs;
    private final GitDirectories directories;
    private final Repositories repositories;
    private final Accounts accounts;

    @Activate
    public ActivityRecorder(@Reference GitSchema schema, @Reference Database database, @Reference JobQueue jobs,
            @Reference GitDirectories directories, @Reference Repositories repositories,
            @Reference Accounts accounts) {
        this.database = database;
        this.jobs = jobs;
        this.directories = directories;
        this.repositories = repositories;
        this.accounts = accounts;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty(EventProperties.EVENT_ID) instanceof Number id)
                || !(event.getProperty("repository_id") instanceof Number)) {
            return; // not from the outbox: nothing to key it by
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String key : KEPT) {
            if (event.getProperty(key) != null) {
                properties.put(key, event.getProperty(key));
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("topic", event.getTopic());
        payload.put("source_id", id.longValue());
        payload.put("occurred_at", event.getProperty(EventProperties.OCCURRED_AT));
        payload.put("properties", properties);
        try {
            jobs.enqueue(QUEUE, JSON.writeValueAsString(payload), JobOptions.DEFAULT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox event " + id + " is not JSON", e);
        }
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode node = JSON.readTree(job.payload());
        if (!node.path("source_id").canConvertToLong() || !node.path("properties").isObject()) {
            throw new IllegalArgumentException("not an activity job: " + job.payload());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = JSON.convertValue(node.path("properties"), Map.class);
        int recorded = record(node.path("topic").asText(), node.path("source_id").asLong(),
                instant(node.path("occurred_at").asText(null)), properties);
        LOG.debug("Recorded {} activity events of outbox event {}", recorded, node.path("source_id").asLong());
    }

    private static Instant instant(String value) {
        try {
            return value == null ? Instant.now() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    /** One event row before it is written. */
    private record Row(String kind, String type, long repositoryId, Long subjectId, Map<String, Object> payload) {
    }

    /** Records the activity events of one outbox event; answers how many rows were new. */
    int record(String topic, long sourceId, Instant at, Map<String, ?> properties) throws IOException, SQLException {
        if (!(properties.get("repository_id") instanceof Number id)) {
            return 0;
        }
        Optional<Repository> found = repositories.find(id.longValue());
        if (found.isEmpty()) {
            return 0; // deleted meanwhile: its events would go with it anyway
        }
        Repository repository = found.get();
        String actor;
        List<Row> rows = new ArrayList<>();
        if (Topics.GIT_PUSH.equals(topic)) {
            actor = string(properties.get("pusher"));
            if (properties.get("ref_updates") instanceof List<?> updates) {
                rows.addAll(push(repository, sourceId, updates));
            }
        } else if (Topics.GIT_REPOSITORY_CREATED.equals(topic)) {
            actor = string(properties.get("actor"));
            if (properties.get("fork_of") != null && repository.parentId() != null) {
                rows.add(new Row("fork", "ForkEvent", repository.parentId(), repository.id(), Map.of()));
            } else {
                rows.add(new Row("create", "CreateEvent", repository.id(), null,
                        create(repository, null, "repository")));
            }
        } else if (Topics.GIT_REPOSITORY_VISIBILITY_CHANGED.equals(topic)) {
            actor = string(properties.get("actor"));
            if ("public".equals(properties.get("to"))) {
                rows.add(new Row("public", "PublicEvent", repository.id(), null, Map.of()));
            }
        } else {
            return 0;
        }
        if (rows.isEmpty() || actor == null) {
            return 0;
        }
        Long actorId = accounts.find(actor).map(Account::id).orElse(null);
        return database.inTransaction(c -> {
            int inserted = 0;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO git.events (source_id, kind, type, repository_id,"
                    + " subject_repository_id, actor_id, actor_login, payload, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (source_id, kind) DO NOTHING")) {
                for (Row row : rows) {
                    s.setLong(1, sourceId);
                    s.setString(2, row.kind());
                    s.setString(3, row.type());
                    s.setLong(4, row.repositoryId());
                    s.setObject(5, row.subjectId());
                    s.setObject(6, actorId);
                    s.setString(7, actor);
                    s.setString(8, JSON.writeValueAsString(row.payload()));
                    s.setTimestamp(9, Timestamp.from(at));
                    inserted += s.executeUpdate();
                }
            } catch (JsonProcessingException e) {
                throw new SQLException("An event payload is not JSON", e);
            }
            return inserted;
        });
    }

    private static String string(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private static Map<String, Object> create(Repository repository, String ref, String refType) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ref", ref);
        payload.put("ref_type", refType);
        payload.put("master_branch", repository.defaultBranch());
        payload.put("description", repository.description());
        payload.put("pusher_type", "user");
        return payload;
    }

    /** The events of one push: per ref, created, deleted or moved. */
    private List<Row> push(Repository repository, long sourceId, List<?> updates) throws IOException {
        List<Row> rows = new ArrayList<>();
        Set<String> pushed = new HashSet<>();
        // What the repository had before the push, as far as it still has it: the refs the push did not touch and
        // the old values of those it moved. A commit reachable from there is no new commit of the push.
        List<ObjectId> baseline = new ArrayList<>();
        for (Object u : updates) {
            if (u instanceof Map<?, ?> update && update.get("ref") instanceof String ref) {
                pushed.add(ref);
                if (update.get("before") instanceof String before && ObjectId.isId(before)
                        && !ObjectId.fromString(before).equals(ObjectId.zeroId())) {
                    baseline.add(ObjectId.fromString(before));
                }
            }
        }
        try (org.eclipse.jgit.lib.Repository git = directories.open(repository.id())) {
            for (Ref other : git.getRefDatabase().getRefs()) {
                // HEAD is main by another name: a symbolic ref counts as the ref it points at.
                if (other.getObjectId() != null && !pushed.contains(other.getLeaf().getName())) {
                    baseline.add(other.getObjectId());
                }
            }
            for (Object u : updates) {
                if (!(u instanceof Map<?, ?> update) || !(update.get("ref") instanceof String ref)
                        || !(update.get("before") instanceof String before) || !ObjectId.isId(before)
                        || !(update.get("after") instanceof String after) || !ObjectId.isId(after)) {
                    continue;
                }
                boolean branch = ref.startsWith(Constants.R_HEADS);
                if (!branch && !ref.startsWith(Constants.R_TAGS)) {
                    continue; // notes, pull request refs and the like are no activity on GitHub either
                }
                String name = ref.substring((branch ? Constants.R_HEADS : Constants.R_TAGS).length());
                String type = branch ? "branch" : "tag";
                ObjectId zero = ObjectId.zeroId();
                boolean created = ObjectId.fromString(before).equals(zero);
                boolean deleted = ObjectId.fromString(after).equals(zero);
                if (deleted) {
                    if (!created) {
                        Map<String, Object> payload = new LinkedHashMap<>();
                        payload.put("ref", name);
                        payload.put("ref_type", type);
                        payload.put("pusher_type", "user");
                        rows.add(new Row("delete:" + ref, "DeleteEvent", repository.id(), null, payload));
                    }
                    continue;
                }
                if (created) {
                    rows.add(new Row("create:" + ref, "CreateEvent", repository.id(), null,
                            create(repository, name, type)));
                }
                if (branch) {
                    Map<String, Object> payload = pushPayload(git, repository, sourceId, ref, before, after, baseline);
                    if (!created || ((Number) payload.get("size")).intValue() > 0) {
                        rows.add(new Row("push:" + ref, "PushEvent", repository.id(), null, payload));
                    }
                }
            }
        }
        return rows;
    }

    /**
     * GitHub's PushEvent payload: the commits between {@code before} and {@code after} (for a new branch, those not
     * in the {@code baseline}), the newest {@value #MAX_LISTED_COMMITS} listed oldest first; {@code distinct} when
     * a commit is new to the repository (not in the baseline).
     */
    private static Map<String, Object> pushPayload(org.eclipse.jgit.lib.Repository git, Repository repository,
            long sourceId, String ref, String before, String after, List<ObjectId> baseline) throws IOException {
        ObjectId start = ObjectId.fromString(after);
        ObjectId old = ObjectId.fromString(before);
        List<RevCommit> listed = new ArrayList<>();
        int size;
        Set<ObjectId> distinct = new HashSet<>();
        int distinctSize;
        try (RevWalk walk = new RevWalk(git)) {
            size = walk(walk, start, old.equals(ObjectId.zeroId()) ? baseline : List.of(old), listed, null);
        }
        try (RevWalk walk = new RevWalk(git)) {
            distinctSize = walk(walk, start, baseline, null, distinct);
        }
        Collections.reverse(listed);
        List<Map<String, Object>> commits = new ArrayList<>();
        for (RevCommit c : listed) {
            Map<String, Object> author = new LinkedHashMap<>();
            author.put("email", c.getAuthorIdent().getEmailAddress());
            author.put("name", c.getAuthorIdent().getName());
            Map<String, Object> commit = new LinkedHashMap<>();
            commit.put("sha", c.name());
            commit.put("author", author);
            String message = c.getFullMessage().stripTrailing();
            commit.put("message", message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
            commit.put("distinct", distinct.contains(c.getId()));
            commits.add(commit);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("repository_id", repository.id());
        payload.put("push_id", sourceId);
        payload.put("size", size);
        payload.put("distinct_size", distinctSize);
        payload.put("ref", ref);
        payload.put("head", after);
        payload.put("before", before);
        payload.put("commits", commits);
        return payload;
    }

    /** Walks from {@code start} excluding {@code excluded}; collects the first commits or the ids; answers the count. */
    private static int walk(RevWalk walk, ObjectId start, List<ObjectId> excluded, List<RevCommit> first,
            Set<ObjectId> ids) throws IOException {
        RevObject tip = peel(walk, start);
        if (!(tip instanceof RevCommit commit)) {
            return 0;
        }
        walk.markStart(commit);
        for (ObjectId id : excluded) {
            if (peel(walk, id) instanceof RevCommit c) {
                walk.markUninteresting(c);
            }
        }
        int count = 0;
        for (RevCommit c = walk.next(); c != null && count < MAX_COUNTED_COMMITS; c = walk.next()) {
            count++;
            if (first != null && first.size() < MAX_LISTED_COMMITS) {
                first.add(c);
            }
            if (ids != null) {
                ids.add(c.copy());
            }
        }
        return count;
    }

    private static RevObject peel(RevWalk walk, ObjectId id) throws IOException {
        try {
            return Revisions.peel(walk, walk.parseAny(id));
        } catch (MissingObjectException gone) {
            return null; // a before that gc removed, or an after a later push replaced
        }
    }
}
