-- Per repository numbering of pull requests (and, later, of issues: GitHub shares one sequence between them).
CREATE TABLE numbers (
    repository_id bigint PRIMARY KEY,
    last_number   integer NOT NULL
);

-- Pull requests as GitHub has them; the head may live in a fork of the base repository.
CREATE TABLE pull_requests (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id         bigint      NOT NULL,
    number                integer     NOT NULL CHECK (number > 0),
    title                 text        NOT NULL CHECK (length(title) BETWEEN 1 AND 256),
    body                  text        CHECK (length(body) <= 65536),
    state                 text        NOT NULL CHECK (state IN ('open', 'closed')),
    draft                 boolean     NOT NULL DEFAULT false,
    merged                boolean     NOT NULL DEFAULT false,
    author_id             bigint      NOT NULL,
    head_repository_id    bigint      NOT NULL,
    head_ref              text        NOT NULL,
    head_sha              text        NOT NULL CHECK (head_sha ~ '^[0-9a-f]{40}$'),
    base_ref              text        NOT NULL,
    base_sha              text        NOT NULL CHECK (base_sha ~ '^[0-9a-f]{40}$'),
    mergeable             boolean,
    mergeable_state       text        NOT NULL DEFAULT 'unknown' CHECK (mergeable_state IN ('clean', 'dirty', 'unknown')),
    maintainer_can_modify boolean     NOT NULL DEFAULT false,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    closed_at             timestamptz,
    merged_at             timestamptz,
    UNIQUE (repository_id, number)
);
-- At most one open pull request per head and base, as GitHub allows.
CREATE UNIQUE INDEX pull_requests_open_pair ON pull_requests (repository_id, head_repository_id, head_ref, base_ref)
    WHERE state = 'open';
CREATE INDEX pull_requests_head ON pull_requests (head_repository_id, head_ref) WHERE state = 'open';
CREATE INDEX pull_requests_base ON pull_requests (repository_id, base_ref) WHERE state = 'open';
