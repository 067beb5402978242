package io.codara.git.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.audit.Actor;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryUpdate;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /repos/{owner}/{repo}}: get, update, delete a repository and its topics, as GitHub does. A renamed or
 * transferred repository answers 301 to its new URL ({@link RepositoryAccess}).
 */
@Component(service = RepositoryResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}")
@Produces(MediaType.APPLICATION_JSON)
public final class RepositoryResource {

    private final Repositories repositories;
    private final RepositoryRoles roles;
    private final Accounts accounts;
    private final RepositoryAccess access;
    /** Absent in the copies other resources make for their answers, which then leave the count out. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile RepositorySubscriptions subscriptions;

    @Activate
    public RepositoryResource(@Reference Repositories repositories, @Reference RepositoryRoles roles,
            @Reference Accounts accounts, @Reference RepositoryAccess access) {
        this.repositories = repositories;
        this.roles = roles;
        this.accounts = accounts;
        this.access = access;
    }

    static Principal principal(HttpServletRequest request) {
        return Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE));
    }

    static Actor actor(HttpServletRequest request) {
        Principal principal = principal(request);
        if (principal.anonymous()) {
            throw new ApiException(401, "Requires authentication");
        }
        return new Actor(principal.login(), request.getRemoteAddr());
    }

    /** The repository, after the permission service allowed {@code action}; 301 when it moved. */
    private Repository authorised(String owner, String name, String action, HttpServletRequest request, UriInfo uri) {
        return access.authorised(owner, name, action, request, uri);
    }

    /** GitHub's JSON of one repository, with its parent, source and template as far as the caller may see them. */
    Map<String, Object> json(Repository repository, HttpServletRequest request, UriInfo uri) {
        Principal principal = principal(request);
        RepositoryJson json = new RepositoryJson(uri.getBaseUri());
        Map<String, Object> parent = null;
        Map<String, Object> source = null;
        Optional<Repository> up = visible(repository.parentId(), principal);
        if (up.isPresent()) {
            parent = brief(json, up.get(), principal);
            Repository root = up.get();
            java.util.Set<Long> seen = new java.util.HashSet<>(List.of(repository.id(), root.id()));
            for (Optional<Repository> next = visible(root.parentId(), principal);
                    next.isPresent() && seen.add(next.get().id()); next = visible(root.parentId(), principal)) {
                root = next.get();
            }
            source = root.id() == up.get().id() ? parent : brief(json, root, principal);
        }
        Map<String, Object> template = visible(repository.templateId(), principal)
                .map(t -> brief(json, t, principal)).orElse(null);
        Map<String, Object> full = json.full(repository, accounts.find(repository.owner())
                .orElseThrow(ApiException::notFound), roles.role(principal, repository), parent, source, template);
        RepositorySubscriptions watching = subscriptions;
        if (watching != null) {
            // GitHub's watchers_count counts stars (which Codara has not); subscribers_count counts watchers.
            full.put("subscribers_count", watching.count(repository.id()));
        }
        return full;
    }

    private Optional<Repository> visible(Long id, Principal principal) {
        return id == null ? Optional.empty() : repositories.find(id)
                .filter(r -> RepositoryRoles.visible(principal, r, roles.role(principal, r)));
    }

    private Map<String, Object> brief(RepositoryJson json, Repository repository, Principal principal) {
        return json.of(repository, accounts.find(repository.owner()).orElseThrow(ApiException::notFound),
                roles.role(principal, repository));
    }

    @GET
    public Response get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        return Response.ok(json(authorised(owner, name, RepositoryAuthority.READ, request, uri), request, uri)).build();
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("owner") String owner, @PathParam("repo") String name, RepositoryBody body,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = authorised(owner, name, RepositoryAuthority.ADMIN, request, uri);
        RepositoryUpdate update = body == null ? new RepositoryUpdate(null, null, null, null, null, null, null, null)
                : body.toUpdate();
        Repository updated = repositories.update(repository.owner(), repository.name(), update, actor(request));
        return Response.ok(json(updated, request, uri)).build();
    }

    @DELETE
    public Response delete(@PathParam("owner") String owner, @PathParam("repo") String name,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = authorised(owner, name, RepositoryAuthority.ADMIN, request, uri);
        repositories.delete(repository.owner(), repository.name(), actor(request));
        return Response.noContent().build();
    }

    @GET
    @Path("topics")
    public Response topics(@PathParam("owner") String owner, @PathParam("repo") String name,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        return Response.ok(Map.of("names", authorised(owner, name, RepositoryAuthority.READ, request, uri).topics()))
                .build();
    }

    /** The JSON body of {@code PUT .../topics}. */
    public record Topics(List<String> names) {
    }

    @PUT
    @Path("topics")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replaceTopics(@PathParam("owner") String owner, @PathParam("repo") String name, Topics body,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = authorised(owner, name, RepositoryAuthority.ADMIN, request, uri);
        List<String> names = body == null || body.names() == null ? List.of() : body.names();
        Repository updated = repositories.update(repository.owner(), repository.name(),
                new RepositoryUpdate(null, null, null, names, null, null, null, null), actor(request));
        return Response.ok(Map.of("names", updated.topics())).build();
    }
}
