package io.codara.api.identity;

/**
 * A user's membership of an organisation.
 *
 * @param organization the organisation's login
 * @param user the member's login
 * @param role owner or member
 * @param publicized whether the member shows the membership to everyone (else only to other members)
 */
public record Membership(String organization, String user, MembershipRole role, boolean publicized) {
}
