package io.codara.api.search;

import io.codara.api.security.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Finds the code of a pasted stack trace (Java and other JVM languages, Python, JavaScript, Go, .NET; a log excerpt
 * with one in it will do) in the repositories a principal may read.
 */
@ProviderType
public interface StackTraceSearch {

    /**
     * Where the frames of the traces in {@code text} are, in the indexed branches of the repositories
     * {@code principal} may read (only {@code repository}, {@code owner/name}, when it is not {@code null}). When the
     * text names a commit (or a version tagged {@code v1.4.2} or {@code 1.4.2}) that a repository has, that
     * repository's excerpts are read at that commit. Fails with a 400 {@link io.codara.api.rest.ApiException} for
     * empty text, a 422 when the text holds no stack trace, a 404 when {@code repository} is not readable.
     */
    StackTraceSearchResult search(String text, String repository, Principal principal);
}
