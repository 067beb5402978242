package io.codara.auth.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;

/**
 * Collects what is wrong with one request's fields, then fails with one 422 naming every bad field, before
 * anything is written.
 */
final class Validation {

    /** GitHub's rule: letters, digits and single hyphens, not at either end, at most 39 characters. */
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
    /**
     * Names that would clash with Codara's own URLs ({@code /{owner}/{repo}} sits beside the UI's routes) or
     * impersonate the system.
     */
    static final Set<String> RESERVED = Set.of("api", "admin", "administrator", "assets", "codara", "explore",
            "ghost", "health", "help", "login", "logout", "metrics", "new", "notifications", "organizations", "orgs",
            "pulls", "issues", "root", "search", "session", "settings", "signup", "site", "static", "system",
            "user", "users", "ws");
    /**
     * A practical address check (RFC 5321 sizes; no spaces, quotes or control characters; a dotted domain): the
     * address is proven by use, not by a grammar.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 256;

    private final String resource;
    private final List<FieldError> errors = new ArrayList<>();

    Validation(String resource) {
        this.resource = resource;
    }

    /** A required login; {@code allowReserved} for the first administrator named by the operator. */
    Validation login(String field, String value, boolean allowReserved) {
        if (value == null || value.isEmpty()) {
            return missing(field);
        }
        if (!LOGIN.matcher(value).matches()) {
            return invalid(field, field + " may only contain letters, digits and single hyphens, cannot begin or end"
                    + " with a hyphen, and is at most 39 characters");
        }
        if (!allowReserved && RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
            return invalid(field, field + " '" + value + "' is reserved");
        }
        return this;
    }

    Validation email(String field, String value, boolean required) {
        if (value == null || value.isEmpty()) {
            return required ? missing(field) : this;
        }
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            return invalid(field, field + " is not a valid email address");
        }
        return this;
    }

    Validation password(String field, char[] value, String login) {
        if (value == null || value.length == 0) {
            return missing(field);
        }
        if (value.length < MIN_PASSWORD) {
            return invalid(field, field + " must be at least " + MIN_PASSWORD + " characters");
        }
        if (value.length > MAX_PASSWORD) {
            return invalid(field, field + " must be at most " + MAX_PASSWORD + " characters");
        }
        if (login != null && String.valueOf(value).equalsIgnoreCase(login)) {
            return invalid(field, field + " must not be the login");
        }
        return this;
    }

    /** Optional free text: at most {@code max} characters, no control characters but newlines and tabs. */
    Validation text(String field, String value, int max) {
        if (value == null) {
            return this;
        }
        if (value.length() > max) {
            return invalid(field, field + " is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
                return invalid(field, field + " contains control characters");
            }
        }
        return this;
    }

    Validation required(String field, String value) {
        return value == null || value.isBlank() ? missing(field) : this;
    }

    Validation missing(String field) {
        errors.add(new FieldError(resource, field, "missing_field", field + " is required"));
        return this;
    }

    Validation invalid(String field, String message) {
        errors.add(new FieldError(resource, field, "invalid", message));
        return this;
    }

    Validation custom(String field, String code, String message) {
        errors.add(new FieldError(resource, field, code, message));
        return this;
    }

    /** Fails with 422 when anything was wrong. */
    void check() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    /** The 422 for what was collected, for callers that must {@code throw} in an expression. */
    ApiException failure() {
        return ApiException.validation(errors);
    }

    static ApiException alreadyExists(String resource, String field, String message) {
        return ApiException.validation(List.of(new FieldError(resource, field, "already_exists", message)));
    }

    static ApiException invalidField(String resource, String field, String message) {
        return ApiException.validation(List.of(new FieldError(resource, field, "invalid", message)));
    }
}
