package io.codara.review.internal;

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
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Codara's branch health (read access): {@code GET /repos/{o}/{r}/branch-health}, every branch but the default one
 * with its standing against the default branch, its tip's CI state, its open pull request and a 0-100 score with its
 * parts, lowest score first.
 */
@Component(service = BranchHealthResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/branch-health")
@Produces(MediaType.APPLICATION_JSON)
public final class BranchHealthResource {

    private final ReviewAccess access;
    private final BranchHealth health;

    @Activate
    public BranchHealthResource(@Reference ReviewAccess access, @Reference BranchHealth health) {
        this.access = access;
        this.health = health;
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        List<BranchHealth.Branch> branches = health.branches(repository).stream()
                .sorted(java.util.Comparator.comparingInt(BranchHealth.Branch::score)
                        .thenComparing(BranchHealth.Branch::name))
                .toList();
        return page(branches, PageRequest.of(page, perPage));
    }

    /** One page of {@code branches} as JSON. */
    static Page<Map<String, Object>> page(List<BranchHealth.Branch> branches, PageRequest request) {
        int from = (int) Math.min(branches.size(), request.offset());
        int to = Math.min(branches.size(), from + request.perPage());
        return new Page<>(branches.subList(from, to).stream().map(BranchHealthResource::json).toList(), request,
                branches.size());
    }

    static Map<String, Object> json(BranchHealth.Branch branch) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", branch.name());
        json.put("sha", branch.sha());
        json.put("last_activity_at", ReviewJson.time(branch.lastActivity()));
        json.put("first_commit_at", ReviewJson.time(branch.firstCommit()));
        json.put("ahead_by", branch.ahead());
        json.put("behind_by", branch.behind());
        json.put("ci_state", branch.ciState());
        if (branch.pull() == null) {
            json.put("pull_request", null);
        } else {
            Map<String, Object> pull = new LinkedHashMap<>();
            pull.put("number", branch.pull().number());
            pull.put("mergeable", branch.pull().mergeable());
            json.put("pull_request", pull);
        }
        json.put("score", branch.score());
        json.put("parts", branch.parts().stream().map(p -> {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("name", p.name());
            part.put("value", p.value());
            part.put("points", p.points());
            part.put("max", p.max());
            part.put("explanation", p.explanation());
            return part;
        }).toList());
        return json;
    }
}
