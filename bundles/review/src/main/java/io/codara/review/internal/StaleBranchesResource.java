package io.codara.review.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Codara's stale branches (read access): {@code GET /repos/{o}/{r}/stale-branches?days=90}, the branches but the
 * default one whose tip is older than {@code days} days and that no open pull request comes from, oldest first, in
 * the shape of {@link BranchHealthResource}'s entries.
 */
@Component(service = StaleBranchesResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/stale-branches")
@Produces(MediaType.APPLICATION_JSON)
public final class StaleBranchesResource {

    static final int DEFAULT_DAYS = 90;

    private final ReviewAccess access;
    private final BranchHealth health;

    @Activate
    public StaleBranchesResource(@Reference ReviewAccess access, @Reference BranchHealth health) {
        this.access = access;
        this.health = health;
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("days") Integer days, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        int d = days == null ? DEFAULT_DAYS : days;
        if (d < 0) {
            throw ApiException.validation(java.util.List.of(new ApiError.FieldError("Branch", "days", "invalid",
                    "days must not be negative")));
        }
        return BranchHealthResource.page(health.stale(repository, d), PageRequest.of(page, perPage));
    }
}
