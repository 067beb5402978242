package io.codara.git.internal;

import java.net.URI;
import java.util.LinkedHashMap;
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

import io.codara.api.audit.Actor;
import io.codara.api.git.ForkNode;
import io.codara.api.git.ForkSort;
import io.codara.api.git.NewFork;
import io.codara.api.git.NewFromTemplate;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.UpstreamSync;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * A repository's life cycle beyond create, update and delete, in GitHub's shapes: forks
 * ({@code /repos/{o}/{r}/forks}, Codara's {@code /forks/tree}), {@code merge-upstream}, {@code generate} from a
 * template and {@code transfer}. One root resource per path, because JAX-RS picks one root class per request by
 * its longest literal path and {@code /repos/{o}/{r}} is {@link RepositoryResource}'s.
 */
final class RepositoryLifecycleResource {

    private RepositoryLifecycleResource() {
    }

    /** The caller may create repositories for {@code account}: themselves, or an organisation they belong to. */
    static void requireCreate(Permissions permissions, Principal principal, Account account) {
        permissions.require(principal, "create_repository",
                new ResourceRef(account.organization() ? "organization" : "user", account.login()));
    }

    /** {@code /repos/{owner}/{repo}/forks}: list, create, and the network as a tree. */
    @Component(service = Forks.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/forks")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Forks {

        /** The deepest fork tree answered. */
        static final int MAX_DEPTH = 10;

        private final RepositoryAccess access;
        private final Repositories repositories;
        private final RepositoryResource resource;
        private final RepositoryRoles roles;
        private final Accounts accounts;
        private final Permissions permissions;

        @Activate
        public Forks(@Reference RepositoryAccess access, @Reference Repositories repositories,
                @Reference RepositoryRoles roles, @Reference Accounts accounts, @Reference Permissions permissions) {
            this.access = access;
            this.repositories = repositories;
            this.roles = roles;
            this.accounts = accounts;
            this.permissions = permissions;
            this.resource = new RepositoryResource(repositories, roles, accounts, access);
        }

        /** The JSON body of {@code POST .../forks}. */
        public record Body(String organization, String name, Boolean default_branch_only) {
        }

        @GET
        public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
                @QueryParam("sort") String sort, @QueryParam("page") Integer page,
                @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
            Repository parent = access.readable(owner, name, request, uri);
            ForkSort order;
            try {
                order = ForkSort.parse(sort);
            } catch (IllegalArgumentException e) {
                throw RepositoryNames.invalid("sort", "invalid", e.getMessage());
            }
            Principal principal = RepositoryResource.principal(request);
            Page<Repository> forks = repositories.forks(parent.owner(), parent.name(), order, principal,
                    PageRequest.of(page, perPage));
            RepositoryJson json = new RepositoryJson(uri.getBaseUri());
            return new Page<>(forks.items().stream().map(r -> json.of(r,
                    accounts.find(r.owner()).orElseThrow(ApiException::notFound), roles.role(principal, r))).toList(),
                    forks.request(), forks.total());
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response create(@PathParam("owner") String owner, @PathParam("repo") String name, Body body,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            Actor actor = RepositoryResource.actor(request);
            Principal principal = RepositoryResource.principal(request);
            Repository parent = access.readable(owner, name, request, uri);
            String target = body == null || body.organization() == null ? actor.login() : body.organization();
            Account account = accounts.find(target).filter(a -> body == null || body.organization() == null
                    || a.organization()).orElseThrow(() -> RepositoryNames.invalid("organization", "invalid",
                            "no organization named " + target));
            requireCreate(permissions, principal, account);
            Repository fork = repositories.fork(parent.owner(), parent.name(), new NewFork(account.login(),
                    body == null ? null : body.name(), body != null && Boolean.TRUE.equals(body.default_branch_only())),
                    actor);
            return Response.accepted(resource.json(fork, request, uri)).build();
        }

        @GET
        @Path("tree")
        public Map<String, Object> tree(@PathParam("owner") String owner, @PathParam("repo") String name,
                @QueryParam("depth") Integer depth, @Context HttpServletRequest request, @Context UriInfo uri) {
            Repository repository = access.readable(owner, name, request, uri);
            int levels = depth == null ? 3 : depth;
            if (levels < 0 || levels > MAX_DEPTH) {
                throw RepositoryNames.invalid("depth", "invalid", "depth must be between 0 and " + MAX_DEPTH);
            }
            Principal principal = RepositoryResource.principal(request);
            ForkNode root = repositories.network(repository.owner(), repository.name(), levels, principal);
            return node(new RepositoryJson(uri.getBaseUri()), root, principal);
        }

        private Map<String, Object> node(RepositoryJson json, ForkNode node, Principal principal) {
            Repository r = node.repository();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("repository", json.of(r, accounts.find(r.owner()).orElseThrow(ApiException::notFound),
                    roles.role(principal, r)));
            out.put("forks", node.forks().stream().map(f -> node(json, f, principal)).toList());
            out.put("truncated", node.truncated());
            return out;
        }
    }

    /** {@code POST /repos/{owner}/{repo}/merge-upstream}: fast-forwards a fork's branch to its upstream's. */
    @Component(service = MergeUpstream.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/merge-upstream")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class MergeUpstream {

        private final RepositoryAccess access;
        private final Repositories repositories;

        @Activate
        public MergeUpstream(@Reference RepositoryAccess access, @Reference Repositories repositories) {
            this.access = access;
            this.repositories = repositories;
        }

        /** GitHub's body. */
        public record Body(String branch) {
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Map<String, Object> sync(@PathParam("owner") String owner, @PathParam("repo") String name, Body body,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            Repository fork = access.authorised(owner, name, RepositoryAuthority.WRITE, request, uri);
            UpstreamSync sync = repositories.mergeUpstream(fork.owner(), fork.name(),
                    body == null ? null : body.branch(), RepositoryResource.actor(request));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("message", sync.message());
            json.put("merge_type", sync.mergeType());
            json.put("base_branch", sync.baseBranch());
            return json;
        }
    }

    /** {@code POST /repos/{owner}/{repo}/generate}: a new repository from a template. */
    @Component(service = Generate.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/generate")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Generate {

        private final RepositoryAccess access;
        private final Repositories repositories;
        private final Accounts accounts;
        private final Permissions permissions;
        private final RepositoryResource resource;

        @Activate
        public Generate(@Reference RepositoryAccess access, @Reference Repositories repositories,
                @Reference RepositoryRoles roles, @Reference Accounts accounts, @Reference Permissions permissions) {
            this.access = access;
            this.repositories = repositories;
            this.accounts = accounts;
            this.permissions = permissions;
            this.resource = new RepositoryResource(repositories, roles, accounts, access);
        }

        /** GitHub's body. */
        public record Body(String owner, String name, String description, Boolean include_all_branches,
                Boolean private_) {

            @com.fasterxml.jackson.annotation.JsonCreator
            static Body json(@com.fasterxml.jackson.annotation.JsonProperty("owner") String owner,
                    @com.fasterxml.jackson.annotation.JsonProperty("name") String name,
                    @com.fasterxml.jackson.annotation.JsonProperty("description") String description,
                    @com.fasterxml.jackson.annotation.JsonProperty("include_all_branches") Boolean all,
                    @com.fasterxml.jackson.annotation.JsonProperty("private") Boolean isPrivate) {
                return new Body(owner, name, description, all, isPrivate);
            }
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response generate(@PathParam("owner") String owner, @PathParam("repo") String name, Body body,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            Actor actor = RepositoryResource.actor(request);
            Repository template = access.readable(owner, name, request, uri);
            if (body == null || body.name() == null) {
                throw RepositoryNames.invalid("name", "missing_field", "name is required");
            }
            String target = body.owner() == null ? actor.login() : body.owner();
            Account account = accounts.find(target).orElseThrow(() -> RepositoryNames.invalid("owner", "invalid",
                    "no user or organization named " + target));
            requireCreate(permissions, RepositoryResource.principal(request), account);
            Repository created = repositories.generate(template.owner(), template.name(), new NewFromTemplate(
                    account.login(), body.name(), body.description(), Boolean.TRUE.equals(body.include_all_branches()),
                    Boolean.TRUE.equals(body.private_()) ? Visibility.PRIVATE : Visibility.PUBLIC), actor);
            return Response.created(URI.create(uri.getBaseUri() + "repos/" + created.fullName()))
                    .entity(resource.json(created, request, uri)).build();
        }
    }

    /**
     * {@code POST /repos/{owner}/{repo}/transfer}: moves a repository to another owner at once. GitHub asks a user
     * who receives a repository to accept; Codara moves it directly when the caller may create repositories as
     * the new owner (is that user, or a site administrator) or administers the receiving organisation, and
     * answers 403 otherwise (the new owner can be asked to do it, or be made an admin of the repository).
     */
    @Component(service = Transfer.class)
    @JakartarsResource
    @Path("repos/{owner}/{repo}/transfer")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Transfer {

        private final RepositoryAccess access;
        private final Repositories repositories;
        private final Accounts accounts;
        private final Permissions permissions;
        private final RepositoryResource resource;

        @Activate
        public Transfer(@Reference RepositoryAccess access, @Reference Repositories repositories,
                @Reference RepositoryRoles roles, @Reference Accounts accounts, @Reference Permissions permissions) {
            this.access = access;
            this.repositories = repositories;
            this.accounts = accounts;
            this.permissions = permissions;
            this.resource = new RepositoryResource(repositories, roles, accounts, access);
        }

        /** GitHub's body ({@code team_ids} is not supported: teams are given access after the move). */
        public record Body(String new_owner, String new_name) {
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response transfer(@PathParam("owner") String owner, @PathParam("repo") String name, Body body,
                @Context HttpServletRequest request, @Context UriInfo uri) {
            Repository repository = access.authorised(owner, name, RepositoryAuthority.ADMIN, request, uri);
            Actor actor = RepositoryResource.actor(request);
            Principal principal = RepositoryResource.principal(request);
            if (body == null || body.new_owner() == null || body.new_owner().isBlank()) {
                throw RepositoryNames.invalid("new_owner", "missing_field", "new_owner is required");
            }
            Account target = accounts.find(body.new_owner()).orElseThrow(() -> RepositoryNames.invalid("new_owner",
                    "invalid", "no user or organization named " + body.new_owner()));
            ResourceRef receiver = new ResourceRef(target.organization() ? "organization" : "user", target.login());
            Decision decision = permissions.decide(principal, target.organization() ? "admin" : "create_repository",
                    receiver);
            if (decision != Decision.ALLOW) {
                throw new ApiException(403, target.organization()
                        ? "Only administrators of " + target.login() + " may transfer repositories to it"
                        : "Only " + target.login() + " may receive this repository: ask them to transfer it, or make"
                                + " them an administrator of it first");
            }
            Repository moved = repositories.transfer(repository.owner(), repository.name(), target.login(),
                    body.new_name(), actor);
            return Response.accepted(resource.json(moved, request, uri)).build();
        }
    }
}
