-- Commit statuses, as GitHub's statuses API has them: immutable rows, the newest per context wins.
CREATE TABLE statuses (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id bigint      NOT NULL,
    sha           text        NOT NULL CHECK (sha ~ '^[0-9a-f]{40}$'),
    state         text        NOT NULL CHECK (state IN ('error', 'failure', 'pending', 'success')),
    target_url    text        CHECK (length(target_url) <= 2048),
    description   text        CHECK (length(description) <= 1024),
    context       text        NOT NULL CHECK (length(context) BETWEEN 1 AND 255),
    creator_id    bigint,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX statuses_commit ON statuses (repository_id, sha, id DESC);
CREATE INDEX statuses_context ON statuses (repository_id, sha, context, id DESC);

-- Secrets of a repository or an organisation: AES-256-GCM ciphertext (with its tag) under a per-row nonce; the key
-- lives in a file under the storage root, never in the database.
CREATE TABLE secrets (
    scope      text        NOT NULL CHECK (scope IN ('repository', 'organization')),
    owner_id   bigint      NOT NULL,
    name       text        NOT NULL CHECK (name ~ '^[A-Z_][A-Z0-9_]{0,254}$'),
    nonce      bytea       NOT NULL CHECK (length(nonce) = 12),
    ciphertext bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, owner_id, name)
);

-- Configuration variables: not secret, stored and shown as they are.
CREATE TABLE variables (
    scope      text        NOT NULL CHECK (scope IN ('repository', 'organization')),
    owner_id   bigint      NOT NULL,
    name       text        NOT NULL CHECK (name ~ '^[A-Z_][A-Z0-9_]{0,254}$'),
    value      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, owner_id, name)
);
