-- Dispatchers whose node has a runner that can run Docker jobs (runs-on: docker:<image>), renewed while it can:
-- a queued Docker job fails when no node has reported one for a while, instead of waiting forever.
CREATE TABLE runner_presence (
    owner   text        PRIMARY KEY CHECK (length(owner) BETWEEN 1 AND 512),
    docker  boolean     NOT NULL,
    seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX runner_presence_docker ON runner_presence (seen_at) WHERE docker;
