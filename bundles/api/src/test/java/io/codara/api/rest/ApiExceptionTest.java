package io.codara.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ApiExceptionTest {

    @Test
    void carriesStatusMessageAndNoErrorsByDefault() {
        ApiException e = new ApiException(409, "Conflict");

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.getMessage()).isEqualTo("Conflict");
        assertThat(e.errors()).isEmpty();
    }

    @Test
    void acceptsTheWholeErrorRange() {
        assertThat(new ApiException(400, "x").status()).isEqualTo(400);
        assertThat(new ApiException(599, "x").status()).isEqualTo(599);
    }

    @Test
    void rejectsStatusesOutsideTheErrorRange() {
        assertThatThrownBy(() -> new ApiException(399, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("399");
        assertThatThrownBy(() -> new ApiException(200, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiException(600, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notFoundIs404() {
        ApiException e = ApiException.notFound();

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).isEqualTo("Not Found");
        assertThat(e.errors()).isEmpty();
    }

    @Test
    void validationIs422WithFieldErrors() {
        ApiError.FieldError error = new ApiError.FieldError("Repository", "name", "missing_field", null);

        ApiException e = ApiException.validation(List.of(error));

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.getMessage()).isEqualTo("Validation Failed");
        assertThat(e.errors()).containsExactly(error);
    }

    @Test
    void errorsAreAnImmutableCopy() {
        List<ApiError.FieldError> errors = new ArrayList<>();
        errors.add(new ApiError.FieldError("Repository", "name", "invalid", null));
        ApiException e = new ApiException(422, "Validation Failed", errors);
        errors.clear();

        assertThat(e.errors()).hasSize(1);
        assertThatThrownBy(() -> e.errors().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
