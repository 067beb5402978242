-- Durable job queue: claimed with FOR UPDATE SKIP LOCKED, retried with exponential backoff, dead-lettered.
CREATE TABLE jobs (
    id            bigserial    PRIMARY KEY,
    queue         text         NOT NULL,
    payload       jsonb        NOT NULL,
    state         text         NOT NULL DEFAULT 'QUEUED' CHECK (state IN ('QUEUED', 'RUNNING', 'DONE', 'DEAD')),
    attempts      integer      NOT NULL DEFAULT 0,
    max_attempts  integer      NOT NULL CHECK (max_attempts >= 1),
    backoff_ms    bigint       NOT NULL CHECK (backoff_ms >= 0),
    run_at        timestamptz  NOT NULL DEFAULT now(),
    locked_by     text,
    locked_until  timestamptz,
    last_error    text,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    finished_at   timestamptz
);

-- Claim: oldest due job of a queue among the queued and the running ones.
CREATE INDEX jobs_claimable ON jobs (queue, run_at, id) WHERE state IN ('QUEUED', 'RUNNING');
CREATE INDEX jobs_dead ON jobs (queue, finished_at DESC, id DESC) WHERE state = 'DEAD';
CREATE INDEX jobs_done ON jobs (finished_at) WHERE state = 'DONE';

-- Transactional outbox: written in the transaction of the change it reports, delivered at least once.
CREATE TABLE outbox (
    id            bigserial    PRIMARY KEY,
    topic         text         NOT NULL,
    properties    jsonb        NOT NULL,
    occurred_at   timestamptz  NOT NULL DEFAULT now(),
    delivered_at  timestamptz,
    attempts      integer      NOT NULL DEFAULT 0,
    last_error    text
);

CREATE INDEX outbox_undelivered ON outbox (id) WHERE delivered_at IS NULL;
CREATE INDEX outbox_delivered ON outbox (delivered_at) WHERE delivered_at IS NOT NULL;
