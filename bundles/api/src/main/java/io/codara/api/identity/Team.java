package io.codara.api.identity;

import java.time.Instant;

/**
 * A team inside an organisation.
 *
 * @param id stable numeric id
 * @param organization the organisation's login
 * @param name display name
 * @param slug the name in URLs, unique within the organisation
 * @param description description, or {@code null}
 * @param secret whether only its members and the organisation's owners can see it ({@code privacy: secret});
 *        otherwise every member of the organisation can ({@code closed})
 * @param membersCount how many members it has
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record Team(long id, String organization, String name, String slug, String description, boolean secret,
        int membersCount, Instant createdAt, Instant updatedAt) {
}
