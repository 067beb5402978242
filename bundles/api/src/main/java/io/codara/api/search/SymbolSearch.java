package io.codara.api.search;

import java.util.List;

import io.codara.api.rest.PageRequest;
import io.codara.api.security.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Finds symbol definitions across the repositories a principal may read, and navigates within one repository: go to
 * definition and find references. A repository the principal may not read answers a 404
 * {@link io.codara.api.rest.ApiException}, as if it did not exist.
 */
@ProviderType
public interface SymbolSearch {

    /**
     * Definitions whose name is {@code query}'s name, starts with it, or whose camelCase or snake_case parts start
     * with its parts ({@code pD} and {@code parseDa} find {@code parseDate}), exact names first. The query is a name
     * with optional filters {@code kind:method}, {@code lang:}, {@code repo:}, {@code org:}, {@code path:},
     * {@code branch:}; a 422 {@link io.codara.api.rest.ApiException} when it names no symbol.
     */
    SymbolSearchResult search(String query, Principal principal, PageRequest page);

    /**
     * The definitions of {@code name} in repository {@code owner/repository} at branch {@code ref} (its default
     * branch when {@code null}), exact-case names first; when the caller says where the name was used ({@code path},
     * and {@code line} if known), definitions in that file come first, then in its directory, then in its language.
     */
    List<SymbolMatch> definitions(String owner, String repository, String name, String ref, String path,
            Integer line, Principal principal);

    /**
     * The lines of repository {@code owner/repository} at branch {@code ref} (default branch when {@code null}) that
     * use {@code name} as a whole identifier (case-sensitive), its definitions' own lines left out, grouped by file.
     */
    ReferenceSearchResult references(String owner, String repository, String name, String ref, Principal principal,
            PageRequest page);
}
