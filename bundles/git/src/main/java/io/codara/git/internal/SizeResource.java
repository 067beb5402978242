package io.codara.git.internal;

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

import io.codara.api.git.GcReport.DiskUsage;
import io.codara.api.git.Repository;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /repos/{owner}/{repo}/size}: Codara's size analytics: bytes on disk, reachable objects by type, the
 * largest files of the default branch ({@code top}, default 10, at most 100) with their history, and growth.
 */
@Component(service = SizeResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/size")
@Produces(MediaType.APPLICATION_JSON)
public final class SizeResource {

    private final RepositoryAccess access;
    private final RepositorySizes sizes;

    @Activate
    public SizeResource(@Reference RepositoryAccess access, @Reference RepositorySizes sizes) {
        this.access = access;
        this.sizes = sizes;
    }

    @GET
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("top") Integer top, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        RepositorySizes.Report report = sizes.report(repository, top == null ? 10 : top);
        String api = uri.getBaseUri() + "repos/" + repository.fullName();
        Map<String, Object> disk = usage(report.disk());
        disk.put("directory_bytes", report.directoryBytes());
        disk.put("bitmaps", report.bitmaps());
        Map<String, Object> objects = new LinkedHashMap<>();
        objects.put("commits", report.objects().commits());
        objects.put("trees", report.objects().trees());
        objects.put("blobs", report.objects().blobs());
        objects.put("tags", report.objects().tags());
        objects.put("total", report.objects().total());
        List<Map<String, Object>> largest = report.largest().stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", b.path());
            m.put("sha", b.sha());
            m.put("size", b.size());
            m.put("history", b.history().stream().map(c -> {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("sha", c.sha());
                h.put("date", c.date().toString());
                h.put("author", c.author());
                h.put("message_headline", c.headline());
                h.put("size", c.size());
                h.put("url", api + "/commits/" + c.sha());
                return h;
            }).toList());
            return m;
        }).toList();
        List<Map<String, Object>> growth = report.growth().stream().map(s -> {
            Map<String, Object> m = usage(s.usage());
            m.put("sampled_at", s.sampledAt().toString());
            return m;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size", (report.disk().totalBytes() + 1023) / 1024); // kilobytes, as GitHub's repository size
        body.put("disk", disk);
        body.put("objects", objects);
        body.put("largest_blobs", largest);
        body.put("growth", growth);
        return body;
    }

    private static Map<String, Object> usage(DiskUsage usage) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_bytes", usage.totalBytes());
        m.put("pack_bytes", usage.packBytes());
        m.put("loose_bytes", usage.looseBytes());
        m.put("packs", usage.packs());
        m.put("packed_objects", usage.packedObjects());
        m.put("loose_objects", usage.looseObjects());
        return m;
    }
}
