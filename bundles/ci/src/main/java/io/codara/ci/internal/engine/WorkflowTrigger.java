package io.codara.ci.internal.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.codara.api.event.EventProperties;
import io.codara.api.event.Topics;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.rest.ApiException;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.spi.JobHandler;
import io.codara.ci.internal.workflow.TriggerEvent;
import io.codara.ci.internal.workflow.Triggers;
import io.codara.ci.internal.workflow.WorkflowParseResult;
import io.codara.ci.internal.workflow.WorkflowParser;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts workflows: a {@link Topics#GIT_PUSH} event queues one job per pushed branch or tag (EventAdmin's thread
 * reads no git objects); the job reads {@code .codara/workflows/*.yml|yaml} at the pushed commit, parses them,
 * matches their {@code on.push} filters against the ref and the changed paths, and creates the runs, once per event
 * and ref even when the event or the job is delivered twice. A push to the default branch has the
 * {@link WorkflowScheduler} re-read the schedules. Also starts {@code workflow_dispatch} runs.
 */
@Component(service = {WorkflowTrigger.class, EventHandler.class, JobHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH, JobHandler.QUEUE + "=" + WorkflowTrigger.QUEUE})
public final class WorkflowTrigger implements EventHandler, JobHandler {

    static final String QUEUE = "ci.trigger";
    static final String WORKFLOWS = ".codara/workflows";
    /** More changed paths than this are not listed: path filters then pass, as GitHub does past its diff limit. */
    private static final int MAX_CHANGED_PATHS = 3000;
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowTrigger.class);

    private final CiEngine engine;
    private final JobQueue queue;
    private final Repositories repositories;
    private final RepositoryDirectories directories;
    private final WorkflowScheduler scheduler;
    private final WorkflowParser parser = new WorkflowParser();

    @Activate
    public WorkflowTrigger(@Reference CiEngine engine, @Reference JobQueue queue,
            @Reference Repositories repositories, @Reference RepositoryDirectories directories,
            @Reference WorkflowScheduler scheduler) {
        this.scheduler = scheduler;
        this.engine = engine;
        this.queue = queue;
        this.repositories = repositories;
        this.directories = directories;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty("repository_id") instanceof Number repositoryId)
                || !(event.getProperty("ref_updates") instanceof List<?> updates)) {
            return;
        }
        Object eventId = event.getProperty(EventProperties.EVENT_ID);
        for (Object update : updates) {
            if (update instanceof Map<?, ?> u && u.get("ref") instanceof String ref && u.get("after") instanceof String
                    after && (ref.startsWith(Constants.R_HEADS) || ref.startsWith(Constants.R_TAGS))
                    && !ObjectId.zeroId().name().equals(after)) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("event_id", eventId == null ? after : eventId.toString());
                payload.put("repository_id", repositoryId.longValue());
                payload.put("pusher", event.getProperty("pusher"));
                payload.put("ref", ref);
                payload.put("before", u.get("before"));
                payload.put("after", after);
                queue.enqueue(QUEUE, CiEngine.json(payload), JobOptions.DEFAULT);
            }
        }
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode payload = CiEngine.JSON.readTree(job.payload());
        long repositoryId = payload.path("repository_id").asLong();
        String ref = payload.path("ref").asText();
        String after = payload.path("after").asText();
        String before = payload.path("before").asText(null);
        String pusher = payload.path("pusher").isTextual() ? payload.path("pusher").asText() : null;
        String key = "push:" + payload.path("event_id").asText() + ":" + ref;
        List<WorkflowRun> runs = engine.createRuns(key, push(repositoryId, ref, before, after, pusher));
        if (!runs.isEmpty()) {
            LOG.info("Push of {} to repository {} started {} workflow run(s)", ref, repositoryId, runs.size());
        }
        Optional<Repository> repository = repositories.find(repositoryId);
        if (repository.isPresent() && ref.equals(Constants.R_HEADS + repository.get().defaultBranch())) {
            scheduler.remember(repositoryId, after);
        }
    }

    /** The runs a push of {@code ref} from {@code before} to {@code after} starts. */
    List<PlannedRun> push(long repositoryId, String ref, String before, String after, String pusher)
            throws IOException {
        Optional<Repository> repository = repositories.find(repositoryId);
        if (repository.isEmpty()) {
            return List.of();
        }
        WorkflowPlanner.Trigger trigger = new WorkflowPlanner.Trigger(repositoryId, repository.get().fullName(),
                "push", after, ref, pusher, Map.of());
        List<PlannedRun> runs = new ArrayList<>();
        try (org.eclipse.jgit.lib.Repository git = open(repositoryId)) {
            boolean created = before == null || ObjectId.zeroId().name().equals(before);
            List<String> changed = created ? null : changedPaths(git, before, after);
            TriggerEvent.Push event = new TriggerEvent.Push(ref, changed, created, false);
            for (Map.Entry<String, String> file : workflowFiles(git, after).entrySet()) {
                WorkflowParseResult parsed = parser.parse(file.getKey(), file.getValue());
                if (!parsed.valid()) {
                    runs.add(WorkflowPlanner.invalid(trigger, file.getKey(), null, parsed.errors()));
                } else if (parsed.workflow().on().matches(event)) {
                    runs.add(WorkflowPlanner.plan(parsed.workflow(), trigger));
                }
            }
        }
        return runs;
    }

    /**
     * Starts the {@code workflow_dispatch} run of workflow file {@code file} at {@code ref} with {@code inputs}:
     * 404 without such a file, 422 when it is invalid, has no {@code workflow_dispatch} trigger or the inputs are
     * wrong.
     */
    public WorkflowRun dispatch(Repository repository, String file, String ref, Map<String, String> inputs,
            String actor) {
        String path = file.contains("/") ? file : WORKFLOWS + "/" + file;
        if (!WorkflowParser.isWorkflowFile(path)) {
            throw ApiException.notFound();
        }
        try (org.eclipse.jgit.lib.Repository git = open(repository.id())) {
            ObjectId commit = git.resolve(ref + "^{commit}");
            if (commit == null) {
                throw new ApiException(422, "No ref found for: " + ref);
            }
            String text = workflowFiles(git, commit.name()).get(path);
            if (text == null) {
                throw ApiException.notFound();
            }
            WorkflowParseResult parsed = parser.parse(path, text);
            if (!parsed.valid()) {
                throw new ApiException(422, "The workflow file is invalid: " + parsed.errors().get(0));
            }
            Triggers.Dispatch dispatch = parsed.workflow().on().dispatch();
            if (dispatch == null) {
                throw new ApiException(422, "Workflow does not have 'workflow_dispatch' trigger");
            }
            Triggers.InputResolution resolved = dispatch.resolveInputs(inputs);
            if (!resolved.valid()) {
                throw new ApiException(422, String.join("; ", resolved.errors()));
            }
            String fullRef = ref.startsWith("refs/") ? ref
                    : git.exactRef(Constants.R_TAGS + ref) != null && git.exactRef(Constants.R_HEADS + ref) == null
                            ? Constants.R_TAGS + ref : Constants.R_HEADS + ref;
            WorkflowPlanner.Trigger trigger = new WorkflowPlanner.Trigger(repository.id(), repository.fullName(),
                    "workflow_dispatch", commit.name(), fullRef, actor, resolved.values());
            return engine.createRun(WorkflowPlanner.plan(parsed.workflow(), trigger));
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the workflows of " + repository.fullName(), e);
        }
    }

    private org.eclipse.jgit.lib.Repository open(long repositoryId) throws IOException {
        return open(directories, repositoryId);
    }

    /** The git repository of {@code repositoryId}. */
    static org.eclipse.jgit.lib.Repository open(RepositoryDirectories directories, long repositoryId)
            throws IOException {
        return new FileRepositoryBuilder().setGitDir(directories.gitDirectory(repositoryId).toFile())
                .setMustExist(true).build();
    }

    /** The workflow files at {@code commit}, by path: {@code .codara/workflows/*.yml|yaml}, not nested. */
    static Map<String, String> workflowFiles(org.eclipse.jgit.lib.Repository git, String commit)
            throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (RevWalk walk = new RevWalk(git)) {
            RevCommit revision = walk.parseCommit(ObjectId.fromString(commit));
            try (TreeWalk tree = TreeWalk.forPath(git, WORKFLOWS, revision.getTree())) {
                if (tree == null || !tree.isSubtree()) {
                    return files;
                }
                ObjectId directory = tree.getObjectId(0);
                try (TreeWalk entries = new TreeWalk(git)) {
                    entries.addTree(directory);
                    entries.setRecursive(false);
                    while (entries.next()) {
                        String path = WORKFLOWS + "/" + entries.getPathString();
                        if (!entries.isSubtree() && WorkflowParser.isWorkflowFile(path)) {
                            byte[] bytes = git.open(entries.getObjectId(0)).getCachedBytes(1 << 20);
                            files.put(path, new String(bytes, StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        return files;
    }

    /** The paths a push changed between two commits, or {@code null} when there are too many to list. */
    private static List<String> changedPaths(org.eclipse.jgit.lib.Repository git, String before, String after)
            throws IOException {
        try (RevWalk walk = new RevWalk(git); ObjectReader reader = git.newObjectReader();
                TreeWalk diff = new TreeWalk(reader)) {
            ObjectId old = git.resolve(before + "^{tree}");
            if (old == null) {
                return null;
            }
            diff.addTree(old);
            diff.addTree(walk.parseCommit(ObjectId.fromString(after)).getTree());
            diff.setRecursive(true);
            diff.setFilter(TreeFilter.ANY_DIFF);
            List<String> paths = new ArrayList<>();
            while (diff.next()) {
                if (paths.size() == MAX_CHANGED_PATHS) {
                    return null;
                }
                paths.add(diff.getPathString());
            }
            return paths;
        }
    }
}
