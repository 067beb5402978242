package io.codara.api.auth;

import java.util.List;
import java.util.Optional;

import io.codara.api.audit.Actor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Users' OpenPGP (GPG) public keys, against which commit signatures are verified. A key is accepted when it is one
 * ASCII-armored public key (not a private key) whose primary key and subkeys are registered by nobody yet;
 * otherwise 422 and nothing is stored.
 */
@ProviderType
public interface GpgKeys {

    /** Adds an ASCII-armored public key ({@code gpg --armor --export}). */
    GpgKey add(String owner, String name, String armoredPublicKey, Actor actor);

    /** The user's keys, oldest first. */
    List<GpgKey> list(String owner);

    /** One of the user's keys. */
    Optional<GpgKey> find(String owner, long id);

    /** Deletes one of the user's keys; false when there is none with that id. */
    boolean delete(String owner, long id, Actor actor);

    /** The registered key whose primary key or one of whose subkeys has this 64-bit key id (hex, any case). */
    Optional<GpgKey> findByKeyId(String keyId);
}
