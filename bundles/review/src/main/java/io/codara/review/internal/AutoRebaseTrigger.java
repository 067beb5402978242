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
 * Starts auto-rebases: a push that moves a branch queues an attempt for each open pull request with auto-rebase
 * based on it, which {@link AutoRebaser#rebase} runs on whichever node claims the job. A push that deletes a branch
 * queues nothing.
 */
@Component(service = {EventHandler.class, JobHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH,
            JobHandler.QUEUE + "=" + AutoRebaser.QUEUE})
public final class AutoRebaseTrigger implements EventHandler, JobHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AutoRebaser rebaser;

    @Activate
    public AutoRebaseTrigger(@Reference AutoRebaser rebaser) {
        this.rebaser = rebaser;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty("repository_id") instanceof Number repositoryId)
                || !(event.getProperty("ref_updates") instanceof List<?> updates)) {
            return;
        }
        for (Object update : updates) {
            if (update instanceof Map<?, ?> m && m.get("ref") instanceof String ref && ref.startsWith(Constants.R_HEADS)
                    && m.get("after") instanceof String after && ObjectId.isId(after)
                    && !ObjectId.zeroId().name().equals(after)) {
                rebaser.basePushed(repositoryId.longValue(), ref.substring(Constants.R_HEADS.length()));
            }
        }
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode payload = JSON.readTree(job.payload());
        if (!payload.path("pull_request_id").canConvertToLong()) {
            throw new IllegalArgumentException("not an auto-rebase job: " + job.payload());
        }
        rebaser.rebase(payload.path("pull_request_id").asLong());
    }
}
