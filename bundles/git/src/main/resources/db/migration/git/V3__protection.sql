-- Branch and tag protection (GitHub's branch protection rules and tag protection patterns), per repository id so
-- that renames and transfers keep them. A branch gets at most one rule: the exact name, else the oldest pattern.

CREATE TABLE branch_protections (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id             bigint      NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    pattern                   text        NOT NULL CHECK (length(pattern) BETWEEN 1 AND 255),
    status_checks             boolean     NOT NULL DEFAULT false,
    status_checks_strict      boolean     NOT NULL DEFAULT false,
    status_check_contexts     text[]      NOT NULL DEFAULT '{}',
    enforce_admins            boolean     NOT NULL DEFAULT false,
    reviews                   boolean     NOT NULL DEFAULT false,
    reviews_approving_count   integer     NOT NULL DEFAULT 0 CHECK (reviews_approving_count BETWEEN 0 AND 6),
    reviews_dismiss_stale     boolean     NOT NULL DEFAULT false,
    reviews_code_owners       boolean     NOT NULL DEFAULT false,
    restricted                boolean     NOT NULL DEFAULT false,
    restricted_users          text[]      NOT NULL DEFAULT '{}',
    restricted_teams          text[]      NOT NULL DEFAULT '{}',
    required_linear_history   boolean     NOT NULL DEFAULT false,
    allow_force_pushes        boolean     NOT NULL DEFAULT false,
    allow_deletions           boolean     NOT NULL DEFAULT false,
    required_signatures       boolean     NOT NULL DEFAULT false,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX branch_protections_pattern_key ON branch_protections (repository_id, pattern);

CREATE TABLE tag_protections (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id bigint      NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    pattern       text        NOT NULL CHECK (length(pattern) BETWEEN 1 AND 255),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tag_protections_pattern_key ON tag_protections (repository_id, pattern);
