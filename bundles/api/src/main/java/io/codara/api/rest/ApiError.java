package io.codara.api.rest;

import java.util.List;

/**
 * The JSON body of every error response, as GitHub's REST API shapes it.
 *
 * @param message what went wrong, for a person
 * @param documentation_url where the API is documented
 * @param errors field-level details of a validation failure, or {@code null}
 */
public record ApiError(String message, String documentation_url, List<FieldError> errors) {

    /**
     * One invalid field, as in GitHub's 422 bodies.
     *
     * @param resource the resource, e.g. {@code "Repository"}
     * @param field the field name
     * @param code {@code missing}, {@code missing_field}, {@code invalid}, {@code already_exists} or {@code custom}
     * @param message optional explanation
     */
    public record FieldError(String resource, String field, String code, String message) {
    }
}
