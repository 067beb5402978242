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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.codara.api.git.Repository;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Codara's conflict forecast of a base branch (read access): {@code GET /repos/{o}/{r}/pulls/conflicts?base=} (the
 * default branch without {@code base}), every pair of its open pull requests that would conflict, and what the last
 * computation took.
 */
@Component(service = BaseConflictsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/pulls/conflicts")
@Produces(MediaType.APPLICATION_JSON)
public final class BaseConflictsResource {

    private final ReviewAccess access;
    private final PostgresPullRequests store;
    private final ConflictForecaster forecaster;

    @Activate
    public BaseConflictsResource(@Reference ReviewAccess access, @Reference PostgresPullRequests store,
            @Reference ConflictForecaster forecaster) {
        this.access = access;
        this.store = store;
        this.forecaster = forecaster;
    }

    @GET
    public Map<String, Object> forBase(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("base") String baseRef, @Context HttpServletRequest request) {
        Repository base = access.repository(owner, name, ReviewAccess.READ, request);
        String branch = baseRef == null || baseRef.isBlank() ? base.defaultBranch() : baseRef;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("base", branch);
        var state = forecaster.state(base.id(), branch);
        body.put("requested_at", state.map(s -> ReviewJson.time(s.requestedAt())).orElse(null));
        body.put("computed_at", state.map(s -> ReviewJson.time(s.computedAt())).orElse(null));
        body.put("pending", state.map(ConflictForecaster.State::pending).orElse(false));
        body.put("duration_ms", state.map(ConflictForecaster.State::durationMs).orElse(null));
        body.put("pull_requests", state.map(ConflictForecaster.State::pulls).orElse(null));
        body.put("pairs_merged", state.map(ConflictForecaster.State::pairsMerged).orElse(null));
        body.put("pairs_sharing_no_path", state.map(ConflictForecaster.State::pairsDisjoint).orElse(null));
        body.put("pairs_with_edits_apart", state.map(ConflictForecaster.State::pairsApart).orElse(null));
        body.put("pairs_unknown", state.map(ConflictForecaster.State::pairsUnknown).orElse(null));
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (var pair : forecaster.pairs(base.id(), branch)) {
            var first = store.byId(pair.first()).orElse(null);
            var second = store.byId(pair.second()).orElse(null);
            if (first != null && second != null) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("pull_requests", List.of(first.number(), second.number()));
                entry.put("paths", pair.paths());
                pairs.add(entry);
            }
        }
        body.put("conflicts", pairs);
        return body;
    }
}
