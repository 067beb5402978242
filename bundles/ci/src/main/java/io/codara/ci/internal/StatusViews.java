package io.codara.ci.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.ci.CombinedStatus;
import io.codara.api.ci.CommitStatus;
import io.codara.api.ci.CommitStatuses;
import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.rest.PagedObject;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** What the status resources share: reading a ref's statuses and combined status as GitHub answers them. */
@Component(service = StatusViews.class)
public final class StatusViews {

    private final CiAccess access;
    private final CommitStatuses statuses;

    @Activate
    public StatusViews(@Reference CiAccess access, @Reference CommitStatuses statuses) {
        this.access = access;
        this.statuses = statuses;
    }

    /** {@code GET .../commits/{ref}/statuses} and {@code GET .../statuses/{ref}}: newest first, paged. */
    Page<Map<String, Object>> list(String owner, String name, String ref, Integer page, Integer perPage,
            HttpServletRequest request, UriInfo uri) {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        String sha = commit(repository, ref);
        Page<CommitStatus> found = statuses.list(repository.id(), sha, PageRequest.of(page, perPage));
        CiJson json = new CiJson(uri.getBaseUri());
        Map<Long, Account> creators = new HashMap<>();
        List<Map<String, Object>> items = found.items().stream().map(s -> json.status(repository, s,
                s.creatorId() == null ? null : creators.computeIfAbsent(s.creatorId(), access::creator), true)).toList();
        return new Page<>(items, found.request(), found.total());
    }

    /** {@code GET .../commits/{ref}/status}: the latest status of each context and GitHub's combined state. */
    Response combined(String owner, String name, String ref, Integer page, Integer perPage,
            HttpServletRequest request, UriInfo uri) {
        Repository repository = access.repository(owner, name, CiAccess.READ, request);
        String sha = commit(repository, ref);
        PageRequest pageRequest = PageRequest.of(page, perPage);
        CombinedStatus combined = statuses.combined(repository.id(), sha, pageRequest);
        CiJson json = new CiJson(uri.getBaseUri());
        Map<Long, Account> creators = new HashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", combined.state().githubName());
        body.put("statuses", combined.statuses().stream().map(s -> json.status(repository, s,
                s.creatorId() == null ? null : creators.computeIfAbsent(s.creatorId(), access::creator), false)).toList());
        body.put("sha", combined.sha());
        body.put("total_count", combined.totalCount());
        body.put("repository", json.repository(repository, access.account(repository.owner())));
        body.put("commit_url", json.commitUrl(repository, combined.sha()));
        body.put("url", json.commitUrl(repository, combined.sha()) + "/status");
        return Response.ok(new PagedObject(body, pageRequest, combined.totalCount())).build();
    }

    private String commit(Repository repository, String ref) {
        return statuses.resolve(repository.id(), ref)
                .orElseThrow(() -> new ApiException(422, "No commit found for SHA: " + ref));
    }
}
