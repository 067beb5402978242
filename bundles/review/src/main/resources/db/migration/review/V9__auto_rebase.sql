-- Auto-rebase: a pull request whose author (or someone who may push to its head) enabled it has its head branch
-- rebased onto its base whenever the base moves, in the enabler's name; the last attempt's outcome is kept here.
ALTER TABLE pull_requests
    ADD COLUMN auto_rebase_enabled_by  bigint,
    ADD COLUMN auto_rebase_enabled_at  timestamptz,
    ADD COLUMN auto_rebase_state       text CHECK (auto_rebase_state IN ('rebased', 'conflict', 'merge_commits',
                                           'refused', 'forbidden', 'head_moved', 'missing_branch')),
    ADD COLUMN auto_rebase_message     text CHECK (length(auto_rebase_message) <= 1024),
    ADD COLUMN auto_rebase_at          timestamptz,
    ADD COLUMN auto_rebase_base_sha    text CHECK (auto_rebase_base_sha ~ '^[0-9a-f]{40}$'),
    ADD COLUMN auto_rebase_head_sha    text CHECK (auto_rebase_head_sha ~ '^[0-9a-f]{40}$');
CREATE INDEX pull_requests_auto_rebase ON pull_requests (repository_id, base_ref)
    WHERE state = 'open' AND auto_rebase_enabled_by IS NOT NULL;
