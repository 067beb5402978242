package io.codara.ci.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.ci.Artifact;
import io.codara.api.ci.CacheEntry;
import io.codara.api.ci.CiArtifacts;
import io.codara.api.ci.CiCaches;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.rest.PagedObject;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.WorkflowRun;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * GitHub Actions' REST shapes of artifacts and caches, for the thin resources: reading needs {@code read} on the
 * repository, deleting needs {@code write}; an artifact or cache of another repository is a 404.
 */
@Component(service = ArtifactViews.class)
public final class ArtifactViews {

    private final CiAccess access;
    private final CiEngine engine;
    private final CiArtifacts artifacts;
    private final CiCaches caches;

    @Activate
    public ArtifactViews(@Reference CiAccess access, @Reference CiEngine engine, @Reference CiArtifacts artifacts,
            @Reference CiCaches caches) {
        this.access = access;
        this.engine = engine;
        this.artifacts = artifacts;
        this.caches = caches;
    }

    /** {@code GET .../actions/artifacts}: newest first, optionally of one name. */
    Response artifacts(String owner, String name, String artifactName, Integer page, Integer perPage,
            HttpServletRequest request, UriInfo uri) {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        PageRequest paging = PageRequest.of(page, perPage);
        CiArtifacts.Page found = artifacts.ofRepository(repository.id(),
                artifactName == null || artifactName.isBlank() ? null : artifactName, paging.page(), paging.perPage());
        Map<Long, WorkflowRun> runs = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", found.totalCount());
        body.put("artifacts", found.artifacts().stream().map(a -> json(uri.getBaseUri(), repository, a,
                runs.computeIfAbsent(a.runId(), id -> engine.run(id).orElse(null)))).toList());
        return Response.ok(new PagedObject(body, paging, found.totalCount())).build();
    }

    /** {@code GET .../actions/runs/{id}/artifacts}. */
    Response runArtifacts(String owner, String name, long runId, String artifactName, Integer page, Integer perPage,
            HttpServletRequest request, UriInfo uri) {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        WorkflowRun run = run(repository, runId);
        PageRequest paging = PageRequest.of(page, perPage);
        List<Artifact> all = artifacts.ofRun(runId).stream()
                .filter(a -> artifactName == null || artifactName.isBlank() || a.name().equals(artifactName))
                .toList();
        List<Artifact> shown = all.stream().skip((long) (paging.page() - 1) * paging.perPage())
                .limit(paging.perPage()).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", all.size());
        body.put("artifacts", shown.stream().map(a -> json(uri.getBaseUri(), repository, a, run)).toList());
        return Response.ok(new PagedObject(body, paging, all.size())).build();
    }

    /** {@code GET .../actions/artifacts/{id}}. */
    Map<String, Object> artifact(String owner, String name, long artifactId, HttpServletRequest request,
            UriInfo uri) {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        Artifact artifact = artifact(repository, artifactId);
        return json(uri.getBaseUri(), repository, artifact, engine.run(artifact.runId()).orElse(null));
    }

    /** {@code GET .../actions/artifacts/{id}/zip}: the archive itself (GitHub redirects to it); 410 when expired. */
    Response download(String owner, String name, long artifactId, HttpServletRequest request) throws IOException {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        Artifact artifact = artifact(repository, artifactId);
        InputStream zip = artifact.expired() ? null : artifacts.open(artifactId).orElse(null);
        if (zip == null) {
            throw new ApiException(410, "Artifact has expired");
        }
        StreamingOutput body = out -> {
            try (InputStream in = zip) {
                in.transferTo(out);
            }
        };
        String file = artifact.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".zip";
        return Response.ok(body, "application/zip")
                .header("Content-Length", artifact.sizeInBytes())
                .header("Content-Disposition", "attachment; filename=" + file + "; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(artifact.name() + ".zip", StandardCharsets.UTF_8)
                                .replace("+", "%20"))
                .build();
    }

    /** {@code DELETE .../actions/artifacts/{id}}: 204. */
    Response deleteArtifact(String owner, String name, long artifactId, HttpServletRequest request) {
        Repository repository = access.repository(owner, name, CiAccess.WRITE, request);
        artifact(repository, artifactId);
        artifacts.delete(artifactId);
        return Response.noContent().build();
    }

