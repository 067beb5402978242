package io.codara.ci.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;

/**
 * GitHub's naming rules for secrets and variables: letters, digits and {@code _} only, not starting with a digit
 * or a reserved prefix ({@code GITHUB_}, and Codara's own {@code CODARA_}); case-insensitive, kept upper-case.
 */
final class SecretNames {

    static final int MAX_LENGTH = 255;
    /** GitHub's limit on a secret's or a variable's value. */
    static final int MAX_VALUE_BYTES = 48 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    private SecretNames() {
    }

    /** The canonical (upper-case) name, or a 422 saying which rule {@code name} breaks. */
    static String valid(String resource, String name) {
        if (name == null || name.isEmpty()) {
            throw invalid(resource, "name", "missing_field", "name is required");
        }
        if (name.length() > MAX_LENGTH) {
            throw invalid(resource, "name", "invalid", "name is too long (maximum is " + MAX_LENGTH + " characters)");
        }
        if (!NAME.matcher(name).matches()) {
            throw invalid(resource, "name", "invalid",
                    "name can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_); spaces are not allowed");
        }
        if (Character.isDigit(name.charAt(0))) {
            throw invalid(resource, "name", "invalid", "name must not start with a number");
        }
        String upper = name.toUpperCase(Locale.ROOT);
        for (String reserved : new String[] {"GITHUB_", "CODARA_"}) {
            if (upper.startsWith(reserved)) {
                throw invalid(resource, "name", "invalid", "name must not start with the " + reserved + " prefix");
            }
        }
        return upper;
    }

    /** Whether {@code name} could be a stored name, for lookups that answer 404 rather than 422. */
    static boolean plausible(String name) {
        try {
            valid("Secret", name);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    static void checkValue(String resource, String value) {
        if (value == null) {
            throw invalid(resource, "value", "missing_field", "value is required");
        }
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw invalid(resource, "value", "invalid", "value is too large (maximum is 48 KB)");
        }
    }

    static ApiException invalid(String resource, String field, String code, String message) {
        return new ApiException(422, message, List.of(new ApiError.FieldError(resource, field, code, message)));
    }
}
