package io.codara.git.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

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
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /repos/{owner}/{repo}/commits}: the history from a branch, tag or commit, paged and filtered by path,
 * author and time as GitHub filters it; and one commit with its changed files, patches and stats.
 */
@Component(service = CommitsResource.class)
@JakartarsResource
@Path("repos/{owner}/{repo}/commits")
@Produces(MediaType.APPLICATION_JSON)
public final class CommitsResource {

    private final RepositoryAccess access;
    private final RepositoryBrowser browser;
    private final Accounts accounts;
    private final CommitSignatures signatures;

    @Activate
    public CommitsResource(@Reference RepositoryAccess access, @Reference RepositoryBrowser browser,
            @Reference Accounts accounts, @Reference CommitSignatures signatures) {
        this.access = access;
        this.browser = browser;
        this.accounts = accounts;
        this.signatures = signatures;
    }

    @GET
    public Page<Map<String, Object>> list(@PathParam("owner") String owner, @PathParam("repo") String name,
            @QueryParam("sha") String sha, @QueryParam("path") String path, @QueryParam("author") String author,
            @QueryParam("since") String since, @QueryParam("until") String until, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        PageRequest paging = PageRequest.of(page, perPage);
        // A login also matches the public email address of that account.
        Set<String> emails = author == null || author.isBlank() ? Set.of()
                : accounts.find(author.strip()).map(Account::email).map(Set::of).orElse(Set.of());
        RepositoryBrowser.CommitQuery query = new RepositoryBrowser.CommitQuery(sha, path, author, emails,
                time("since", since), time("until", until));
        GitJson json = new GitJson(uri.getBaseUri(), repository, signatures.lookup());
        Page<RepositoryBrowser.Commit> commits = browser.commits(repository, query, paging);
        return new Page<>(commits.items().stream().map(json::commit).toList(), commits.request(), commits.total());
    }

    @GET
    @Path("{ref: .+}")
    public Map<String, Object> get(@PathParam("owner") String owner, @PathParam("repo") String name,
            @PathParam("ref") String ref, @Context HttpServletRequest request, @Context UriInfo uri) {
        Repository repository = access.readable(owner, name, request, uri);
        return new GitJson(uri.getBaseUri(), repository, signatures.lookup()).commit(browser.commit(repository, ref));
    }

    /** An ISO 8601 time ({@code 2024-05-01T12:00:00Z}, an offset, or a bare date meaning its start in UTC). */
    static Instant time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw ApiException.validation(java.util.List.of(new FieldError("Commit", field, "invalid",
                        field + " must be an ISO 8601 time such as 2024-05-01T12:00:00Z")));
            }
        }
    }
}