    /** {@code GET .../actions/caches}: most recently used first, by key prefix and ref. */
    Response caches(String owner, String name, String key, String ref, Integer page, Integer perPage,
            HttpServletRequest request) {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        PageRequest paging = PageRequest.of(page, perPage);
        CiCaches.Page found = caches.list(repository.id(), blank(key), blank(ref), paging.page(), paging.perPage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", found.totalCount());
        body.put("actions_caches", found.caches().stream().map(ArtifactViews::json).toList());
        return Response.ok(new PagedObject(body, paging, found.totalCount())).build();
    }

    /** {@code DELETE .../actions/caches?key=&ref=}: the deleted entries; 404 when none. */
    Map<String, Object> deleteCaches(String owner, String name, String key, String ref, HttpServletRequest request) {
        Repository repository = access.repository(owner, name, CiAccess.WRITE, request);
        if (blank(key) == null) {
            throw new ApiException(422, "key is required");
        }
        List<CacheEntry> deleted = caches.delete(repository.id(), key, blank(ref));
        if (deleted.isEmpty()) {
            throw ApiException.notFound();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", deleted.size());
        body.put("actions_caches", deleted.stream().map(ArtifactViews::json).toList());
        return body;
    }

    /** {@code DELETE .../actions/caches/{id}}: 204. */
    Response deleteCache(String owner, String name, long cacheId, HttpServletRequest request) {
        Repository repository = access.repository(owner, name, CiAccess.WRITE, request);
        if (!caches.delete(repository.id(), cacheId)) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }

    /** {@code GET .../actions/cache/usage}. */
    Map<String, Object> cacheUsage(String owner, String name, HttpServletRequest request) {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        CiCaches.Usage usage = caches.usage(repository.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("full_name", repository.fullName());
        body.put("active_caches_size_in_bytes", usage.sizeInBytes());
        body.put("active_caches_count", usage.count());
        return body;
    }

    private Artifact artifact(Repository repository, long artifactId) {
        return artifacts.find(artifactId).filter(a -> a.repositoryId() == repository.id())
                .orElseThrow(ApiException::notFound);
    }

    private WorkflowRun run(Repository repository, long runId) {
        return engine.run(runId).filter(r -> r.repositoryId() == repository.id())
                .orElseThrow(ApiException::notFound);
    }

    private static Map<String, Object> json(URI base, Repository repository, Artifact artifact, WorkflowRun run) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        String url = root + "repos/" + repository.fullName() + "/actions/artifacts/" + artifact.id();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", artifact.id());
        json.put("node_id", java.util.Base64.getEncoder().withoutPadding()
                .encodeToString(("0:Artifact" + artifact.id()).getBytes(StandardCharsets.US_ASCII)));
        json.put("name", artifact.name());
        json.put("size_in_bytes", artifact.sizeInBytes());
        json.put("url", url);
        json.put("archive_download_url", url + "/zip");
        json.put("expired", artifact.expired());
        json.put("digest", artifact.digest());
        json.put("created_at", CiJson.time(artifact.createdAt()));
        json.put("updated_at", CiJson.time(artifact.updatedAt()));
        json.put("expires_at", CiJson.time(artifact.expiresAt()));
        Map<String, Object> workflowRun = new LinkedHashMap<>();
        workflowRun.put("id", artifact.runId());
        workflowRun.put("repository_id", repository.id());
        workflowRun.put("head_repository_id", repository.id());
        workflowRun.put("head_branch", run == null ? null : run.headBranch());
        workflowRun.put("head_sha", run == null ? null : run.headSha());
        json.put("workflow_run", workflowRun);
        return json;
    }

    private static Map<String, Object> json(CacheEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.id());
        json.put("ref", entry.ref());
        json.put("key", entry.key());
        json.put("version", entry.version());
        json.put("last_accessed_at", CiJson.time(entry.lastAccessedAt()));
        json.put("created_at", CiJson.time(entry.createdAt()));
        json.put("size_in_bytes", entry.sizeInBytes());
        return json;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
