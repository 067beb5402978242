package io.codara.api.security;

/**
 * What is acted on: a resource type owned by some capability and the resource's id within it, e.g.
 * {@code ("repository", "acme/widgets")}, {@code ("organization", "acme")}, {@code ("user", "alice")} or
 * {@code ("site", "")} for installation-wide administration.
 */
public record ResourceRef(String type, String id) {

    /** The installation itself. */
    public static final ResourceRef SITE = new ResourceRef("site", "");

    public ResourceRef {
        if (type == null || type.isBlank() || id == null) {
            throw new IllegalArgumentException("a resource needs a type and an id");
        }
    }
}
