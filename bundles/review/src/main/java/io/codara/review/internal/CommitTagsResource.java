package io.codara.review.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
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
import io.codara.api.identity.Account;
import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Codara's commit tags, {@code /repos/{owner}/{repo}/commits/{ref}/tags}: readers list the suggested, confirmed
 * and rejected tags; writers confirm a tag ({@code PUT .../tags/{name}}) or reject it ({@code DELETE}).
 */
@Component(service = CommitTagsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/commits/{ref: [^/]+}/tags")
@Produces(MediaType.APPLICATION_JSON)
public final class CommitTagsResource {

    private final ReviewAccess access;
    private final CommitTags tags;

    @Activate
    public CommitTagsResource(@Reference ReviewAccess access, @Reference CommitTags tags) {
        this.access = access;
        this.tags = tags;
    }

    @GET
    public List<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String ref, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        return json(repository, tags.commit(repository, ref), uri);
    }

    @PUT
    @Path("{name}")
    public List<Map<String, Object>> confirm(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String ref, @PathParam("name") String tag, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        return decide(owner, name, ref, tag, "confirmed", request, uri);
    }

    @DELETE
    @Path("{name}")
    public List<Map<String, Object>> reject(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String ref, @PathParam("name") String tag, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        return decide(owner, name, ref, tag, "rejected", request, uri);
    }

    private List<Map<String, Object>> decide(String owner, String name, String ref, String tag, String state,
            HttpServletRequest request, UriInfo uri) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        String login = ReviewAccess.actor(request).login();
        if (!access.mayWrite(repository, request)) {
            throw new ApiException(403, "Must have push access to confirm or reject commit tags");
        }
        Account account = access.account(login);
        if (account == null) {
            throw new ApiException(401, "Requires authentication");
        }
        CommitTags.Commit commit = tags.commit(repository, ref);
        tags.decide(repository, commit, CommitTags.name(tag), state, account.id());
        return json(repository, commit, uri);
    }

    private List<Map<String, Object>> json(Repository repository, CommitTags.Commit commit, UriInfo uri) {
        ReviewJson json = new ReviewJson(uri.getBaseUri());
        return tags.list(repository, commit).stream().map(t -> {
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("name", t.name());
            tag.put("state", t.state());
            tag.put("reason", t.reason());
            Account by = t.decidedBy() == null ? null : access.account(t.decidedBy());
            tag.put("confirmed_by", by == null || !t.state().equals("confirmed") ? null : json.user(by));
            tag.put("rejected_by", by == null || !t.state().equals("rejected") ? null : json.user(by));
            tag.put("decided_at", t.decidedAt() == null ? null
                    : t.decidedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            tag.put("commit_id", commit.sha());
            return tag;
        }).toList();
    }
}
