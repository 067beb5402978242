package io.codara.shell.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;

import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    @Test
    void validationErrorsBecomeOneLineNamingEachField() {
        ApiException e = ApiException.validation(List.of(
                new FieldError("User", "login", "invalid", "letters, digits and single hyphens,\nat most 39"),
                new FieldError("User", "email", "already_exists", null),
                new FieldError("User", "name", "missing_field", null),
                new FieldError("User", "owner", "missing", ""),
                new FieldError("User", "password", "custom", "at least 8 characters")));

        assertThat(ApiErrors.failure("Could not create user x", e).getMessage()).isEqualTo("Could not create user x: "
                + "Validation Failed: login is invalid (letters, digits and single hyphens, at most 39); "
                + "email already exists; name is missing; owner does not exist; password (at least 8 characters)");
    }

    @Test
    void otherErrorsAreTheirMessage() {
        assertThat(ApiErrors.failure("Could not suspend bob", ApiException.notFound()).getMessage())
                .isEqualTo("Could not suspend bob: Not Found");
    }
}
