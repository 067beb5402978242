package io.codara.auth.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.auth.AccessTokens;
import io.codara.api.auth.CreatedToken;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Permissions;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /user/tokens}: the signed-in user's personal access tokens. The secret is in the answer to the
 * {@code POST} and nowhere else, ever.
 */
@Component(service = TokensResource.class)
@JakartarsResource
@Path("user/tokens")
@Produces(MediaType.APPLICATION_JSON)
public final class TokensResource {

    private final AccessTokens tokens;
    private final Permissions permissions;

    @Activate
    public TokensResource(@Reference AccessTokens tokens, @Reference Permissions permissions) {
        this.tokens = tokens;
        this.permissions = permissions;
    }

    private Caller self(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        permissions.require(caller.principal(), IdentityAuthorities.User.TOKENS, new ResourceRef("user", caller.login()));
        return caller;
    }

    @GET
    public List<Map<String, Object>> list(@Context HttpServletRequest request, @Context UriInfo uri) {
        Shapes shapes = new Shapes(uri.getBaseUri());
        return tokens.list(self(request).login()).stream().map(t -> shapes.token(t, null)).toList();
    }

    /** The JSON body of {@code POST /user/tokens}. */
    public record NewToken(String name, String note, List<String> scopes, String expires_at) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewToken body, @Context HttpServletRequest request, @Context UriInfo uri) {
        Caller caller = self(request);
        if (body == null) {
            throw new Validation("Token").missing("name").failure();
        }
        String name = body.name() != null ? body.name() : body.note();
        CreatedToken created = tokens.create(caller.login(), name, body.scopes() == null ? Set.of()
                : body.scopes().stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet()), Shapes.parseInstant("expires_at", body.expires_at()), caller.actor());
        return Response.created(URI.create(uri.getBaseUri() + "user/tokens/" + created.info().id()))
                .entity(new Shapes(uri.getBaseUri()).token(created.info(), created.token())).build();
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") long id, @Context HttpServletRequest request, @Context UriInfo uri) {
        return new Shapes(uri.getBaseUri()).token(tokens.list(self(request).login()).stream()
                .filter(t -> t.id() == id).findFirst().orElseThrow(ApiException::notFound), null);
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") long id, @Context HttpServletRequest request) {
        Caller caller = self(request);
        if (!tokens.revoke(caller.login(), id, caller.actor())) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }
}
