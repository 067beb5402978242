-- Users' OpenPGP public keys (GitHub's /user/gpg_keys). The armored key is kept as given; what it says (user ids,
-- flags, expiry) is read from it. Every key id of a key (primary and subkeys) is indexed, so that a signature's
-- issuer finds its key, and unique, so that a key cannot be registered twice.
CREATE TABLE gpg_keys (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    key_id     text        NOT NULL,
    raw_key    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gpg_keys_user ON gpg_keys (user_id);

CREATE TABLE gpg_key_ids (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    gpg_key_id bigint  NOT NULL REFERENCES gpg_keys (id) ON DELETE CASCADE,
    key_id     text    NOT NULL CHECK (key_id ~ '^[0-9A-F]{16}$'),
    is_primary boolean NOT NULL,
    CONSTRAINT gpg_key_ids_key_id_key UNIQUE (key_id)
);
CREATE INDEX gpg_key_ids_key ON gpg_key_ids (gpg_key_id);
