package io.codara.review.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.codara.api.git.Repository;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Codara's impact analysis of a commit, {@code GET /repos/{owner}/{repo}/commits/{ref}/impact}: the changed files,
 * the build modules they belong to, the modules and files that depend on them, the owners to notify and the tests
 * that cover them, each with the reason it is listed. Anyone who can read the repository may ask.
 */
@Component(service = CommitImpactResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/commits/{ref: [^/]+}/impact")
@Produces(MediaType.APPLICATION_JSON)
public final class CommitImpactResource {

    private final ReviewAccess access;
    private final CommitImpact impact;

    @Activate
    public CommitImpactResource(@Reference ReviewAccess access, @Reference CommitImpact impact) {
        this.access = access;
        this.impact = impact;
    }

    @GET
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String ref, @Context HttpServletRequest request) {
        Repository repository = access.repository(owner, name, ReviewAccess.READ, request);
        return json(impact.impact(repository, ref));
    }

    static Map<String, Object> json(ImpactAnalysis.Impact i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sha", i.sha());
        out.put("parent", i.parent());
        out.put("merge", i.merge());
        out.put("files", i.files().stream().map(f -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("filename", f.path());
            if (f.previousPath() != null) {
                file.put("previous_filename", f.previousPath());
            }
            file.put("status", f.status());
            file.put("additions", f.additions());
            file.put("deletions", f.deletions());
            file.put("language", f.language());
            file.put("module", f.module());
            return file;
        }).toList());
        out.put("files_truncated", i.filesTruncated());
        out.put("modules", i.modules().stream().map(t -> {
            Map<String, Object> m = module(t.module());
            m.put("files", t.files());
            return m;
        }).toList());
        Map<String, Object> dependents = new LinkedHashMap<>();
        dependents.put("modules", i.dependentModules().stream().map(d -> {
            Map<String, Object> m = module(d.module());
            m.put("depth", d.depth());
            m.put("via", d.via());
            m.put("relation", d.reference().link().name().toLowerCase(java.util.Locale.ROOT));
            m.put("line", d.reference().line());
            m.put("text", d.reference().text());
            m.put("reason", reason(d));
            return m;
        }).toList());
        dependents.put("files", files(i.dependentFiles()));
        dependents.put("total_files", i.dependentFilesTotal());
        dependents.put("truncated", i.dependentFilesTruncated());
        out.put("dependents", dependents);
        Map<String, Object> owners = new LinkedHashMap<>();
        owners.put("codeowners", i.codeowners());
        owners.put("total", i.owners().stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("owner", o.owner());
            m.put("type", o.type());
            m.put("files", o.files());
            return m;
        }).toList());
        owners.put("files", i.fileOwners().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("filename", f.path());
            m.put("owners", f.owners());
            return m;
        }).toList());
        out.put("owners", owners);
        out.put("tests", files(i.tests()));
        Map<String, Object> scan = new LinkedHashMap<>();
        scan.put("scanned_files", i.scannedFiles());
        scan.put("skipped_large_files", i.skippedLargeFiles());
        scan.put("truncated", i.scanTruncated());
        out.put("scan", scan);
        out.put("truncated", i.filesTruncated() || i.scanTruncated() || i.dependentFilesTruncated());
        return out;
    }

    private static String reason(ImpactAnalysis.DependentModule d) {
        String where = d.module().buildFile() + ":" + d.reference().line();
        return switch (d.reference().link()) {
            case DEPENDS -> "depends on " + d.via() + " (" + where + ")";
            case INHERITS -> "inherits from " + d.via() + ", whose build file changed (" + where + ")";
            case AGGREGATES -> "builds " + d.via() + " as one of its modules (" + where + ")";
        };
    }

    private static Map<String, Object> module(BuildModules.Module module) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", module.display());
        m.put("kind", module.kind());
        m.put("path", module.dir());
        m.put("build_file", module.buildFile());
        return m;
    }

    private static List<Map<String, Object>> files(List<ImpactAnalysis.DependentFile> files) {
        return files.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("filename", f.path());
            m.put("language", f.language());
            m.put("module", f.module());
            m.put("changed", f.changed());
            m.put("reasons", f.reasons().stream().map(r -> {
                Map<String, Object> reason = new LinkedHashMap<>();
                reason.put("kind", r.kind());
                reason.put("changed_file", r.changedFile());
                reason.put("line", r.line() > 0 ? r.line() : null);
                reason.put("text", r.text());
                reason.put("why", r.why());
                return reason;
            }).toList());
            return m;
        }).toList();
    }
}
