-- Forks, templates, merge settings and profile pins. parent_id (V1) links a fork to the repository it borrows its
-- objects from; template_id a repository to the template it was generated from (no objects shared).

ALTER TABLE repositories
    ADD COLUMN template_id            bigint  REFERENCES repositories (id) ON DELETE SET NULL,
    ADD COLUMN delete_branch_on_merge boolean NOT NULL DEFAULT false,
    ADD COLUMN allow_merge_commit     boolean NOT NULL DEFAULT true,
    ADD COLUMN allow_squash_merge     boolean NOT NULL DEFAULT true,
    ADD COLUMN allow_rebase_merge     boolean NOT NULL DEFAULT true,
    ADD CONSTRAINT repositories_one_merge_method CHECK (allow_merge_commit OR allow_squash_merge OR allow_rebase_merge);

-- Up to six repositories pinned to a user's or an organisation's profile, in order. Keyed by the account's id, so
-- a renamed account keeps its pins; deleting a repository removes its pins.
CREATE TABLE pinned_repositories (
    account_id    bigint   NOT NULL,
    position      smallint NOT NULL CHECK (position BETWEEN 0 AND 5),
    repository_id bigint   NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, position),
    UNIQUE (account_id, repository_id)
);
