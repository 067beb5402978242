package io.codara.api.search;

import io.codara.api.rest.PageRequest;
import io.codara.api.security.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Searches the indexed code of the repositories a principal may read.
 * <p>
 * The query language: bare terms match identifiers and their camelCase and snake_case parts, case-insensitively
 * (all terms must match); {@code "an exact phrase"} matches that text; {@code /a regex/} matches a Java regular
 * expression; {@code -term} or {@code NOT term} excludes files; filters {@code repo:owner/name}, {@code org:owner},
 * {@code lang:java}, {@code path:src/*.java} (a glob, or a substring when it has no {@code *} or {@code ?}),
 * {@code branch:name} (default: each repository's default branch), {@code symbol:name} (files defining it) and
 * {@code case:yes} (terms, phrases and regular expressions match case-sensitively).
 */
@ProviderType
public interface CodeSearch {

    /**
     * The files matching {@code query} that {@code principal} may read, best first, with their matching lines. A
     * query that is empty, malformed or has an invalid regular expression fails with a 422
     * {@link io.codara.api.rest.ApiException} that says why.
     */
    CodeSearchResult search(String query, Principal principal, PageRequest page);
}
