package io.codara.api.ci;

/**
 * Whose secrets and variables: one repository's or one organisation's.
 *
 * @param kind repository or organisation
 * @param id the repository's id, or the organisation account's id
 */
public record SecretScope(Kind kind, long id) {

    /** What owns the secrets. */
    public enum Kind { REPOSITORY, ORGANIZATION }

    public SecretScope {
        if (kind == null) {
            throw new IllegalArgumentException("a scope needs a kind");
        }
    }

    /** A repository's secrets. */
    public static SecretScope repository(long repositoryId) {
        return new SecretScope(Kind.REPOSITORY, repositoryId);
    }

    /** An organisation's secrets. */
    public static SecretScope organization(long accountId) {
        return new SecretScope(Kind.ORGANIZATION, accountId);
    }
}
