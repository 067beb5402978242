package io.codara.git.internal;

import java.sql.SQLException;

import io.codara.api.event.Topics;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a repository's size after a push (at most one sample a minute per repository, so a burst of pushes
 * does not flood the table; maintenance samples again once the burst is repacked). Reading sizes lists the object
 * directory only, so it is cheap enough for the event thread.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH)
public final class SizeSampler implements EventHandler {

    static final long MIN_INTERVAL_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(SizeSampler.class);

    private final RepositorySizes sizes;

    @Activate
    public SizeSampler(@Reference RepositorySizes sizes) {
        this.sizes = sizes;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty("repository_id") instanceof Number id)) {
            return;
        }
        try {
            sizes.sample(id.longValue(), MIN_INTERVAL_SECONDS);
        } catch (SQLException | RuntimeException e) {
            // A lost sample leaves a gap in a chart; the push itself is long recorded.
            LOG.warn("Could not sample the size of repository {} after a push: {}", id, e.toString());
        }
    }
}
