package io.codara.review.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequests;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Codara's conflict forecast of one pull request (read access): {@code GET /repos/{o}/{r}/pulls/{number}/conflicts},
 * the other open pull requests onto the same base that it would conflict with if either merged first, with the paths,
 * and whether a newer forecast is on its way.
 */
@Component(service = ConflictForecastResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/pulls/{number: [0-9]+}/conflicts")
@Produces(MediaType.APPLICATION_JSON)
public final class ConflictForecastResource {

    private final ReviewAccess access;
    private final PullRequests pulls;
    private final PostgresPullRequests store;
    private final ConflictForecaster forecaster;

    @Activate
    public ConflictForecastResource(@Reference ReviewAccess access, @Reference PullRequests pulls,
            @Reference PostgresPullRequests store, @Reference ConflictForecaster forecaster) {
        this.access = access;
        this.pulls = pulls;
        this.store = store;
        this.forecaster = forecaster;
    }

    @GET
    public Map<String, Object> forPull(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("number") int number, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        PullRequest pull = pulls.find(base.id(), number).orElseThrow(ApiException::notFound);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("base", pull.baseRef());
        if (!pull.open()) {
            body.put("computed_at", null);
            body.put("pending", false);
            body.put("conflicts", List.of());
            return body;
        }
        ConflictForecaster.Forecast forecast = forecaster.forecast(pull.id(), base.id(), pull.baseRef());
        body.put("computed_at", ReviewJson.time(forecast.computedAt()));
        body.put("pending", forecast.pending());
        List<Map<String, Object>> conflicts = new ArrayList<>();
        for (ConflictForecaster.Conflict conflict : forecast.conflicts()) {
            store.byId(conflict.pullRequestId()).ifPresent(other -> conflicts.add(entry(uri, base, other,
                    conflict.paths())));
        }
        body.put("conflicts", conflicts);
        return body;
    }

    private static Map<String, Object> entry(UriInfo uri, Repository base, PullRequest other, List<String> paths) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("number", other.number());
        entry.put("title", other.title());
        entry.put("html_url", ReviewJson.web(uri.getBaseUri()) + base.fullName() + "/pull/" + other.number());
        entry.put("head", Map.of("ref", other.headRef(), "sha", other.headSha()));
        entry.put("paths", paths);
        return entry;
    }
}
