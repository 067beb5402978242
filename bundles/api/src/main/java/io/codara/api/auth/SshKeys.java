package io.codara.api.auth;

import java.util.List;
import java.util.Optional;

import io.codara.api.audit.Actor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Users' SSH public keys. A key is accepted when it parses, is of a type OpenSSH still trusts (RSA of at least
 * 2048 bits, ECDSA, Ed25519) and is not already registered by anyone; otherwise 422 and nothing is stored.
 */
@ProviderType
public interface SshKeys {

    /** Adds a key given as a line of {@code authorized_keys} / {@code id_*.pub}. */
    SshKey add(String owner, String title, String publicKey, Actor actor);

    /** The user's keys, oldest first. */
    List<SshKey> list(String owner);

    /** One of the user's keys. */
    Optional<SshKey> find(String owner, long id);

    /** Deletes one of the user's keys; false when there is none with that id. */
    boolean delete(String owner, long id, Actor actor);

    /** The key with this fingerprint and its owner, for git over SSH. */
    Optional<SshKey> findByFingerprint(String fingerprint);
}
