package io.codara.ci.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;

import io.codara.api.storage.Job;
import io.codara.api.storage.spi.JobHandler;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Settles concurrency groups from the job queue: the durable twin of the settling the engine does right after the
 * commit that changed a group, for when the node that committed died before it could.
 */
@Component(service = JobHandler.class, property = JobHandler.QUEUE + "=" + CiEngine.SETTLE_QUEUE)
public final class ConcurrencySettler implements JobHandler {

    private final CiEngine engine;

    @Activate
    public ConcurrencySettler(@Reference CiEngine engine) {
        this.engine = engine;
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode payload = CiEngine.JSON.readTree(job.payload());
        engine.settle(payload.path("repository_id").asLong(), payload.path("group").asText());
    }
}
