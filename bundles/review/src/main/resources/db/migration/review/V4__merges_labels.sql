-- Merges: the commit a merge made the base's tip, who merged, and auto-merge (GitHub's auto_merge object).
ALTER TABLE pull_requests
    ADD COLUMN merge_commit_sha          text CHECK (merge_commit_sha ~ '^[0-9a-f]{40}$'),
    ADD COLUMN merged_by_id              bigint,
    ADD COLUMN auto_merge_method         text CHECK (auto_merge_method IN ('merge', 'squash', 'rebase')),
    ADD COLUMN auto_merge_enabled_by     bigint,
    ADD COLUMN auto_merge_commit_title   text CHECK (length(auto_merge_commit_title) <= 1024),
    ADD COLUMN auto_merge_commit_message text CHECK (length(auto_merge_commit_message) <= 65536),
    ADD COLUMN auto_merge_enabled_at     timestamptz;
CREATE INDEX pull_requests_auto_merge ON pull_requests (head_sha) WHERE state = 'open' AND auto_merge_method IS NOT NULL;

-- Repository labels, GitHub's: names unique per repository regardless of case.
CREATE TABLE labels (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id bigint      NOT NULL,
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    color         text        NOT NULL CHECK (color ~ '^[0-9a-f]{6}$'),
    description   text        CHECK (length(description) <= 100),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX labels_name_key ON labels (repository_id, lower(name));

-- Labels and assignees of an issue number (today pull requests; issues share the numbers, as on GitHub).
CREATE TABLE issue_labels (
    repository_id bigint      NOT NULL,
    number        integer     NOT NULL,
    label_id      bigint      NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    added_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository_id, number, label_id)
);
CREATE INDEX issue_labels_label ON issue_labels (label_id);
CREATE TABLE issue_assignees (
    repository_id bigint      NOT NULL,
    number        integer     NOT NULL,
    account_id    bigint      NOT NULL,
    assigned_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository_id, number, account_id)
);
