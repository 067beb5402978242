package io.codara.api.git;

import java.util.Locale;

/** Who may see a repository, as GitHub names it. */
public enum Visibility {
    /** Everyone, signed in or not. */
    PUBLIC,
    /** Every signed-in user of the installation. */
    INTERNAL,
    /** Only those given a role on it. */
    PRIVATE;

    /** {@code "public"}, {@code "internal"} or {@code "private"}. */
    public String githubName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The visibility named {@code value}; {@link IllegalArgumentException} for anything else. */
    public static Visibility parse(String value) {
        for (Visibility v : values()) {
            if (v.githubName().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("visibility must be public, internal or private");
    }
}
