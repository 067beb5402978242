-- Merge queues, one per protected branch that enables it: how the queue merges (merge, squash or rebase), how many
-- pull requests may land at once on one green build (1: each lands only on its own green build), how many builds run
-- ahead, and how long checks may take.
CREATE TABLE merge_queues (
    repository_id         bigint  NOT NULL,
    branch                text    NOT NULL,
    merge_method          text    NOT NULL DEFAULT 'merge' CHECK (merge_method IN ('merge', 'squash', 'rebase')),
    batch_size            integer NOT NULL DEFAULT 1 CHECK (batch_size BETWEEN 1 AND 10),
    max_builds            integer NOT NULL DEFAULT 5 CHECK (max_builds BETWEEN 1 AND 20),
    check_timeout_minutes integer NOT NULL DEFAULT 60 CHECK (check_timeout_minutes BETWEEN 1 AND 1440),
    PRIMARY KEY (repository_id, branch)
);

-- The pull requests in a queue, in order of entry. A building entry's speculative commit is the base (or the entry
-- ahead's speculative commit) with the pull request merged in; it is pushed to a branch of the queue, where CI runs
-- the required checks on exactly that commit.
CREATE TABLE merge_queue_entries (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id    bigint      NOT NULL,
    base_ref         text        NOT NULL,
    pull_request_id  bigint      NOT NULL REFERENCES pull_requests (id) ON DELETE CASCADE,
    enqueued_by      bigint      NOT NULL,
    state            text        NOT NULL CHECK (state IN ('queued', 'building', 'passed', 'merged', 'failed', 'removed')),
    head_sha         text        NOT NULL CHECK (head_sha ~ '^[0-9a-f]{40}$'),
    built_on_sha     text        CHECK (built_on_sha ~ '^[0-9a-f]{40}$'),
    speculative_sha  text        CHECK (speculative_sha ~ '^[0-9a-f]{40}$'),
    reason           text,
    enqueued_at      timestamptz NOT NULL DEFAULT now(),
    built_at         timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX merge_queue_entries_active ON merge_queue_entries (pull_request_id)
    WHERE state IN ('queued', 'building', 'passed');
CREATE INDEX merge_queue_entries_queue ON merge_queue_entries (repository_id, base_ref, id)
    WHERE state IN ('queued', 'building', 'passed');
CREATE INDEX merge_queue_entries_speculative ON merge_queue_entries (speculative_sha)
    WHERE state = 'building';
