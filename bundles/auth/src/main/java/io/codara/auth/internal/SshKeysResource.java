package io.codara.auth.internal;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import io.codara.api.auth.SshKey;
import io.codara.api.auth.SshKeys;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * GitHub's {@code /user/keys}: the signed-in user's own SSH keys ({@link PublicSshKeysResource} serves
 * everyone's public keys).
 */
@Component(service = SshKeysResource.class)
@JakartarsResource
@Path("user/keys")
@Produces(MediaType.APPLICATION_JSON)
public final class SshKeysResource {

    private final SshKeys keys;
    private final Permissions permissions;

    @Activate
    public SshKeysResource(@Reference SshKeys keys, @Reference Permissions permissions) {
        this.keys = keys;
        this.permissions = permissions;
    }

    @GET
    public Page<SshKeyJson> list(@Context HttpServletRequest request, @Context UriInfo uri,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage) {
        String login = accountManager(Caller.of(request));
        URI base = uri.getBaseUri();
        return page(keys.list(login), PageRequest.of(page, perPage), key -> SshKeyJson.of(key, base));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(NewSshKey body, @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        String login = accountManager(caller);
        SshKey key = keys.add(login, body == null ? null : body.title(), body == null ? null : body.key(),
                caller.actor());
        SshKeyJson json = SshKeyJson.of(key, uri.getBaseUri());
        return Response.created(URI.create(json.url())).entity(json).build();
    }

    @GET
    @Path("{id}")
    public SshKeyJson get(@PathParam("id") long id, @Context HttpServletRequest request, @Context UriInfo uri) {
        String login = accountManager(Caller.of(request));
        return keys.find(login, id).map(key -> SshKeyJson.of(key, uri.getBaseUri())).orElseThrow(ApiException::notFound);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id, @Context HttpServletRequest request) {
        Caller caller = Caller.of(request);
        String login = accountManager(caller);
        if (!keys.delete(login, id, caller.actor())) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }

    /**
     * The caller's login once they may manage their account: even listing one's own keys is account management
     * (it shows titles and last use), so every {@code /user/keys} endpoint asks for {@code write}.
     */
    private String accountManager(Caller caller) {
        String login = caller.login();
        permissions.require(caller.principal(), "write", new ResourceRef("user", login));
        return login;
    }

    /** A user has a handful of keys, so the page is cut from the whole list rather than queried. */
    static <T> Page<T> page(List<SshKey> all, PageRequest request, Function<SshKey, T> view) {
        long from = Math.min(request.offset(), all.size());
        long to = Math.min(from + request.perPage(), all.size());
        return new Page<>(all.subList((int) from, (int) to).stream().map(view).toList(), request, all.size());
    }
}
