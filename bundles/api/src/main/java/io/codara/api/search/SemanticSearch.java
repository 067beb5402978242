package io.codara.api.search;

import io.codara.api.security.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Answers natural-language questions about the code ("where do we parse dates") with the files of the repositories a
 * principal may read, ranked by the {@link io.codara.api.search.spi.SemanticRanker} of highest service ranking.
 */
@ProviderType
public interface SemanticSearch {

    /**
     * The files that best answer {@code question}, at most {@code limit}, in repository {@code repository}
     * ({@code owner/name}) only when it is not {@code null}; a 422 {@link io.codara.api.rest.ApiException} for an
     * empty question.
     */
    SemanticSearchResult search(String question, String repository, Principal principal, int limit);
}
