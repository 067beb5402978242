package io.codara.review.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.Topics;
import io.codara.api.storage.Job;
import io.codara.api.storage.spi.JobHandler;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Keeps open pull requests in step with pushes: a push to a head or base branch moves the pull request's commits
 * (publishing synchronize for a head) and queues its mergeability, which the job queue computes here; a deleted
 * repository takes its pull requests with it and closes those opened from it.
 */
@Component(service = {EventHandler.class, JobHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH,
            EventConstants.EVENT_TOPIC + "=" + Topics.GIT_REPOSITORY_DELETED,
            JobHandler.QUEUE + "=" + PostgresPullRequests.QUEUE})
public final class PushFollower implements EventHandler, JobHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PostgresPullRequests pulls;

    @Activate
    public PushFollower(@Reference PostgresPullRequests pulls) {
        this.pulls = pulls;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty("repository_id") instanceof Number id)) {
            return;
        }
        if (Topics.GIT_REPOSITORY_DELETED.equals(event.getTopic())) {
            pulls.repositoryDeleted(id.longValue());
            return;
        }
        if (!(event.getProperty("ref_updates") instanceof List<?> updates)) {
            return;
        }
        String actor = event.getProperty("actor") instanceof String a ? a
                : event.getProperty("pusher") instanceof String p ? p : null;
        for (Object update : updates) {
            if (update instanceof Map<?, ?> m && m.get("ref") instanceof String ref && ref.startsWith(Constants.R_HEADS)
                    && m.get("after") instanceof String after && ObjectId.isId(after)
                    && !ObjectId.zeroId().name().equals(after)) {
                pulls.pushed(id.longValue(), ref.substring(Constants.R_HEADS.length()), after, actor);
            }
        }
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode payload = JSON.readTree(job.payload());
        if (!payload.path("pull_request_id").canConvertToLong()) {
            throw new IllegalArgumentException("not a mergeability job: " + job.payload());
        }
        pulls.computeMergeability(payload.path("pull_request_id").asLong());
    }
}
