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
 * Merges pull requests with auto-merge once their requirements are met: a commit status on a head commit, a review
 * (any {@code codara/pull_request_review/*} event carrying {@code pull_request_id}) or a push to a head or base
 * branch queues a check on the job queue, which {@link PullRequestMerger#autoMergeIfReady} runs on whichever node
 * claims it.
 */
@Component(service = {EventHandler.class, JobHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.CI_STATUS,
            EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH,
            EventConstants.EVENT_TOPIC + "=" + AutoMergeTrigger.REVIEW_TOPICS,
            JobHandler.QUEUE + "=" + PullRequestMerger.QUEUE})
public final class AutoMergeTrigger implements EventHandler, JobHandler {

    /** The reviews' events (submitted, dismissed, edited), whatever their exact names. */
    static final String REVIEW_TOPICS = "codara/pull_request_review/*";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PullRequestMerger merger;

    @Activate
    public AutoMergeTrigger(@Reference PullRequestMerger merger) {
        this.merger = merger;
    }

    @Override
    public void handleEvent(Event event) {
        String topic = event.getTopic();
        if (topic.startsWith("codara/pull_request_review/")) {
            if (event.getProperty("pull_request_id") instanceof Number id) {
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
