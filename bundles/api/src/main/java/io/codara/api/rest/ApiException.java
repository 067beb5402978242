package io.codara.api.rest;

import java.util.List;

/**
 * Thrown by resources and services to answer with an HTTP error status and a GitHub-shaped JSON body. The web
 * bundle maps it; the message is shown to the client, so it never carries private data.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<ApiError.FieldError> errors;

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public ApiException(int status, String message, List<ApiError.FieldError> errors) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status: " + status);
        }
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Field errors, empty unless a validation failed. */
    public List<ApiError.FieldError> errors() {
        return errors;
    }

    /** 404 Not Found: also the answer for private resources the caller may not see. */
    public static ApiException notFound() {
        return new ApiException(404, "Not Found");
    }

    /** 422 with GitHub's "Validation Failed" message. */
    public static ApiException validation(List<ApiError.FieldError> errors) {
        return new ApiException(422, "Validation Failed", errors);
    }
}
