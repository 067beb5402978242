package io.codara.api.auth;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Checks a login and a secret (password or token) and says who they belong to. */
@ProviderType
public interface Authenticator {

    /** The identity the credentials prove, or empty when they prove nothing. Never throws for bad credentials. */
    Optional<Identity> authenticate(String login, char[] secret);
}
