package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;

class ResourceParametersTest {

    @Path("things")
    public static final class Things {
        @GET
        public List<String> list(@QueryParam("page") Integer page, @QueryParam("per_page") int perPage,
                @QueryParam("q") String q, @QueryParam("archived") boolean archived, @HeaderParam("If-None-Match") String etag) {
            return List.of();
        }

        @DELETE
        @Path("{id: [0-9]+}")
        public void delete(@PathParam("id") long id) {
        }

        public void notAResourceMethod(@QueryParam("x") String x) {
        }
    }

    @Test
    void readsQueryAndHeaderParametersPerRoute() {
        Map<String, List<Map<String, Object>>> params = ResourceParameters.of(Things.class, "/");

        assertThat(params).containsOnlyKeys("GET /things", "DELETE /things/{id}");
        assertThat(params.get("GET /things")).extracting(p -> p.get("name") + ":" + p.get("in") + ":" + p.get("schema"))
                .containsExactly("page:query:{type=integer}", "per_page:query:{type=integer}", "q:query:{type=string}",
                        "archived:query:{type=boolean}", "If-None-Match:header:{type=string}");
        assertThat(params.get("DELETE /things/{id}")).as("path parameters come from the template").isEmpty();
    }
}
