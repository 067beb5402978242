package io.codara.git.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.rest.PagedObject;
import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Codara's {@code GET /explore/repositories?since=daily|weekly|monthly&language=&topic=}: trending repositories
 * (GitHub has no such REST resource). Answers {@code {since, from, to, weights, total_count, items}} with a
 * {@code Link} header; each item is GitHub's repository JSON plus {@code trending}: the score and, per component
 * ({@code stars}, {@code forks}, {@code pushes}, {@code clones}), the count within the window and its share of
 * the score, so a client can show why a repository is there.
 */
@Component(service = ExploreResource.class)
@JakartarsResource
@Path("explore/repositories")
@Produces(MediaType.APPLICATION_JSON)
public final class ExploreResource {

    private final Trending trending;
    private final RepositoryRoles roles;
    private final Accounts accounts;

    @Activate
    public ExploreResource(@Reference Trending trending, @Reference RepositoryRoles roles,
            @Reference Accounts accounts) {
        this.trending = trending;
        this.roles = roles;
        this.accounts = accounts;
    }

    @GET
    public Response get(@QueryParam("since") String since, @QueryParam("language") String language,
            @QueryParam("topic") String topic, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        Principal principal = RepositoryResource.principal(request);
        Trending.Window window = Trending.Window.parse(since);
        PageRequest pageRequest = PageRequest.of(page, perPage);
        Instant now = Instant.now();
        Page<Trending.Trend> found = trending.trending(window, language, topic, principal, pageRequest, now);
        Trending.Weights weights = trending.weights();
        RepositoryJson json = new RepositoryJson(uri.getBaseUri());
        Map<String, Optional<Account>> owners = new HashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Trending.Trend trend : found.items()) {
            owners.computeIfAbsent(trend.repository().owner(), accounts::find).ifPresent(owner -> {
                Map<String, Object> item = json.of(trend.repository(), owner, roles.role(principal,
                        trend.repository()));
                Map<String, Object> why = new LinkedHashMap<>();
                why.put("score", round(trend.score()));
                why.put("stars", component(trend.stars(), weights.stars()));
                why.put("forks", component(trend.forks(), weights.forks()));
                why.put("pushes", component(trend.pushes(), weights.pushes()));
                why.put("clones", component(trend.clones(), weights.clones()));
                item.put("trending", why);
                items.add(item);
            });
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("since", window.name().toLowerCase(java.util.Locale.ROOT));
        body.put("from", StarResource.time(now.minus(window.length)));
        body.put("to", StarResource.time(now));
        Map<String, Object> weightsJson = new LinkedHashMap<>();
        weightsJson.put("stars", weights.stars());
        weightsJson.put("forks", weights.forks());
        weightsJson.put("pushes", weights.pushes());
        weightsJson.put("clones", weights.clones());
        body.put("weights", weightsJson);
        body.put("total_count", found.total());
        body.put("items", items);
        return Response.ok(new PagedObject(body, pageRequest, found.total())).build();
    }

    private static Map<String, Object> component(long count, double weight) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", count);
        json.put("score", round(Trending.Weights.part(weight, count)));
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
