package io.codara.git.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import io.codara.api.event.Topics;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.storage.Cache;
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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background maintenance, never on the request path: a push schedules a JGit garbage collection of its
 * repository a little later (several pushes in a row schedule one), which repacks into one pack with a bitmap
 * index, so clones and partial clones are served from bitmaps. Scheduled through the PostgreSQL job queue, so
 * any node runs it once.
 */
@Component(service = {EventHandler.class, JobHandler.class}, configurationPid = RepositoryMaintenance.PID,
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH,
            JobHandler.QUEUE + "=" + RepositoryMaintenance.QUEUE})
@Designate(ocd = RepositoryMaintenanceConfig.class)
public final class RepositoryMaintenance implements EventHandler, JobHandler {

    static final String PID = "io.codara.git.maintenance";
    static final String QUEUE = "git.maintenance";
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryMaintenance.class);
    /** The queue stores payloads as jsonb, which comes back re-spaced: {@code {"repository_id": 8}}. */
    private static final Pattern PAYLOAD = Pattern.compile("\\{\\s*\"repository_id\"\\s*:\\s*(\\d{1,18})\\s*}");

    private final Repositories repositories;
    private final GitDirectories directories;
    private final JobQueue jobs;
    private final Cache cache;
    private final RepositorySizes sizes;
    private final Duration delay;

    @Activate
    public RepositoryMaintenance(@Reference Repositories repositories, @Reference GitDirectories directories,
            @Reference JobQueue jobs, @Reference Cache cache, @Reference RepositorySizes sizes,
            RepositoryMaintenanceConfig config) {
        this.repositories = repositories;
        this.directories = directories;
        this.jobs = jobs;
        this.cache = cache;
        this.sizes = sizes;
        this.delay = Duration.ofSeconds(Math.max(0, config.delay_seconds()));
    }

    static String scheduledKey(long id) {
        return "git:maintenance-scheduled:" + id;
    }

    /** A push happened: schedule one collection unless one is already waiting. */
    @Override
    public void handleEvent(Event event) {
        Object id = event.getProperty("repository_id");
        if (!(id instanceof Number number)) {
            return;
        }
        long repositoryId = number.longValue();
        String key = scheduledKey(repositoryId);
        // The counter is shared by the nodes (Redis when configured): the first push of a burst schedules.
        if (cache.increment(key, delay.plusMinutes(10)) > 1) {
            return;
        }
        jobs.enqueue(QUEUE, "{\"repository_id\":" + repositoryId + "}", new JobOptions(delay, 3, Duration.ofMinutes(1)));
    }

    @Override
    public void handle(Job job) throws Exception {
        Matcher m = PAYLOAD.matcher(job.payload());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a maintenance job: " + job.payload());
        }
        long id = Long.parseLong(m.group(1));
        // Pushes from now on schedule the next collection.
        cache.remove(scheduledKey(id));
        Optional<Repository> repository = repositories.find(id);
        if (repository.isEmpty()) {
            return;
        }
        collect(repository.get());
        sizes.sample(id, 0); // the size after a burst of pushes, repacked: the growth chart's steady points
    }

    /** Repacks one repository now (see {@link GarbageCollection}). */
    void collect(Repository repository) throws Exception {
        String outcome = GarbageCollection.collect(directories, repository);
        LOG.info("Maintained {}: {}", repository.fullName(), outcome);
    }
}
