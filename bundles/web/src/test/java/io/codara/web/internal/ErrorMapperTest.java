package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JacksonException;

import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;

import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    private final ErrorMapper mapper = new ErrorMapper();

    private static ApiError body(Response response) {
        assertThat(response.getEntity()).isInstanceOf(ApiError.class);
        return (ApiError) response.getEntity();
    }

    @Test
    void apiExceptionKeepsStatusMessageAndFieldErrors() {
        ApiError.FieldError error = new ApiError.FieldError("Repository", "name", "missing_field", "name is required");

        Response response = mapper.toResponse(ApiException.validation(List.of(error)));

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(body(response).message()).isEqualTo("Validation Failed");
        assertThat(body(response).errors()).containsExactly(error);
        assertThat(body(response).documentation_url()).isEqualTo("/api/v3/openapi.json");
    }

    @Test
    void apiExceptionWithoutFieldErrorsLeavesErrorsOut() {
        Response response = mapper.toResponse(new ApiException(409, "Repository already exists"));

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(body(response).message()).isEqualTo("Repository already exists");
        assertThat(body(response).errors()).isNull();
    }

    @Test
    void apiExceptionIsFoundAsACause() {
        Response response = mapper.toResponse(new ProcessingException("wrapped", ApiException.notFound()));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(body(response).message()).isEqualTo("Not Found");
    }

    @Test
    void documentationUrlFollowsTheRequestBase() {
        UriInfo uriInfo = mock(UriInfo.class);
        when(uriInfo.getBaseUri()).thenReturn(URI.create("https://codara.example/api/v3/"));
        mapper.uriInfo = uriInfo;

        Response response = mapper.toResponse(ApiException.notFound());

        assertThat(body(response).documentation_url()).isEqualTo("https://codara.example/api/v3/openapi.json");
    }

    @Test
    void jacksonParseErrorIs400ProblemsParsingJson() {
        JacksonException parse = catchThrowableOfType(JacksonException.class,
                () -> Json.mapper().readValue("{\"name\": ", Map.class));

        Response direct = mapper.toResponse(parse);
        Response wrapped = mapper.toResponse(new ProcessingException("Error reading entity", parse));

        assertThat(direct.getStatus()).isEqualTo(400);
        assertThat(body(direct).message()).isEqualTo("Problems parsing JSON");
        assertThat(wrapped.getStatus()).isEqualTo(400);
        assertThat(body(wrapped).message()).isEqualTo("Problems parsing JSON");
    }

    @Test
    void clientErrorKeepsAllowHeaderButNotItsContentType() {
        Response original = Response.status(405).header("Allow", "GET, HEAD").type(MediaType.TEXT_PLAIN_TYPE).build();

        Response response = mapper.toResponse(new WebApplicationException(original));

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(body(response).message()).isEqualTo("Method Not Allowed");
        assertThat(response.getHeaderString("Allow")).isEqualTo("GET, HEAD");
        assertThat(response.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
    }

    @Test
    void notFoundExceptionIs404NotFound() {
        Response response = mapper.toResponse(new NotFoundException("HTTP 404 for /api/v3/secret/path"));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(body(response).message()).isEqualTo("Not Found");
    }

    @Test
    void unexpectedExceptionIs500WithoutItsMessage() {
        Response response = mapper.toResponse(new IllegalStateException("password=hunter2 at db.internal:5432"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(body(response).message()).isEqualTo("Internal Server Error").doesNotContain("hunter2");
        assertThat(body(response).errors()).isNull();
        assertThat(response.getEntity().toString()).doesNotContain("hunter2").doesNotContain("db.internal");
    }

    @Test
    void serverSideWebApplicationExceptionKeepsStatusAndHeadersButNotItsText() {
        Response original = Response.status(503).header("Retry-After", "30").build();
        Response response = mapper.toResponse(new WebApplicationException("backend exploded at db.internal", original));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("30");
        assertThat(body(response).message()).isEqualTo("Service Unavailable").doesNotContain("db.internal");
    }

    @Test
    void unconvertibleQueryParametersAreBadRequestsNotMissingResources() {
        Response response = mapper.toResponse(new org.glassfish.jersey.server.ParamException.QueryParamException(
                new NumberFormatException("For input string: \"abc\""), "page", "1"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(body(response).message()).isEqualTo("Invalid value for query parameter 'page'");
    }

    @Test
    void unconvertiblePathParametersStayNotFound() {
        Response response = mapper.toResponse(new org.glassfish.jersey.server.ParamException.PathParamException(
                new NumberFormatException("x"), "id", null));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(body(response).message()).isEqualTo("Not Found");
    }

    @Test
    void reasonFallsBackForUnknownStatuses() {
        assertThat(ErrorMapper.reason(404)).isEqualTo("Not Found");
        assertThat(ErrorMapper.reason(415)).isEqualTo("Unsupported Media Type");
        assertThat(ErrorMapper.reason(499)).isEqualTo("HTTP 499");
    }
}
