package io.codara.api.live;

import java.util.Map;
import java.util.Optional;

import io.codara.api.security.Principal;

/**
 * Who opens a live stream and with which parameters.
 *
 * @param principal the caller, never anonymous (live streams require sign-in)
 * @param path the path's placeholders by name, percent-decoded
 * @param query the query parameters (the first value of each), percent-decoded
 */
public record LiveRequest(Principal principal, Map<String, String> path, Map<String, String> query) {

    public LiveRequest {
        if (principal == null || principal.anonymous()) {
            throw new IllegalArgumentException("a live stream needs a signed-in principal");
        }
        path = Map.copyOf(path);
        query = Map.copyOf(query);
    }

    /** A path placeholder's value; the channel's path declares it, so it is always present. */
    public String pathParameter(String name) {
        String value = path.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no path parameter " + name);
        }
        return value;
    }

    /** A query parameter, if given. */
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }
}
