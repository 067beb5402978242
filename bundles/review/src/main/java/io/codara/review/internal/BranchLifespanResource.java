package io.codara.review.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Codara's branch lifespans (read access): {@code GET /repos/{o}/{r}/branch-lifespans?days=90}, how many branches
 * ended in the last {@code days} days by a merged pull request and by deletion, the median and 90th percentile of
 * the hours they lived, and the longest-lived branches still alive.
 */
@Component(service = BranchLifespanResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/branch-lifespans")
@Produces(MediaType.APPLICATION_JSON)
public final class BranchLifespanResource {

    static final int DEFAULT_DAYS = 90;

    private final ReviewAccess access;
    private final BranchLifecycles lifecycles;

    @Activate
    public BranchLifespanResource(@Reference ReviewAccess access, @Reference BranchLifecycles lifecycles) {
        this.access = access;
        this.lifecycles = lifecycles;
    }

    @GET
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("days") Integer days, @Context HttpServletRequest request) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        int d = days == null ? DEFAULT_DAYS : days;
        if (d < 1) {
            throw ApiException.validation(List.of(new ApiError.FieldError("Branch", "days", "invalid",
                    "days must be at least 1")));
        }
        BranchLifecycles.Lifespan lifespan = lifecycles.lifespan(repository.id(), d);
        Instant now = lifecycles.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("days", d);
        body.put("merged", spans(lifespan.merged()));
        body.put("deleted", spans(lifespan.deleted()));
        body.put("longest_open", lifespan.longestOpen().stream().map(l -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", l.branch());
            entry.put("created_at", ReviewJson.time(l.createdAt()));
            entry.put("age_hours", Duration.between(l.createdAt(), now).toMinutes() / 60.0);
            return entry;
        }).toList());
        return body;
    }

    private static Map<String, Object> spans(BranchLifecycles.Spans spans) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", spans.count());
        json.put("median_hours", spans.medianHours());
        json.put("p90_hours", spans.p90Hours());
        return json;
    }
}
