package io.codara.ci.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.codara.api.event.Topics;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets a deleted repository's statuses, secrets and variables. Idempotent, as outbox delivery is at least once;
 * a failure is logged and the rows stay harmless, since repository ids are never reused.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + Topics.GIT_REPOSITORY_DELETED)
public final class RepositoryCleanup implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryCleanup.class);

    private final Database database;

    @Activate
    public RepositoryCleanup(@Reference CiSchema schema, @Reference Database database) {
        this.database = database;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty("repository_id") instanceof Number id)) {
            return;
        }
        try {
            forget(id.longValue());
        } catch (SQLException e) {
            LOG.warn("Could not delete the CI data of deleted repository {}", id, e);
        }
    }

    void forget(long repositoryId) throws SQLException {
        database.inTransaction(c -> {
            for (String sql : new String[] {"DELETE FROM ci.statuses WHERE repository_id = ?",
                    "DELETE FROM ci.secrets WHERE scope = 'repository' AND owner_id = ?",
                    "DELETE FROM ci.variables WHERE scope = 'repository' AND owner_id = ?"}) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setLong(1, repositoryId);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }
}
