package io.codara.review.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.review.PullRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Codara's merge conflicts of one pull request: {@code GET /repos/{o}/{r}/pulls/{number}/merge-conflicts} (read
 * access) lists the files that conflict when the base branch is merged into the head branch, with the merged text
 * and its hunks; {@code POST .../merge-conflicts/resolution} commits the resolved files as a merge of the base into
 * the head branch (writers of the head repository, and the base's writers when the author lets maintainers modify).
 */
@Component(service = MergeConflictsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/pulls/{number: [0-9]+}/merge-conflicts")
@Produces(MediaType.APPLICATION_JSON)
public final class MergeConflictsResource {

    private final ReviewAccess access;
    private final ReviewViews views;
    private final PullRequestConflicts conflicts;

    @Activate
    public MergeConflictsResource(@Reference ReviewAccess access, @Reference ReviewViews views,
            @Reference PullRequestConflicts conflicts) {
        this.access = access;
        this.views = views;
        this.conflicts = conflicts;
    }

    @GET
    public Map<String, Object> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        Repository head = access.repository(pull.headRepositoryId());
        if (head == null) {
            throw new ApiException(422, "The head repository no longer exists.");
        }
        MergeConflictsGit.Conflicts found = conflicts.conflicts(pull);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", pull.number());
        body.put("state", pull.state());
        body.put("head", Map.of("ref", pull.headRef(), "sha", found.headSha(), "repo", head.fullName()));
        body.put("base", Map.of("ref", pull.baseRef(), "sha", found.baseSha(), "repo", base.fullName()));
        body.put("merge_base_sha", found.mergeBaseSha());
        body.put("conflicted", found.conflicted());
        body.put("resolvable", found.conflicted() && found.files().stream().allMatch(f -> f.resolvable()));
        body.put("viewer_can_resolve", pull.open() && mayResolve(base, head, pull, request));
        List<Map<String, Object>> files = new ArrayList<>();
        for (MergeConflictsGit.ConflictedFile file : found.files()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", file.path());
            entry.put("status", file.status());
            entry.put("resolvable", file.resolvable());
            entry.put("reason", file.reason());
            entry.put("content", file.content());
            List<Map<String, Object>> hunks = new ArrayList<>();
            for (MergeConflictsGit.Hunk hunk : file.hunks()) {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("start_line", hunk.startLine());
                h.put("ours", hunk.ours());
                h.put("base", hunk.base());
                h.put("theirs", hunk.theirs());
                hunks.add(h);
            }
            entry.put("hunks", hunks);
            files.add(entry);
        }
        body.put("files", files);
        body.put("html_url", ReviewJson.web(uri.getBaseUri()) + base.fullName() + "/pull/" + number + "/conflicts");
        return body;
    }

    /**
     * Commits a resolution: {@code expected_head_sha} (required), {@code expected_base_sha} (optional),
     * {@code files} (every conflicted path to its resolved text) and {@code message} (optional).
     */
    @POST
    @Path("resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resolve(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = views.pull(base, number);
        views.caller(request);
        Repository head = access.repository(pull.headRepositoryId());
        if (head == null) {
            throw new ApiException(422, "The head repository no longer exists.");
        }
        if (!mayResolve(base, head, pull, request)) {
            throw new ApiException(403, "Forbidden: only writers of " + head.fullName()
                    + " may resolve the conflicts of this pull request");
        }
        Map<String, Object> input = Bodies.required(body);
        Object files = input.get("files");
        if (!(files instanceof Map<?, ?> map) || map.isEmpty()) {
            throw PostgresPullRequests.invalid("files", "missing_field",
                    "files must map each conflicted path to its resolved content");
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<?, ?> file : map.entrySet()) {
            if (!(file.getValue() instanceof String text)) {
                throw PostgresPullRequests.invalid("files", "invalid", "the content of " + file.getKey()
                        + " must be a string");
            }
            resolved.put(String.valueOf(file.getKey()), text);
        }
        PullRequestConflicts.Resolved done = conflicts.resolve(base, head, pull, new PullRequestConflicts.Resolution(
                Bodies.string(input, "expected_head_sha"), Bodies.string(input, "expected_base_sha"), resolved,
                Bodies.string(input, "message")), ReviewAccess.principal(request));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sha", done.sha());
        answer.put("message", done.message());
        answer.put("parents", done.parents());
        answer.put("head", Map.of("ref", pull.headRef(), "repo", head.fullName()));
        answer.put("html_url", ReviewJson.web(uri.getBaseUri()) + head.fullName() + "/commit/" + done.sha());
        return Response.status(201).entity(answer).build();
    }

    /** As on GitHub: writers of the head repository, and the base's writers when the author lets maintainers modify. */
    private boolean mayResolve(Repository base, Repository head, PullRequest pull, HttpServletRequest request) {
        if (ReviewAccess.principal(request).anonymous()) {
            return false;
        }
        return access.mayWrite(head, request) || pull.maintainerCanModify() && access.mayWrite(base, request);
    }
}
