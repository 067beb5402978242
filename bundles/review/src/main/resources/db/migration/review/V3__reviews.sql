-- Reviews of pull requests as GitHub has them. A pending review is a draft only its author sees; submitting it
-- sets its state and submitted_at. Per user, the latest submitted review that is not COMMENTED decides (a
-- DISMISSED one no longer approves or blocks).
CREATE TABLE reviews (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pull_request_id bigint      NOT NULL REFERENCES pull_requests (id) ON DELETE CASCADE,
    user_id         bigint      NOT NULL,
    state           text        NOT NULL CHECK (state IN ('PENDING', 'APPROVED', 'CHANGES_REQUESTED', 'COMMENTED',
                                                          'DISMISSED')),
    commit_id       text        NOT NULL CHECK (commit_id ~ '^[0-9a-f]{40}$'),
    body            text        CHECK (length(body) <= 65536),
    submitted_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((state = 'PENDING') = (submitted_at IS NULL))
);
CREATE INDEX reviews_pull_request ON reviews (pull_request_id, id);
-- GitHub allows one pending review per user and pull request.
CREATE UNIQUE INDEX reviews_one_pending ON reviews (pull_request_id, user_id) WHERE state = 'PENDING';

-- Comments on diff lines (or line ranges) of a pull request, each in a review. line and start_line follow the
-- current head and are NULL once the commented lines changed (the comment is outdated); original_* keep where it
-- was made. A reply (in_reply_to_id) belongs to the thread of its root comment, which carries the resolution.
CREATE TABLE review_comments (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pull_request_id     bigint      NOT NULL REFERENCES pull_requests (id) ON DELETE CASCADE,
    review_id           bigint      NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    user_id             bigint      NOT NULL,
    in_reply_to_id      bigint      REFERENCES review_comments (id) ON DELETE CASCADE,
    path                text        NOT NULL,
    side                text        NOT NULL CHECK (side IN ('LEFT', 'RIGHT')),
    start_side          text        CHECK (start_side IN ('LEFT', 'RIGHT')),
    line                integer     CHECK (line > 0),
    start_line          integer     CHECK (start_line > 0),
    original_line       integer     NOT NULL CHECK (original_line > 0),
    original_start_line integer     CHECK (original_start_line > 0),
    position            integer,
    original_position   integer     NOT NULL,
    commit_id           text        NOT NULL CHECK (commit_id ~ '^[0-9a-f]{40}$'),
    original_commit_id  text        NOT NULL CHECK (original_commit_id ~ '^[0-9a-f]{40}$'),
    diff_hunk           text        NOT NULL,
    body                text        NOT NULL CHECK (length(body) BETWEEN 1 AND 65536),
    resolved_by         bigint,
    resolved_at         timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_comments_pull_request ON review_comments (pull_request_id, id);
CREATE INDEX review_comments_review ON review_comments (review_id);
CREATE INDEX review_comments_reply ON review_comments (in_reply_to_id);

-- The conversation of a pull request (GitHub's issue comments on its number).
CREATE TABLE issue_comments (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pull_request_id bigint      NOT NULL REFERENCES pull_requests (id) ON DELETE CASCADE,
    user_id         bigint      NOT NULL,
    body            text        NOT NULL CHECK (length(body) BETWEEN 1 AND 65536),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX issue_comments_pull_request ON issue_comments (pull_request_id, id);

-- Reactions with GitHub's content names, on a pull request ('issue', its id), a review comment or an issue comment.
-- Rows of a deleted subject are deleted with it.
CREATE TABLE reactions (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject_type text        NOT NULL CHECK (subject_type IN ('issue', 'review_comment', 'issue_comment')),
    subject_id   bigint      NOT NULL,
    user_id      bigint      NOT NULL,
    content      text        NOT NULL CHECK (content IN ('+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket',
                                                         'eyes')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (subject_type, subject_id, user_id, content)
);
CREATE INDEX reactions_subject ON reactions (subject_type, subject_id);
