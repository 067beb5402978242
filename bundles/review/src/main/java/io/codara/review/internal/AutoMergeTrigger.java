package io.codara.review.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.Topics;
import io.codara.api.storage.Job;
import io.codara.api.storage.spi.JobHandler;

import org.eclipse.jgit.lib.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Merges pull requests with auto-merge once their requirements are met: a successful commit status on a head commit,
 * a push to a head or base branch, or an event about the pull request itself (a review, whether its topics end up
 * under {@code codara/pull_request_review/} or {@code codara/pull_request/}) queues a check on the job queue, which
 * {@link PullRequestMerger#autoMergeIfReady} runs on whichever node claims it. Checks are cheap and idempotent, so
 * an event that changes nothing only costs one job.
 */
@Component(service = {EventHandler.class, JobHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.CI_STATUS,
            EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH,
            EventConstants.EVENT_TOPIC + "=" + AutoMergeTrigger.REVIEW_TOPICS,
            EventConstants.EVENT_TOPIC + "=" + AutoMergeTrigger.PULL_REQUEST_TOPICS,
            JobHandler.QUEUE + "=" + PullRequestMerger.QUEUE})
public final class AutoMergeTrigger implements EventHandler, JobHandler {

    /** The reviews' events (submitted, dismissed, edited), whatever their exact names. */
    static final String REVIEW_TOPICS = "codara/pull_request_review/*";
    /** The pull requests' own events (reviews may be published here too). */
    static final String PULL_REQUEST_TOPICS = "codara/pull_request/*";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PullRequestMerger merger;

    @Activate
    public AutoMergeTrigger(@Reference PullRequestMerger merger) {
        this.merger = merger;
    }

    @Override
    public void handleEvent(Event event) {
        String topic = event.getTopic();
        if (topic.startsWith("codara/pull_request")) {
            // Enabling auto-merge queued its own check already.
            if (!Topics.PULL_REQUEST_AUTO_MERGE_ENABLED.equals(topic)
                    && event.getProperty("pull_request_id") instanceof Number id) {
                merger.enqueueFor(id.longValue());
            }
            return;
        }
        if (!(event.getProperty("repository_id") instanceof Number repositoryId)) {
            return;
        }
        if (Topics.CI_STATUS.equals(topic)) {
            if (event.getProperty("sha") instanceof String sha && "success".equals(event.getProperty("state"))) {
                merger.enqueueFor(repositoryId.longValue(), sha, null);
            }
            return;
        }
        if (event.getProperty("ref_updates") instanceof List<?> updates) {
            for (Object update : updates) {
                if (update instanceof Map<?, ?> m && m.get("ref") instanceof String ref
                        && ref.startsWith(Constants.R_HEADS)) {
                    merger.enqueueFor(repositoryId.longValue(), null, ref.substring(Constants.R_HEADS.length()));
                }
            }
        }
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode payload = JSON.readTree(job.payload());
        if (!payload.path("pull_request_id").canConvertToLong()) {
            throw new IllegalArgumentException("not an auto-merge job: " + job.payload());
        }
        merger.autoMergeIfReady(payload.path("pull_request_id").asLong());
    }
}
