package io.codara.api.identity;

/**
 * One of a user's email addresses, in GitHub's {@code /user/emails} shape.
 *
 * @param email the address
 * @param primary whether it is the primary address
 * @param verified whether ownership was proven
 * @param visibility {@code "public"} when it is the profile's public email, else {@code null}
 */
public record Email(String email, boolean primary, boolean verified, String visibility) {
}
