package io.codara.api.review;

/**
 * A label of a repository, as GitHub has them.
 *
 * @param id stable numeric id
 * @param repositoryId the repository it belongs to
 * @param name its name, unique in the repository regardless of case
 * @param color six lower-case hex digits, without {@code #}
 * @param description a short description, or {@code null}
 */
public record Label(long id, long repositoryId, String name, String color, String description) {
}
