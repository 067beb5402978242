package io.codara.api.search;

import java.util.List;

import io.codara.api.security.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Who knows a part of the code best: the authors who changed it most, and most recently, in the repositories a
 * principal may read.
 */
@ProviderType
public interface ExpertSearch {

    /**
     * The experts of what {@code query} selects, best first, at most {@code limit}. The query combines
     * {@code path:} (a substring of the path, or a glob), {@code symbol:Name} (the files defining it), {@code repo:}
     * and {@code org:}; it needs a {@code path:} or a {@code symbol:} (else a 422
     * {@link io.codara.api.rest.ApiException}).
     */
    List<Expert> experts(String query, Principal principal, int limit);
}
