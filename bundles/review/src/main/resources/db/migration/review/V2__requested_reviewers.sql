-- Who is asked to review a pull request, in the order they were asked.
CREATE TABLE requested_reviewers (
    pull_request_id bigint      NOT NULL REFERENCES pull_requests (id) ON DELETE CASCADE,
    account_id      bigint      NOT NULL,
    requested_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (pull_request_id, account_id)
);
