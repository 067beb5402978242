package io.codara.review.internal;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

/** GitHub's reaction endpoints of one subject, shared by the resources of pull requests and their comments. */
final class Reactions {

    private Reactions() {
    }

    static Page<Map<String, Object>> list(PostgresReviews reviews, ReviewViews.Renderer renderer, String type,
            long subject, String content, Integer page, Integer perPage) {
        Page<PostgresReviews.Reaction> found = reviews.reactions(type, subject, content,
                PageRequest.of(page, perPage));
        return new Page<>(renderer.reactions(found.items()), found.request(), found.total());
    }

    /** 201 with a new reaction, 200 with the same one when the caller already reacted so. */
    static Response add(PostgresReviews reviews, ReviewViews.Renderer renderer, String type, long subject, long user,
            Map<String, Object> body) {
        String content = Bodies.string(Bodies.required(body), "content");
        Map.Entry<PostgresReviews.Reaction, Boolean> added = reviews.react(type, subject, user, content);
        return Response.status(added.getValue() ? 201 : 200)
                .entity(renderer.reactions(java.util.List.of(added.getKey())).get(0)).build();
    }

    static Response delete(PostgresReviews reviews, String type, long subject, long id, long user) {
        reviews.unreact(type, subject, id, user);
        return Response.noContent().build();
    }

}
