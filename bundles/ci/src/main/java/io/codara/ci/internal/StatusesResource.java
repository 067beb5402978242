package io.codara.ci.internal;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.ci.CommitState;
import io.codara.api.ci.CommitStatus;
import io.codara.api.ci.CommitStatuses;
import io.codara.api.ci.NewCommitStatus;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code POST /repos/{owner}/{repo}/statuses/{sha}} (write access) posts a commit status, as external CI systems
 * do; {@code GET} on the same path lists a ref's statuses (GitHub's older alias of {@code commits/{ref}/statuses}).
 */
@Component(service = StatusesResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/statuses/{ref: .+}")
@Produces(MediaType.APPLICATION_JSON)
public final class StatusesResource {

    private final CiAccess access;
    private final CommitStatuses statuses;
    private final StatusViews views;

    @Activate
    public StatusesResource(@Reference CiAccess access, @Reference CommitStatuses statuses,
            @Reference StatusViews views) {
        this.access = access;
        this.statuses = statuses;
        this.views = views;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String sha, Map<String, Object> body, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Repository repository = access.repository(owner, name, CiAccess.WRITE, request);
        NewCommitStatus status = parse(body);
        CommitStatus created = statuses.create(repository.id(), sha, status, CiAccess.actor(request));
        CiJson json = new CiJson(uri.getBaseUri());
        return Response.status(201).header("Location", json.commitUrl(repository, created.sha()) + "/statuses")
                .entity(json.status(repository, created, access.creator(created.creatorId()), true)).build();
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String ref, @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        return views.list(owner, name, ref, page, perPage, request, uri);
    }

    /** GitHub's request body: {@code state} required, the rest optional strings. */
    static NewCommitStatus parse(Map<String, Object> body) {
        if (body == null) {
            throw new ApiException(400, "Problems parsing JSON");
        }
        Object state = body.get("state");
        if (state == null) {
            throw ApiException.validation(List.of(new ApiError.FieldError("Status", "state", "missing_field", null)));
        }
        CommitState parsed = state instanceof String s ? CommitState.of(s).orElse(null) : null;
        if (parsed == null) {
            throw new ApiException(422, "Validation Failed: state must be one of error, failure, pending, success",
                    List.of(new ApiError.FieldError("Status", "state", "invalid",
                            "state must be one of error, failure, pending, success")));
        }
        return new NewCommitStatus(parsed, string(body, "target_url"), string(body, "description"),
                string(body, "context"));
    }

    private static String string(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw ApiException.validation(List.of(new ApiError.FieldError("Status", field, "invalid",
                field + " must be a string")));
    }
}
