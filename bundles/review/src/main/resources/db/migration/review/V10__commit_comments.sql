-- GitHub's commit comments: on a line of a commit's diff (path, GitHub's diff position and the line of the new
-- file) or, without a path, on the whole commit. They belong to a repository (no foreign key: repositories live in
-- another capability's schema); a deleted repository's comments are deleted with their reactions.
CREATE TABLE commit_comments (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id bigint      NOT NULL,
    commit_id     text        NOT NULL CHECK (commit_id ~ '^[0-9a-f]{40}$'),
    user_id       bigint      NOT NULL,
    path          text        CHECK (length(path) BETWEEN 1 AND 4096),
    position      integer     CHECK (position > 0),
    line          integer     CHECK (line > 0),
    body          text        NOT NULL CHECK (length(body) BETWEEN 1 AND 65536),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- A line comment has its path, position and line; a comment on the whole commit has none of them.
    CHECK ((path IS NULL AND position IS NULL AND line IS NULL)
        OR (path IS NOT NULL AND position IS NOT NULL AND line IS NOT NULL))
);
CREATE INDEX commit_comments_commit ON commit_comments (repository_id, commit_id, id);
CREATE INDEX commit_comments_repository ON commit_comments (repository_id, id);

-- Reactions on commit comments are kept with the others.
ALTER TABLE reactions DROP CONSTRAINT reactions_subject_type_check;
ALTER TABLE reactions ADD CONSTRAINT reactions_subject_type_check
    CHECK (subject_type IN ('issue', 'review_comment', 'issue_comment', 'commit_comment'));
