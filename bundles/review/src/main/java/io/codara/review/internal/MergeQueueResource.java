package io.codara.review.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.review.MergeMethod;
import io.codara.api.review.PullRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Codara's merge queues (GitHub has them in GraphQL only): {@code GET/PUT/DELETE /repos/{o}/{r}/merge-queue/{branch}},
 * the queue with its entries (read access) and its settings (repository admins). A pull request's entry is
 * {@link PullMergeQueueResource}'s.
 */
@Component(service = MergeQueueResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/merge-queue")
@Produces(MediaType.APPLICATION_JSON)
public final class MergeQueueResource {

    private static final int HISTORY = 20;

    private final ReviewAccess access;
    private final PostgresPullRequests store;
    private final MergeQueue queue;

    @Activate
    public MergeQueueResource(@Reference ReviewAccess access, @Reference PostgresPullRequests store,
            @Reference MergeQueue queue) {
        this.access = access;
        this.store = store;
        this.queue = queue;
    }

    @GET
    @Path("{branch: .+}")
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("branch") String branch, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        MergeQueue.Settings settings = queue.settings(base.id(), branch).orElseThrow(ApiException::notFound);
        Map<String, Object> body = settings(settings);
        List<Map<String, Object>> entries = new ArrayList<>();
        int position = 0;
        for (MergeQueue.Entry entry : queue.entries(base.id(), branch, HISTORY)) {
            Map<String, Object> json = entry(access, store, uri, base, entry);
            json.put("position", entry.active() ? ++position : null);
            entries.add(json);
        }
        body.put("entries", entries);
        return body;
    }

    @PUT
    @Path("{branch: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> configure(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("branch") String branch, Map<String, Object> body, @Context HttpServletRequest request) {
        Repository base = access.repository(owner, name, "admin", request);
        Map<String, Object> given = body == null ? Map.of() : body;
        MergeQueue.Settings current = queue.settings(base.id(), branch)
                .orElse(new MergeQueue.Settings(base.id(), branch, MergeMethod.MERGE, 1, 5, 60));
        MergeMethod method = given.get("merge_method") == null ? current.method()
                : MergeMethod.of(String.valueOf(given.get("merge_method"))).orElseThrow(() ->
                        PostgresPullRequests.invalid("merge_method", "invalid", "merge_method must be merge, squash"
                                + " or rebase"));
        MergeQueue.Settings settings = new MergeQueue.Settings(base.id(), branch, method,
                number(given, "batch_size", current.batchSize()), number(given, "max_builds", current.maxBuilds()),
                number(given, "check_timeout_minutes", current.checkTimeoutMinutes()));
        return settings(queue.configure(settings));
    }

    @DELETE
    @Path("{branch: .+}")
    public Response remove(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("branch") String branch, @Context HttpServletRequest request) {
        Repository base = access.repository(owner, name, "admin", request);
        if (!queue.remove(base.id(), branch)) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }

    private static Map<String, Object> settings(MergeQueue.Settings settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("branch", settings.branch());
        json.put("merge_method", settings.method().githubName());
        json.put("batch_size", settings.batchSize());
        json.put("max_builds", settings.maxBuilds());
        json.put("check_timeout_minutes", settings.checkTimeoutMinutes());
        return json;
    }

    static Map<String, Object> entry(ReviewAccess access, PostgresPullRequests store, UriInfo uri, Repository base,
            MergeQueue.Entry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.id());
        PullRequest pull = store.byId(entry.pullRequestId()).orElse(null);
        if (pull != null) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("number", pull.number());
            summary.put("title", pull.title());
            summary.put("html_url", ReviewJson.web(uri.getBaseUri()) + base.fullName() + "/pull/" + pull.number());
            json.put("pull_request", summary);
            json.put("queue_branch", entry.speculativeSha() == null ? null
                    : MergeQueue.queueBranch(entry.baseRef(), pull.number()));
        }
        json.put("base", entry.baseRef());
        json.put("state", entry.state());
        json.put("head_sha", entry.headSha());
        json.put("built_on_sha", entry.builtOnSha());
        json.put("speculative_sha", entry.speculativeSha());
        json.put("reason", entry.reason());
        var enqueuer = access.account(entry.enqueuedBy());
        json.put("enqueued_by", enqueuer == null ? null : enqueuer.login());
        json.put("enqueued_at", ReviewJson.time(entry.enqueuedAt()));
        json.put("updated_at", ReviewJson.time(entry.updatedAt()));
        return json;
    }

    private static int number(Map<String, Object> body, String field, int otherwise) {
        Object value = body.get(field);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Number n && n.doubleValue() == n.intValue()) {
            return n.intValue();
        }
        throw PostgresPullRequests.invalid(field, "invalid", field + " must be a whole number");
    }
}
