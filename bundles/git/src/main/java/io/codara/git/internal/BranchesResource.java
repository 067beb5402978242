package io.codara.git.internal;

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
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.BranchProtection;
import io.codara.api.git.BranchProtections;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /repos/{owner}/{repo}/branches}: a repository's branches, and one branch (whose name may hold slashes). */
@Component(service = BranchesResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/branches")
@Produces(MediaType.APPLICATION_JSON)
public final class BranchesResource {

    private final RepositoryAccess access;
    private final RepositoryBrowser browser;
    private final BranchProtections protections;
    private final CommitSignatures signatures;

    @Activate
    public BranchesResource(@Reference RepositoryAccess access, @Reference RepositoryBrowser browser,
            @Reference BranchProtections protections, @Reference CommitSignatures signatures) {
        this.access = access;
        this.browser = browser;
        this.protections = protections;
        this.signatures = signatures;
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        GitJson json = new GitJson(uri.getBaseUri(), repository);
        Page<RepositoryBrowser.Named> branches = browser.branches(repository, PageRequest.of(page, perPage));
        List<BranchProtection> rules = protections.list(repository.id());
        return new Page<>(branches.items().stream()
                .map(b -> json.branchInList(b, PostgresBranchProtections.effective(rules, b.name()))).toList(),
                branches.request(), branches.total());
    }

    @GET
    @Path("{branch: .+}")
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("branch") String branch, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        RepositoryBrowser.Commit head = browser.branch(repository, branch)
                .orElseThrow(() -> new ApiException(404, "Branch not found"));
        return new GitJson(uri.getBaseUri(), repository, signatures.lookup()).branch(branch, head,
                protections.effective(repository.id(), branch));
    }
}
