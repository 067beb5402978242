package io.codara.search.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.PageRequest;
import io.codara.api.rest.PagedObject;
import io.codara.api.search.CodeMatch;
import io.codara.api.search.CodeSearch;
import io.codara.api.search.CodeSearchResult;
import io.codara.api.search.LineMatch;
import io.codara.api.search.TextRange;
import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /search/code?q=&page=&per_page=}: GitHub's code search answer ({@code total_count},
 * {@code incomplete_results}, {@code items} with {@code text_matches} when the {@code Accept} header asks for
 * {@code application/vnd.github.text-match+json}), and {@code GET /search/code/lines?q=}, Codara's answer with every
 * item's branch, commit, language, matching lines with highlights, and definitions. The work is {@link CodeSearch}'s.
 */
@Component(service = CodeSearchResource.class)
@JakartarsResource
@Path("search/code")
@Produces(MediaType.APPLICATION_JSON)
public final class CodeSearchResource {

    private final CodeSearch search;
    private final Repositories repositories;
    private final Accounts accounts;

    @Activate
    public CodeSearchResource(@Reference CodeSearch search, @Reference Repositories repositories,
            @Reference Accounts accounts) {
        this.search = search;
        this.repositories = repositories;
        this.accounts = accounts;
    }

    @GET
    public Response code(@QueryParam("q") String q, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        PageRequest pageRequest = PageRequest.of(page, perPage);
        CodeSearchResult result = search.search(q, principal(request), pageRequest);
        Links links = new Links(uri.getBaseUri());
        // application/vnd.github.text-match+json (or .v3.text-match+json) asks for the matching fragments. The web
        // bundle's filter turns GitHub's vendor types into application/json for matching, so read the header the
        // client sent from the servlet request.
        String sent = request.getHeader(HttpHeaders.ACCEPT);
        boolean textMatches = sent != null ? sent.contains("text-match") : accept != null && accept.contains("text-match");
        Map<Long, Optional<Map<String, Object>>> repositoryJson = new HashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (CodeMatch m : result.items()) {
            Optional<Map<String, Object>> repository = repositoryJson.computeIfAbsent(m.repositoryId(),
                    id -> repositories.find(id).map(r -> repository(r, accounts, links)));
            if (repository.isEmpty()) {
                continue; // deleted since the search ran
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", m.name());
            item.put("path", m.path());
            item.put("sha", m.sha());
            item.put("url", links.api + "repos/" + m.repository() + "/contents/" + encodePath(m.path()) + "?ref="
                    + m.commit());
            item.put("git_url", links.api + "repos/" + m.repository() + "/git/blobs/" + m.sha());
            item.put("html_url", links.web + m.repository() + "/blob/" + m.commit() + "/" + encodePath(m.path()));
            item.put("repository", repository.get());
            item.put("score", m.score());
            if (textMatches) {
                item.put("text_matches", textMatches(m, (String) item.get("url")));
            }
            items.add(item);
        }
        return page(result, items, pageRequest);
    }

    @GET
    @Path("lines")
    public Response lines(@QueryParam("q") String q, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        PageRequest pageRequest = PageRequest.of(page, perPage);
        CodeSearchResult result = search.search(q, principal(request), pageRequest);
        Links links = new Links(uri.getBaseUri());
        List<Map<String, Object>> items = new ArrayList<>();
        for (CodeMatch m : result.items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("repository", m.repository());
            item.put("repository_id", m.repositoryId());
            item.put("branch", m.branch());
            item.put("commit", m.commit());
            item.put("path", m.path());
            item.put("name", m.name());
            item.put("sha", m.sha());
            item.put("language", m.language());
            item.put("score", m.score());
            item.put("html_url", links.web + m.repository() + "/blob/" + m.commit() + "/" + encodePath(m.path()));
            List<Map<String, Object>> lines = new ArrayList<>();
            for (LineMatch line : m.lines()) {
                List<List<Integer>> ranges = new ArrayList<>();
                for (TextRange r : line.highlights()) {
                    ranges.add(List.of(r.start(), r.end()));
                }
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("line", line.line());
                l.put("text", line.text());
                l.put("highlights", ranges);
                lines.add(l);
            }
            item.put("lines", lines);
            item.put("definitions", m.definitions());
            items.add(item);
        }
        return page(result, items, pageRequest);
    }

    static Principal principal(HttpServletRequest request) {
        return Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE));
    }

    private static Response page(CodeSearchResult result, List<Map<String, Object>> items, PageRequest page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", result.totalCount());
        body.put("incomplete_results", result.incompleteResults());
        // Codara's addition: the count of a common query is extrapolated from a sample once the page is full.
        body.put("total_count_estimated", result.countEstimated());
        body.put("items", items);
        return Response.ok(new PagedObject(body, page, Math.min(result.totalCount(), IndexedCodeSearch.MAX_RESULTS)))
                .build();
    }

    /**
     * GitHub's text matches: one fragment per file (its matching lines joined), with the highlights as indices into
     * the fragment.
     */
    static List<Map<String, Object>> textMatches(CodeMatch m, String objectUrl) {
        StringBuilder fragment = new StringBuilder();
        List<Map<String, Object>> matches = new ArrayList<>();
        for (LineMatch line : m.lines()) {
            if (fragment.length() > 0) {
                fragment.append('\n');
            }
            int offset = fragment.length();
            fragment.append(line.text());
            for (TextRange r : line.highlights()) {
                Map<String, Object> match = new LinkedHashMap<>();
                match.put("text", line.text().substring(r.start(), r.end()));
                match.put("indices", List.of(offset + r.start(), offset + r.end()));
                matches.add(match);
            }
        }
        if (fragment.length() == 0) {
            return List.of();
        }
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("object_url", objectUrl);
        text.put("object_type", "FileContent");
        text.put("property", "content");
        text.put("fragment", fragment.toString());
        text.put("matches", matches);
        return List.of(text);
    }

    /** GitHub's minimal repository of search results (the dependency and stack-trace answers use it too). */
    static Map<String, Object> repository(Repository r, Accounts accounts, Links links) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("name", r.name());
        json.put("full_name", r.fullName());
        json.put("private", r.visibility() != Visibility.PUBLIC);
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("login", r.owner());
        Optional<Account> account = accounts.find(r.owner());
        owner.put("id", account.map(Account::id).orElse(null));
        owner.put("type", account.map(a -> a.type().githubName()).orElse(null));
        owner.put("url", links.api + "users/" + r.owner());
        owner.put("html_url", links.web + r.owner());
        owner.put("avatar_url", links.api + "users/" + r.owner() + "/avatar");
        json.put("owner", owner);
        json.put("html_url", links.web + r.fullName());
        json.put("description", r.description());
        json.put("fork", r.fork());
        json.put("url", links.api + "repos/" + r.fullName());
        json.put("visibility", r.visibility().githubName());
        json.put("default_branch", r.defaultBranch());
        return json;
    }

    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    /** The API's and the web's roots, from the request's base URI ({@code .../api/v3/}). */
    static final class Links {
        final String api;
        final String web;

        Links(URI base) {
            String b = base.toString();
            api = b.endsWith("/") ? b : b + "/";
            web = api.endsWith("api/v3/") ? api.substring(0, api.length() - "api/v3/".length()) : api;
        }
    }

}
