package io.codara.review.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.review.AutoMerge;
import io.codara.api.review.ChangedFile;
import io.codara.api.review.MergeMethod;
import io.codara.api.review.MergeRequest;
import io.codara.api.review.MergeResult;
import io.codara.api.review.NewPullRequest;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequestCommit;
import io.codara.api.review.PullRequestFilter;
import io.codara.api.review.PullRequestMerges;
import io.codara.api.review.PullRequestUpdate;
import io.codara.api.review.PullRequests;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * GitHub's pull request endpoints under {@code /repos/{owner}/{repo}/pulls}: open (read access on the base and the
 * head repository), list and read (read access), edit, close and reopen (the author or writers), and a pull
 * request's commits, files and merge state; merging ({@code PUT .../merge}, writers) and Codara's auto-merge
 * ({@code PUT}/{@code DELETE .../auto-merge}, writers; GitHub has it in GraphQL only).
 */
@Component(service = PullRequestsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/pulls")
@Produces(MediaType.APPLICATION_JSON)
public final class PullRequestsResource {

    private final ReviewAccess access;
    private final PullRequests pulls;
    private final PullRequestViews views;
    private final PullRequestMerges merges;
    private final io.codara.api.review.Labels labels;

    @Activate
    public PullRequestsResource(@Reference ReviewAccess access, @Reference PullRequests pulls,
            @Reference PullRequestViews views, @Reference PullRequestMerges merges,
            @Reference io.codara.api.review.Labels labels) {
        this.access = access;
        this.pulls = pulls;
        this.views = views;
        this.merges = merges;
        this.labels = labels;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(@PathParam("owner") String owner, @PathParam("repo") String name, Map<String, Object> body,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        ReviewAccess.requireWriteScope(request);
        if (body == null) {
            throw new ApiException(400, "Problems parsing JSON");
        }
        var actor = ReviewAccess.actor(request);
        ReviewAccess.Head head = access.head(base, string(body, "head"), request);
        PullRequest created = pulls.open(base.id(), new NewPullRequest(head.repository().id(), head.branch(),
                string(body, "base"), string(body, "title"), string(body, "body"), bool(body, "draft", false),
                bool(body, "maintainer_can_modify", false)), actor);
        // Labels and assignees on opening, as GitHub's issues take them: from writers only, others' are ignored.
        if (access.mayWrite(base, request)) {
            if (body.get("labels") != null) {
                labels.add(base.id(), created.number(), IssueLabelsResource.names(body.get("labels")), actor);
            }
            if (body.get("assignees") != null) {
                labels.assign(base.id(), created.number(), access.assignable(base, IssueLabelsResource.logins(body)),
                        actor);
            }
        }
        ReviewJson json = new ReviewJson(uri.getBaseUri());
        return Response.status(201).header("Location", uri.getBaseUri() + "repos/" + base.fullName() + "/pulls/"
                + created.number()).entity(views.single(json, base, created)).build();
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("state") String state, @QueryParam("head") String head, @QueryParam("base") String baseRef,
            @QueryParam("sort") String sort, @QueryParam("direction") String direction,
            @QueryParam("labels") String labelNames,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        Long headRepository = null;
        String headRef = null;
        if (head != null && !head.isBlank()) {
            // GitHub filters by "user:ref-name"; a head in an unknown repository matches nothing.
            try {
                ReviewAccess.Head found = access.head(base, head.contains(":") ? head : base.owner() + ":" + head,
                        request);
                headRepository = found.repository().id();
                headRef = found.branch();
            } catch (ApiException e) {
                return new Page<>(List.of(), PageRequest.of(page, perPage), 0);
            }
        }
        boolean ascending;
        if (direction == null || direction.isEmpty()) {
            ascending = false;
        } else if (direction.equals("asc") || direction.equals("desc")) {
            ascending = direction.equals("asc");
        } else {
            throw PostgresPullRequests.invalid("direction", "invalid", "direction must be asc or desc");
        }
        Page<PullRequest> found = pulls.list(base.id(), new PullRequestFilter(state == null ? "open" : state,
                headRepository, headRef, baseRef == null || baseRef.isEmpty() ? null : baseRef,
                sort == null || sort.isEmpty() ? "created" : sort, ascending,
                labelNames == null || labelNames.isBlank() ? List.of()
                        : java.util.Arrays.stream(labelNames.split(",")).map(String::strip)
                                .filter(l -> !l.isEmpty()).toList()), PageRequest.of(page, perPage));
        return new Page<>(views.listed(new ReviewJson(uri.getBaseUri()), base, found.items()), found.request(),
                found.total());
    }

    @GET
    @Path("{number: [0-9]+}")
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        return views.single(new ReviewJson(uri.getBaseUri()), base, pull);
    }

    @PATCH
    @Path("{number: [0-9]+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        var actor = ReviewAccess.actor(request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        access.requireAuthorOrWriter(base, pull, request);
        if (body == null) {
            throw new ApiException(400, "Problems parsing JSON");
        }
        Object canModify = body.get("maintainer_can_modify");
        if (canModify != null && !(canModify instanceof Boolean)) {
            throw PostgresPullRequests.invalid("maintainer_can_modify", "invalid", "maintainer_can_modify must be a boolean");
        }
        PullRequest updated = pulls.update(base.id(), number, new PullRequestUpdate(string(body, "title"),
                string(body, "body"), string(body, "state"), string(body, "base"), (Boolean) canModify), actor);
        if (body.containsKey("labels") || body.containsKey("assignees") || body.containsKey("assignee")) {
            if (!access.mayWrite(base, request)) {
                throw new ApiException(403, "Must have push access to change labels and assignees");
            }
            if (body.containsKey("labels")) {
                labels.set(base.id(), number, IssueLabelsResource.names(body.get("labels")), actor);
            }
            if (body.containsKey("assignees") || body.containsKey("assignee")) {
                // GitHub's PATCH replaces the assignees; "assignee" is the older single form.
                List<String> logins = body.containsKey("assignees") ? IssueLabelsResource.logins(body)
                        : string(body, "assignee") == null ? List.of() : List.of(string(body, "assignee"));
                List<Long> wanted = access.assignable(base, logins);
                List<Long> current = labels.assignees(base.id(), number);
                labels.unassign(base.id(), number, current.stream().filter(id -> !wanted.contains(id)).toList(), actor);
                labels.assign(base.id(), number, wanted, actor);
            }
        }
        return views.single(new ReviewJson(uri.getBaseUri()), base, updated);
    }

    @GET
    @Path("{number: [0-9]+}/commits")
    public Page<Map<String, Object>> commits(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        Page<PullRequestCommit> found = pulls.commits(base.id(), number, PageRequest.of(page, perPage));
        ReviewJson json = new ReviewJson(uri.getBaseUri());
        Map<String, Account> byEmail = new HashMap<>();
        List<Map<String, Object>> items = found.items().stream().map(c -> json.commit(base, c,
                byEmail.computeIfAbsent(c.authorEmail(), access::accountByEmail),
                byEmail.computeIfAbsent(c.committerEmail(), access::accountByEmail))).toList();
        return new Page<>(items, found.request(), found.total());
    }

    @GET
    @Path("{number: [0-9]+}/files")
    public Page<Map<String, Object>> files(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        Page<ChangedFile> found = pulls.files(base.id(), number, PageRequest.of(page, perPage));
        ReviewJson json = new ReviewJson(uri.getBaseUri());
        Repository head = access.repository(pull.headRepositoryId());
        List<Map<String, Object>> items = found.items().stream().map(f -> json.file(head, pull.headSha(), f)).toList();
        return new Page<>(items, found.request(), found.total());
    }

    /** GitHub's "is it merged": 204 when merged, 404 otherwise. */
    @GET
    @Path("{number: [0-9]+}/merge")
    public Response merged(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        if (!pull.merged()) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }

    /**
     * GitHub's merge: {@code merge_method} (merge, squash or rebase), {@code commit_title}, {@code commit_message}
     * and {@code sha} (409 when the head moved); 405 with the reason when it may not be merged.
     */
    @PUT
    @Path("{number: [0-9]+}/merge")
    public Map<String, Object> merge(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        ReviewAccess.actor(request);
        pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        if (!access.mayWrite(base, request)) {
            throw new ApiException(403, "Must have push access to merge this pull request");
        }
        MergeRequest merge = mergeRequest(body == null ? Map.of() : body);
        MergeResult result = merges.merge(base.id(), number, merge, ReviewAccess.principal(request));
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("sha", result.sha());
        json.put("merged", result.merged());
        json.put("message", result.message());
        return json;
    }

    /** Codara's auto-merge: the pull request merges itself with {@code merge_method} once its requirements are met. */
    @PUT
    @Path("{number: [0-9]+}/auto-merge")
    public Map<String, Object> enableAutoMerge(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        var actor = ReviewAccess.actor(request);
        pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        if (!access.mayWrite(base, request)) {
            throw new ApiException(403, "Must have push access to enable auto-merge");
        }
        AutoMerge auto = merges.enableAutoMerge(base.id(), number, mergeRequest(body == null ? Map.of() : body), actor);
        return views.autoMerge(new ReviewJson(uri.getBaseUri()), auto);
    }

    @DELETE
    @Path("{number: [0-9]+}/auto-merge")
    public Response disableAutoMerge(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        var actor = ReviewAccess.actor(request);
        pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        if (!access.mayWrite(base, request)) {
            throw new ApiException(403, "Must have push access to disable auto-merge");
        }
        merges.disableAutoMerge(base.id(), number, actor);
        return Response.noContent().build();
    }

    private static MergeRequest mergeRequest(Map<String, Object> body) {
        String method = string(body, "merge_method");
        MergeMethod parsed = method == null ? MergeMethod.MERGE : MergeMethod.of(method).orElseThrow(() ->
                PostgresPullRequests.invalid("merge_method", "invalid", "merge_method must be merge, squash or rebase"));
        String sha = string(body, "sha");
        return new MergeRequest(parsed, string(body, "commit_title"), string(body, "commit_message"), sha);
    }

    private static String string(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw PostgresPullRequests.invalid(field, "invalid", field + " must be a string");
        }
        return (String) value;
    }

    private static boolean bool(Map<String, Object> body, String field, boolean otherwise) {
        Object value = body.get(field);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Boolean b)) {
            throw PostgresPullRequests.invalid(field, "invalid", field + " must be a boolean");
        }
        return b;
    }
}
