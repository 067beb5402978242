package io.codara.git.internal;

import java.util.Optional;

/** The two git services served over smart HTTP, and the repository permission each needs. */
enum GitService {
    /** Clone and fetch. */
    UPLOAD_PACK("git-upload-pack", "read"),
    /** Push. */
    RECEIVE_PACK("git-receive-pack", "write");

    private final String endpoint;
    private final String action;

    GitService(String endpoint, String action) {
        this.endpoint = endpoint;
        this.action = action;
    }

    /** The name git uses, in {@code ?service=} and as the endpoint: {@code git-upload-pack}, {@code git-receive-pack}. */
    String endpoint() {
        return endpoint;
    }

    /** The {@code repository} action the caller needs. */
    String action() {
        return action;
    }

    /** The service with this endpoint name, exactly. */
    static Optional<GitService> named(String endpoint) {
        for (GitService service : values()) {
            if (service.endpoint.equals(endpoint)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }
}
