package io.codara.git.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.Topics;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
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

/**
 * Keeps each repository's main language (the largest by bytes on its default branch, as {@link RepositoryLanguages}
 * counts) in its row, so explore and search filter on a column. A push or a new repository queues a job; the job
 * reads the tree (cached per tree id) off the event thread. Idempotent: it writes what the branch holds now.
 */
@Component(service = {MainLanguages.class, EventHandler.class, JobHandler.class}, property = {
        EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH,
        EventConstants.EVENT_TOPIC + "=" + Topics.GIT_REPOSITORY_CREATED,
        JobHandler.QUEUE + "=" + MainLanguages.QUEUE})
public final class MainLanguages implements EventHandler, JobHandler {

    static final String QUEUE = "git.language";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final JobQueue jobs;
    private final Repositories repositories;
    private final RepositoryLanguages languages;

    @Activate
    public MainLanguages(@Reference GitSchema schema, @Reference Database database, @Reference JobQueue jobs,
            @Reference Repositories repositories, @Reference RepositoryLanguages languages) {
        this.database = database;
        this.jobs = jobs;
        this.repositories = repositories;
        this.languages = languages;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty("repository_id") instanceof Number id) {
            jobs.enqueue(QUEUE, "{\"repository_id\":" + id.longValue() + "}", JobOptions.DEFAULT);
        }
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode node = JSON.readTree(job.payload());
        if (node.path("repository_id").canConvertToLong()) {
            update(node.get("repository_id").asLong());
        }
    }

    /** Measures the repository's main language now and stores it; answers it ({@code null}: none). */
    String update(long repositoryId) throws SQLException {
        Optional<Repository> repository = repositories.find(repositoryId);
        if (repository.isEmpty()) {
            return null; // deleted since
        }
        Map<String, Long> bytes;
        try {
            bytes = languages.languages(repository.get());
        } catch (io.codara.api.rest.ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            bytes = Map.of(); // no default branch yet
        }
        String main = bytes.isEmpty() ? null : bytes.keySet().iterator().next();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE git.repositories SET language = ? WHERE id = ?"
                        + " AND language IS DISTINCT FROM ?")) {
            s.setString(1, main);
            s.setLong(2, repositoryId);
            s.setString(3, main);
            s.executeUpdate();
        }
        return main;
    }
}
