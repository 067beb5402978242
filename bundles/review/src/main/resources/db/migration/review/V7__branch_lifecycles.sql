-- Branch lifespans, from pushes and merged pull requests: a branch is born when a push creates it (before = 40
-- zeros) and ends when a pull request from it is merged or a push deletes it (after = 40 zeros), whichever comes
-- first. A branch created again after its end starts a new row.
CREATE TABLE branch_lifecycles (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id bigint      NOT NULL,
    branch        text        NOT NULL,
    created_at    timestamptz NOT NULL,
    ended_at      timestamptz,
    end_reason    text CHECK (end_reason IN ('merged', 'deleted')),
    pull_number   integer,
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);

CREATE UNIQUE INDEX branch_lifecycles_living ON branch_lifecycles (repository_id, branch) WHERE ended_at IS NULL;
CREATE INDEX branch_lifecycles_ended ON branch_lifecycles (repository_id, ended_at);
