package io.codara.review.internal;

import java.util.List;
import java.util.Map;

import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;

/** Fields of GitHub's JSON request bodies, typed; a field of the wrong type is a 422 naming it. */
final class Bodies {

    /** GitHub's resource name in the errors of review comments' fields. */
    static final String REVIEW_COMMENT = "PullRequestReviewComment";

    private Bodies() {
    }

    static Map<String, Object> required(Map<String, Object> body) {
        if (body == null) {
            throw new ApiException(400, "Problems parsing JSON");
        }
        return body;
    }

    /** A JSON object body that may be absent (an empty entity is an empty object). */
    static Map<String, Object> optional(String entity) {
        if (entity == null || entity.isBlank()) {
            return Map.of();
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(entity,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException | RuntimeException e) {
            throw new ApiException(400, "Problems parsing JSON");
        }
    }

    static String string(Map<String, Object> body, String field) {
        return string(body, field, REVIEW_COMMENT);
    }

    /** A string field; one of another type is a 422 naming {@code resource} (GitHub's resource name) and the field. */
    static String string(Map<String, Object> body, String field, String resource) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw invalid(resource, field, field + " must be a string");
        }
        return (String) value;
    }

    static Integer integer(Map<String, Object> body, String field) {
        return integer(body, field, REVIEW_COMMENT);
    }

    /** A positive integer field, or {@code null}; anything else is a 422 naming {@code resource} and the field. */
    static Integer integer(Map<String, Object> body, String field, String resource) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer) && !(value instanceof Long)) {
            throw invalid(resource, field, field + " must be an integer");
        }
        long n = ((Number) value).longValue();
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw invalid(resource, field, field + " must be a positive integer");
        }
        return (int) n;
    }

    private static ApiException invalid(String resource, String field, String message) {
        return new ApiException(422, "Validation Failed",
                List.of(new ApiError.FieldError(resource, field, "invalid", message)));
    }

    static Long id(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer) && !(value instanceof Long)) {
            throw PostgresReviews.invalid(field, "invalid", field + " must be an integer");
        }
        return ((Number) value).longValue();
    }

    /** A comment of a review or a single comment: path, line, side, start_line, start_side and body. */
    static PostgresReviews.NewComment comment(Map<String, Object> body) {
        if (body.get("position") != null && body.get("line") == null) {
            throw PostgresReviews.invalid("position", "invalid", "position is not supported; use line and side");
        }
        return new PostgresReviews.NewComment(string(body, "path"), integer(body, "line"), string(body, "side"),
                integer(body, "start_line"), string(body, "start_side"), string(body, "body"));
    }
}
