package io.codara.web.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.codara.api.rest.ApiError;

/** The JSON mapping rules of Codara's REST API: ISO-8601 dates, unknown input fields ignored as GitHub does. */
final class Json {

    private Json() {
    }

    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addMixIn(ApiError.class, ApiErrorMixin.class)
                .build();
    }

    /** GitHub leaves {@code errors} out when there are none. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    abstract static class ApiErrorMixin {
    }
}
