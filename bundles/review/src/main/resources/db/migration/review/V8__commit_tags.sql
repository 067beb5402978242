-- Codara's commit tags: security, performance, refactor and hotfix are suggested per commit from its message and
-- diff (computed from git each time, not stored); a writer's decision on a tag of a commit is stored here, a
-- confirmation ('confirmed', also for a tag that was not suggested) or a rejection ('rejected').
CREATE TABLE commit_tags (
    repository_id bigint      NOT NULL,
    commit_id     text        NOT NULL CHECK (commit_id ~ '^[0-9a-f]{40}$'),
    name          text        NOT NULL CHECK (name IN ('security', 'performance', 'refactor', 'hotfix')),
    state         text        NOT NULL CHECK (state IN ('confirmed', 'rejected')),
    decided_by    bigint      NOT NULL,
    decided_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository_id, commit_id, name)
);
