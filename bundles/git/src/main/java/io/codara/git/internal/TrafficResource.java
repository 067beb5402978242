package io.codara.git.internal;

import java.time.Instant;
import java.time.ZoneOffset;
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
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /repos/{owner}/{repo}/traffic/clones?per=day|week}: GitHub's clone traffic of the last fourteen days,
 * for those with push access (403 for other readers, 404 for those who may not read the repository).
 */
@Component(service = TrafficResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/traffic/clones")
@Produces(MediaType.APPLICATION_JSON)
public final class TrafficResource {

    private final RepositoryAccess access;
    private final CloneTraffic traffic;

    @Activate
    public TrafficResource(@Reference RepositoryAccess access, @Reference CloneTraffic traffic) {
        this.access = access;
        this.traffic = traffic;
    }

    @GET
    public Map<String, Object> clones(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("per") String per, @Context HttpServletRequest request, @Context UriInfo uri) {
        if (per != null && !per.equals("day") && !per.equals("week")) {
            throw ApiException.validation(List.of(new FieldError("Traffic", "per", "invalid",
                    "per takes day or week")));
        }
        Repository repository = access.authorised(owner, name, RepositoryAuthority.WRITE, request, uri);
        CloneTraffic.Clones clones = traffic.clones(repository.id(), "week".equals(per), Instant.now());
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (CloneTraffic.Bucket bucket : clones.buckets()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("timestamp", bucket.start().atStartOfDay().toInstant(ZoneOffset.UTC).toString());
            json.put("count", bucket.count());
            json.put("uniques", bucket.uniques());
            buckets.add(json);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", clones.count());
        body.put("uniques", clones.uniques());
        body.put("clones", buckets);
        return body;
    }
}
