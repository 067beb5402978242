package io.codara.search.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Which indexed branches a search may look at: those of the repositories the asker may read now (asked of the
 * permission service on every query, never cached, so a removed permission cannot show late), narrowed by the
 * query's repository, owner and branch filters. Every kind of search (code, symbols, dependencies, stack traces)
 * starts here.
 */
@Component(service = SearchScope.class)
public final class SearchScope {

    private final CodeIndex index;
    private final Repositories repositories;
    private final Permissions permissions;

    @Activate
    public SearchScope(@Reference CodeIndex index, @Reference Repositories repositories,
            @Reference Permissions permissions) {
        this.index = index;
        this.repositories = repositories;
        this.permissions = permissions;
    }

    /**
     * The branches this query searches: of the repositories {@code principal} may read, those its {@code repo:} and
     * {@code org:} filters select, at the branches its {@code branch:} filters name (or their default branches), as
     * far as the index holds them.
     */
    Map<String, SearchTarget> targets(CodeQuery parsed, Principal principal) {
        return targets(principal, parsed.values("repo", false), lower(parsed.values("org", false)),
                lower(parsed.values("org", true)), lower(parsed.values("repo", true)), parsed.values("branch", false),
                parsed.values("branch", true));
    }

    /**
     * The indexed branches of the repositories {@code principal} may read (only {@code repository}, as
     * {@code owner/name}, when not {@code null}): their default branches, or {@code branch} when not {@code null}.
     */
    Map<String, SearchTarget> targets(Principal principal, String repository, String branch) {
        return targets(principal, repository == null ? List.of() : List.of(repository), List.of(), List.of(),
                List.of(), branch == null ? List.of() : List.of(branch), List.of());
    }

    private Map<String, SearchTarget> targets(Principal principal, List<String> named, List<String> orgs,
            List<String> notOrgs, List<String> notRepos, List<String> branches, List<String> notBranches) {
        List<Repository> readable = new ArrayList<>();
        if (!named.isEmpty()) {
            for (String fullName : named) {
                readable.addAll(readable(fullName, principal).stream().toList());
            }
        } else {
            long since = 0;
            for (List<Repository> batch = repositories.visible(principal, since, 500); !batch.isEmpty();
                    batch = repositories.visible(principal, since, 500)) {
                readable.addAll(batch);
                since = batch.get(batch.size() - 1).id();
            }
        }
        Map<String, SearchTarget> targets = new LinkedHashMap<>();
        for (Repository r : readable) {
            String owner = r.owner().toLowerCase(Locale.ROOT);
            if (!orgs.isEmpty() && !orgs.contains(owner) || notOrgs.contains(owner)
                    || notRepos.contains(r.fullName().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Map<String, String> indexed = index.branches(r.id());
            for (String branch : branches.isEmpty() ? List.of(r.defaultBranch()) : branches) {
                String commit = indexed.get(branch);
                if (commit != null && !notBranches.contains(branch)) {
                    targets.put(CodeFields.repositoryBranch(r.id(), branch), new SearchTarget(r, branch, commit));
                }
            }
        }
        return targets;
    }

    /**
     * The repository {@code fullName} ({@code owner/name}) when it exists and {@code principal} may read it now.
     *
     * @throws ApiException 422 when {@code fullName} is not of the form {@code owner/name}
     */
    Optional<Repository> readable(String fullName, Principal principal) {
        int slash = fullName.indexOf('/');
        if (slash <= 0 || slash == fullName.length() - 1) {
            throw new ApiException(422, "A repository is named as owner/name, not " + fullName);
        }
        return repositories.resolve(fullName.substring(0, slash), fullName.substring(slash + 1))
                .filter(r -> permissions.decide(principal, "read", new ResourceRef("repository", r.fullName()))
                        == Decision.ALLOW);
    }

    /**
     * The indexed branch of one repository a navigation asks about: {@code ref} names a branch, or the commit an
     * indexed branch stands at ({@code null}: the default branch). A repository {@code principal} may not read
     * answers 404 like a missing one; a branch the index does not hold answers 404 saying so.
     */
    SearchTarget target(String owner, String name, String ref, Principal principal) {
        Optional<Repository> found = repositories.resolve(owner, name);
        if (found.isEmpty() || permissions.decide(principal, "read",
                new ResourceRef("repository", found.get().fullName())) != Decision.ALLOW) {
            throw new ApiException(404, "Not Found");
        }
        Repository r = found.get();
        Map<String, String> indexed = index.branches(r.id());
        String branch = ref == null || ref.isBlank() ? r.defaultBranch() : ref.startsWith("refs/heads/")
                ? ref.substring("refs/heads/".length()) : ref;
        String commit = indexed.get(branch);
        if (commit != null) {
            return new SearchTarget(r, branch, commit);
        }
        for (Map.Entry<String, String> e : indexed.entrySet()) {
            if (e.getValue().equalsIgnoreCase(branch)) {
                return new SearchTarget(r, e.getKey(), e.getValue());
            }
        }
        throw new ApiException(404, "The code index holds no branch " + branch + " of " + r.fullName()
                + " (it holds " + (indexed.isEmpty() ? "none yet" : String.join(", ", indexed.keySet())) + ")");
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }
}
