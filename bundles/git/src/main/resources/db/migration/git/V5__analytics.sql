-- Repository analytics: size samples taken after pushes and maintenance (growth over time), and contributions
-- (one row per commit a Codara user authored, per repository, so that a re-delivered push event counts nothing
-- twice and a profile shows only what its viewer may see).

CREATE TABLE size_samples (
    repository_id  bigint      NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    sampled_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    pack_bytes     bigint      NOT NULL CHECK (pack_bytes >= 0),
    loose_bytes    bigint      NOT NULL CHECK (loose_bytes >= 0),
    packs          bigint      NOT NULL CHECK (packs >= 0),
    packed_objects bigint      NOT NULL CHECK (packed_objects >= 0),
    loose_objects  bigint      NOT NULL CHECK (loose_objects >= 0),
    PRIMARY KEY (repository_id, sampled_at)
);

CREATE TABLE contributions (
    repository_id bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    commit_sha    text   NOT NULL CHECK (commit_sha ~ '^[0-9a-f]{40}$'),
    account_id    bigint NOT NULL,
    day           date   NOT NULL,
    PRIMARY KEY (repository_id, commit_sha)
);
CREATE INDEX contributions_account_day ON contributions (account_id, day);
