package io.codara.ci.internal.docker;

import java.io.IOException;

/** The Docker engine answered a call with an error status; {@link #getMessage()} holds its {@code message}. */
final class DockerException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    DockerException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status of the engine's answer. */
    int status() {
        return status;
    }
}
