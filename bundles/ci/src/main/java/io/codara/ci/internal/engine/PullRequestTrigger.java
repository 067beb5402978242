package io.codara.ci.internal.engine;

import java.io.IOException;
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
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.review.ChangedFile;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequests;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.spi.JobHandler;
import io.codara.ci.internal.workflow.TriggerEvent;
import io.codara.ci.internal.workflow.WorkflowParseResult;
import io.codara.ci.internal.workflow.WorkflowParser;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@code pull_request} workflows: a {@code codara/pull_request/*} event (opened, synchronize, reopened,
 * edited, closed) queues a job; the job reads the pull request through the review API, the workflow files at its
 * head commit (in the head repository, a fork's for a pull request from a fork), matches {@code types},
 * {@code branches} (against the base branch) and {@code paths} (against the files changed between the merge base and
 * the head), and creates the runs once per event. The runs check out the head commit (the review API offers no test
 * merge commit), with {@code github.ref} {@code refs/pull/<n>/head}, and post their statuses on the head commit; a
 * pull request whose head repository is not the base repository gets no secrets. Only the review API and its events
 * are used, so CI runs without the review bundle too (this component then stays inactive).
 */
@Component(service = {PullRequestTrigger.class, EventHandler.class, JobHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_OPENED,
                EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_SYNCHRONIZE,
                EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_REOPENED,
                EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_EDITED,
                EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_CLOSED,
                JobHandler.QUEUE + "=" + PullRequestTrigger.QUEUE})
public final class PullRequestTrigger implements EventHandler, JobHandler {

    static final String QUEUE = "ci.pull_request";
    /** More changed files than this are not listed: path filters then pass, as GitHub does past its diff limit. */
    private static final int MAX_CHANGED_FILES = 3000;
    private static final Logger LOG = LoggerFactory.getLogger(PullRequestTrigger.class);

    private final CiEngine engine;
    private final JobQueue queue;
    private final Repositories repositories;
    private final RepositoryDirectories directories;
    private final PullRequests pullRequests;
    private final Accounts accounts;
    private final WorkflowParser parser = new WorkflowParser();

    @Activate
    public PullRequestTrigger(@Reference CiEngine engine, @Reference JobQueue queue,
            @Reference Repositories repositories, @Reference RepositoryDirectories directories,
            @Reference PullRequests pullRequests, @Reference Accounts accounts) {
        this.engine = engine;
        this.queue = queue;
        this.repositories = repositories;
        this.directories = directories;
        this.pullRequests = pullRequests;
        this.accounts = accounts;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty("repository_id") instanceof Number repositoryId)
                || !(event.getProperty("number") instanceof Number number)) {
            return;
        }
        String topic = event.getTopic();
        Map<String, Object> payload = new LinkedHashMap<>();
        Object eventId = event.getProperty(EventProperties.EVENT_ID);
        payload.put("event_id", eventId == null ? topic + ":" + event.getProperty("head_sha") : eventId.toString());
        payload.put("repository_id", repositoryId.longValue());
        payload.put("number", number.intValue());
        payload.put("action", topic.substring(topic.lastIndexOf('/') + 1));
        payload.put("head_sha", event.getProperty("head_sha"));
        payload.put("actor", event.getProperty("actor"));
        queue.enqueue(QUEUE, CiEngine.json(payload), JobOptions.DEFAULT);
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode payload = CiEngine.JSON.readTree(job.payload());
        String action = payload.path("action").asText();
        long repositoryId = payload.path("repository_id").asLong();
        int number = payload.path("number").asInt();
        String headSha = payload.path("head_sha").isTextual() ? payload.path("head_sha").asText() : null;
        String actor = payload.path("actor").isTextual() ? payload.path("actor").asText() : null;
        String key = "pull_request:" + payload.path("event_id").asText();
        List<WorkflowRun> runs = engine.createRuns(key, pullRequest(repositoryId, number, action, headSha, actor));
        if (!runs.isEmpty()) {
            LOG.info("Pull request #{} of repository {} ({}) started {} workflow run(s)", number, repositoryId,
                    action, runs.size());
        }
    }

    /**
     * The runs activity {@code action} of pull request {@code number} starts, at head commit {@code headSha} (the
     * pull request's current head when {@code null}).
     */
    List<PlannedRun> pullRequest(long repositoryId, int number, String action, String headSha, String actor)
            throws IOException {
        Optional<Repository> base = repositories.find(repositoryId);
        Optional<PullRequest> found = pullRequests.find(repositoryId, number);
        if (base.isEmpty() || found.isEmpty()) {
            return List.of();
        }
        PullRequest pull = found.get();
        Repository head = repositories.find(pull.headRepositoryId()).orElse(null);
        if (head == null) {
            return List.of();
        }
        String sha = headSha != null && headSha.matches("[0-9a-f]{40}") ? headSha : pull.headSha();
        boolean fork = pull.headRepositoryId() != pull.repositoryId();
        Map<String, Object> event = event(action, base.get(), head, pull, sha, actor);
        WorkflowPlanner.Trigger trigger = new WorkflowPlanner.Trigger(repositoryId, base.get().fullName(),
                "pull_request", sha, "refs/pull/" + number + "/head", actor, Map.of(), event,
                fork ? pull.headRepositoryId() : null, fork);
        TriggerEvent.PullRequest activity = new TriggerEvent.PullRequest(action, pull.baseRef(),
                changedFiles(repositoryId, number));
        List<PlannedRun> runs = new ArrayList<>();
        try (org.eclipse.jgit.lib.Repository git = WorkflowTrigger.open(directories, pull.headRepositoryId())) {
            for (Map.Entry<String, String> file : WorkflowTrigger.workflowFiles(git, sha).entrySet()) {
                WorkflowParseResult parsed = parser.parse(file.getKey(), file.getValue());
                if (!parsed.valid()) {
                    // As GitHub, a broken file fails visibly only for the events it would have run on: unknown here.
                    runs.add(WorkflowPlanner.invalid(trigger, file.getKey(), null, parsed.errors()));
                } else if (parsed.workflow().on().matches(activity)) {
                    runs.add(WorkflowPlanner.plan(parsed.workflow(), trigger));
                }
            }
        }
        return runs;
    }

    /** The files the pull request changes (merge base to head), or {@code null} when there are too many to list. */
    private List<String> changedFiles(long repositoryId, int number) {
        List<String> names = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<ChangedFile> files = pullRequests.files(repositoryId, number, new PageRequest(page, 100));
            if (files.total() > MAX_CHANGED_FILES) {
                return null;
            }
            for (ChangedFile file : files.items()) {
                names.add(file.filename());
                if (file.previousFilename() != null) {
                    names.add(file.previousFilename());
                }
            }
            if (files.items().isEmpty() || (long) page * 100 >= files.total()) {
                return names;
            }
        }
    }

    /** {@code github.event}: GitHub's pull_request webhook payload, the fields a workflow reads. */
    private Map<String, Object> event(String action, Repository base, Repository head, PullRequest pull, String sha,
            String actor) {
        String author = accounts.find(pull.authorId()).map(Account::login).orElse("ghost");
        Map<String, Object> headSide = new LinkedHashMap<>();
        headSide.put("ref", pull.headRef());
        headSide.put("sha", sha);
        headSide.put("label", head.owner() + ":" + pull.headRef());
        headSide.put("repo", repo(head, head.id() != base.id()));
        Map<String, Object> baseSide = new LinkedHashMap<>();
        baseSide.put("ref", pull.baseRef());
        baseSide.put("sha", pull.baseSha());
        baseSide.put("label", base.owner() + ":" + pull.baseRef());
        baseSide.put("repo", repo(base, false));
        Map<String, Object> pr = new LinkedHashMap<>();
        pr.put("id", pull.id());
        pr.put("number", pull.number());
        pr.put("title", pull.title());
        pr.put("body", pull.body() == null ? "" : pull.body());
        pr.put("state", pull.state());
        pr.put("draft", pull.draft());
        pr.put("merged", pull.merged());
        pr.put("user", Map.of("login", author));
        pr.put("head", headSide);
        pr.put("base", baseSide);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("action", action);
        event.put("number", pull.number());
        event.put("pull_request", pr);
        event.put("repository", repo(base, false));
        event.put("sender", Map.of("login", actor == null ? author : actor));
        return event;
    }

    private static Map<String, Object> repo(Repository repository, boolean fork) {
        Map<String, Object> repo = new LinkedHashMap<>();
        repo.put("id", repository.id());
        repo.put("name", repository.name());
        repo.put("full_name", repository.fullName());
        repo.put("fork", fork);
        repo.put("owner", Map.of("login", repository.owner()));
        return repo;
    }
}
