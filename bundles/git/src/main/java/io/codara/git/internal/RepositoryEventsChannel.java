package io.codara.git.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.EventProperties;
import io.codara.api.event.Topics;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.live.LiveChannel;
import io.codara.api.live.LiveRequest;
import io.codara.api.live.LiveSink;
import io.codara.api.live.LiveSubscription;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v3/ws/repos/{owner}/{repo}/events}: a repository's activity as it happens (pushes, commit statuses,
 * renames, transfers, visibility and default branch changes, deletion) for those who may read it, one JSON message
 * per event: {@code {"event":"push","repository":"owner/name","id":..,"created_at":..,"payload":{..}}}. Only the
 * properties listed per topic are sent, never whatever else an event carries. Read access is checked again for
 * every event: a reader who lost it (the repository went private, say) is disconnected with 1008.
 */
@Component(service = {LiveChannel.class, EventHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=codara/git/*", EventConstants.EVENT_TOPIC + "=codara/ci/*"})
public final class RepositoryEventsChannel implements LiveChannel, EventHandler {

    /** The properties each streamed topic may show to a repository's readers. */
    static final Map<String, List<String>> FIELDS = Map.of(
            Topics.GIT_PUSH, List.of("pusher", "ref_updates"),
            Topics.GIT_DEFAULT_BRANCH_CHANGED, List.of("actor", "from", "to"),
            Topics.GIT_REPOSITORY_RENAMED, List.of("actor", "from", "to"),
            Topics.GIT_REPOSITORY_TRANSFERRED, List.of("actor", "from", "to"),
            Topics.GIT_REPOSITORY_VISIBILITY_CHANGED, List.of("actor", "from", "to"),
            Topics.GIT_REPOSITORY_DELETED, List.of("actor"),
            Topics.CI_STATUS, List.of("sha", "context", "state", "status_id"));

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryEventsChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Repositories repositories;
    private final Permissions permissions;
    private final Map<Long, Set<Watcher>> watchers = new ConcurrentHashMap<>();

    private record Watcher(Principal principal, LiveSink sink) {
    }

    @Activate
    public RepositoryEventsChannel(@Reference Repositories repositories, @Reference Permissions permissions) {
        this.repositories = repositories;
        this.permissions = permissions;
    }

    @Override
    public String path() {
        return "repos/{owner}/{repo}/events";
    }

    @Override
    public LiveSubscription open(LiveRequest request, LiveSink sink) {
        Repository repository = repositories.resolve(request.pathParameter("owner"), request.pathParameter("repo"))
                .orElseThrow(ApiException::notFound);
        permissions.require(request.principal(), RepositoryAuthority.READ, reference(repository));
        Watcher watcher = new Watcher(request.principal(), sink);
        Set<Watcher> set = watchers.computeIfAbsent(repository.id(), id -> ConcurrentHashMap.newKeySet());
        set.add(watcher);
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("event", "subscribed");
        hello.put("repository", repository.fullName());
        sink.send(json(hello));
        return () -> watchers.computeIfPresent(repository.id(), (id, current) -> {
            current.remove(watcher);
            return current.isEmpty() ? null : current;
        });
    }

    @Override
    public void handleEvent(Event event) {
        List<String> fields = FIELDS.get(event.getTopic());
        if (fields == null || !(event.getProperty("repository_id") instanceof Number id)) {
            return;
        }
        Set<Watcher> set = watchers.get(id.longValue());
        if (set == null || set.isEmpty()) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        for (String field : fields) {
            Object value = event.getProperty(field);
            if (value != null) {
                payload.put(field, value);
            }
        }
        Optional<Repository> now = repositories.find(id.longValue());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("event", event.getTopic().substring(event.getTopic().lastIndexOf('/') + 1));
        message.put("repository", now.map(Repository::fullName).orElse(String.valueOf(event.getProperty("repository"))));
        message.put("id", event.getProperty(EventProperties.EVENT_ID));
        message.put("created_at", event.getProperty(EventProperties.OCCURRED_AT));
        message.put("payload", payload);
        String text = json(message);
        for (Watcher watcher : set) {
            if (now.isPresent() && permissions.decide(watcher.principal(), RepositoryAuthority.READ, reference(now.get())) != Decision.ALLOW) {
                watcher.sink().close(LiveSink.POLICY_VIOLATION, "You may no longer read this repository");
                continue;
            }
            watcher.sink().send(text);
            if (now.isEmpty()) {
                watcher.sink().close(LiveSink.NORMAL, "The repository was deleted");
            }
        }
    }

    private static ResourceRef reference(Repository repository) {
        return new ResourceRef("repository", repository.fullName());
    }

    private static String json(Map<String, Object> message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            LOG.warn("Could not write a live event as JSON", e);
            throw new IllegalStateException(e);
        }
    }
}
