-- Artifacts of workflow runs: a zip archive in the blob store (blob_sha256), kept until expires_at; an expired
-- artifact keeps its row (the API lists it with expired: true) but its archive is deleted.
CREATE TABLE artifacts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id bigint      NOT NULL,
    run_id        bigint      NOT NULL REFERENCES workflow_runs (id) ON DELETE CASCADE,
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    size_in_bytes bigint      NOT NULL CHECK (size_in_bytes >= 0),
    blob_sha256   text        CHECK (blob_sha256 ~ '^[0-9a-f]{64}$'),
    digest        text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    expired       boolean     NOT NULL DEFAULT false,
    UNIQUE (run_id, name),
    CHECK (expired = (blob_sha256 IS NULL))
);
CREATE INDEX artifacts_repository ON artifacts (repository_id, id DESC);
CREATE INDEX artifacts_expiry ON artifacts (expires_at) WHERE NOT expired;

-- Dependency caches (actions/cache) per repository, scoped by the ref of the run that saved them, immutable per
-- key, version and ref; last_accessed_at orders the eviction over a repository's size cap.
CREATE TABLE caches (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id    bigint      NOT NULL,
    key              text        NOT NULL CHECK (length(key) BETWEEN 1 AND 512),
    version          text        NOT NULL,
    ref              text        NOT NULL,
    size_in_bytes    bigint      NOT NULL CHECK (size_in_bytes >= 0),
    blob_sha256      text        NOT NULL CHECK (blob_sha256 ~ '^[0-9a-f]{64}$'),
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_accessed_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (repository_id, ref, key, version)
);
CREATE INDEX caches_lru ON caches (repository_id, last_accessed_at);
