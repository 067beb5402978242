package io.codara.auth.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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

import io.codara.api.auth.GpgKey;
import io.codara.api.auth.GpgKeys;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Email;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Permissions;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * GitHub's {@code /user/gpg_keys}: the signed-in user's own GPG keys ({@link PublicGpgKeysResource} serves
 * everyone's).
 */
@Component(service = GpgKeysResource.class)
@JakartarsResource
@Path("user/gpg_keys")
@Produces(MediaType.APPLICATION_JSON)
public final class GpgKeysResource {

    private final GpgKeys keys;
    private final Accounts accounts;
    private final Permissions permissions;

    @Activate
    public GpgKeysResource(@Reference GpgKeys keys, @Reference Accounts accounts, @Reference Permissions permissions) {
        this.keys = keys;
        this.accounts = accounts;
        this.permissions = permissions;
    }

    @GET
    public Page<GpgKeyJson> list(@Context HttpServletRequest request, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage) {
        String login = accountManager(Caller.of(request));
        return page(keys.list(login), PageRequest.of(page, perPage), view(accounts, login));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(NewGpgKey body, @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = Caller.of(request);
        String login = accountManager(caller);
        GpgKey key = keys.add(login, body == null ? null : body.name(),
                body == null ? null : body.armored_public_key(), caller.actor());
        URI location = uri.getBaseUri().resolve("user/gpg_keys/" + key.id());
        return Response.created(location).entity(view(accounts, login).apply(key)).build();
    }

    @GET
    @Path("{id}")
    public GpgKeyJson get(@PathParam("id") long id, @Context HttpServletRequest request) {
        String login = accountManager(Caller.of(request));
        return keys.find(login, id).map(view(accounts, login)).orElseThrow(ApiException::notFound);
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

    /** As for SSH keys, managing one's GPG keys (even listing them) is account management: {@code write}. */
    private String accountManager(Caller caller) {
        String login = caller.login();
        permissions.require(caller.principal(), "write", new ResourceRef("user", login));
        return login;
    }

    /** The JSON of the keys of {@code login}, whose emails' verification is read once. */
    static Function<GpgKey, GpgKeyJson> view(Accounts accounts, String login) {
        Map<String, Boolean> verified = accounts.emails(login).stream().collect(Collectors.toMap(
                e -> e.email().toLowerCase(Locale.ROOT), Email::verified, (a, b) -> a || b));
        return key -> GpgKeyJson.of(key, verified);
    }

    /** A user has a handful of keys, so the page is cut from the whole list rather than queried. */
    static Page<GpgKeyJson> page(List<GpgKey> all, PageRequest request, Function<GpgKey, GpgKeyJson> view) {
        long from = Math.min(request.offset(), all.size());
        long to = Math.min(from + request.perPage(), all.size());
        return new Page<>(all.subList((int) from, (int) to).stream().map(view).toList(), request, all.size());
    }
}
