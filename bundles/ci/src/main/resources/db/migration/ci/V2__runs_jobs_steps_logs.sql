-- Workflow runs: one per workflow file and triggering event; re-runs raise run_attempt and add that attempt's jobs.
CREATE TABLE workflow_runs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id bigint      NOT NULL,
    workflow_path text        NOT NULL CHECK (length(workflow_path) BETWEEN 1 AND 1024),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 1024),
    event         text        NOT NULL CHECK (length(event) BETWEEN 1 AND 100),
    head_sha      text        NOT NULL CHECK (head_sha ~ '^[0-9a-f]{40}$'),
    head_branch   text,
    run_number    bigint      NOT NULL CHECK (run_number >= 1),
    run_attempt   integer     NOT NULL DEFAULT 1 CHECK (run_attempt >= 1),
    status        text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'in_progress', 'completed')),
    conclusion    text        CHECK (conclusion IN ('success', 'failure', 'cancelled', 'skipped')),
    actor         text,
    annotations   jsonb       NOT NULL DEFAULT '[]',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    UNIQUE (repository_id, workflow_path, run_number),
    CHECK ((status = 'completed') = (conclusion IS NOT NULL))
);
CREATE INDEX workflow_runs_repository ON workflow_runs (repository_id, id DESC);
CREATE INDEX workflow_runs_sha ON workflow_runs (repository_id, head_sha);

-- The last run number given per repository and workflow file.
CREATE TABLE workflow_run_numbers (
    repository_id bigint NOT NULL,
    workflow_path text   NOT NULL,
    last_number   bigint NOT NULL,
    PRIMARY KEY (repository_id, workflow_path)
);

-- Jobs of a run attempt. 'waiting' jobs wait for their needs; 'queued' ones are on the job queue; an
-- 'in_progress' job is leased by one dispatcher (lease_owner) that renews lease_until while it runs, and every
-- write of that dispatcher checks it still holds the lease.
CREATE TABLE workflow_jobs (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id            bigint      NOT NULL REFERENCES workflow_runs (id) ON DELETE CASCADE,
    run_attempt       integer     NOT NULL CHECK (run_attempt >= 1),
    job_key           text        NOT NULL,
    name              text        NOT NULL,
    matrix            jsonb,
    needs             text[]      NOT NULL DEFAULT '{}',
    runs_on           text[]      NOT NULL,
    plan              jsonb       NOT NULL,
    status            text        NOT NULL CHECK (status IN ('waiting', 'queued', 'in_progress', 'completed')),
    conclusion        text        CHECK (conclusion IN ('success', 'failure', 'cancelled', 'skipped')),
    message           text,
    runner_name       text,
    claims            integer     NOT NULL DEFAULT 0,
    lease_owner       text,
    lease_until       timestamptz,
    cancel_requested  boolean     NOT NULL DEFAULT false,
    timeout_minutes   integer     NOT NULL CHECK (timeout_minutes >= 1),
    created_at        timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    completed_at      timestamptz,
    CHECK ((status = 'completed') = (conclusion IS NOT NULL))
);
CREATE INDEX workflow_jobs_run ON workflow_jobs (run_id, run_attempt, id);
CREATE INDEX workflow_jobs_leased ON workflow_jobs (lease_until) WHERE status = 'in_progress';
CREATE INDEX workflow_jobs_queued ON workflow_jobs (status) WHERE status = 'queued';

-- Steps of a job, numbered from 1 as in the workflow file.
CREATE TABLE workflow_steps (
    job_id       bigint      NOT NULL REFERENCES workflow_jobs (id) ON DELETE CASCADE,
    number       integer     NOT NULL CHECK (number >= 1),
    name         text        NOT NULL,
    status       text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'in_progress', 'completed')),
    conclusion   text        CHECK (conclusion IN ('success', 'failure', 'cancelled', 'skipped')),
    started_at   timestamptz,
    completed_at timestamptz,
    PRIMARY KEY (job_id, number)
);

-- Log text of a job in PostgreSQL, so any node can serve it: per step (0 is the runner's set-up) by the step's
-- byte offset, and by the byte offset in the whole job's log.
CREATE TABLE workflow_log_chunks (
    job_id      bigint  NOT NULL REFERENCES workflow_jobs (id) ON DELETE CASCADE,
    step        integer NOT NULL CHECK (step >= 0),
    byte_offset bigint  NOT NULL CHECK (byte_offset >= 0),
    job_offset  bigint  NOT NULL CHECK (job_offset >= 0),
    bytes       integer NOT NULL CHECK (bytes >= 0),
    text        text    NOT NULL,
    PRIMARY KEY (job_id, step, byte_offset)
);
CREATE INDEX workflow_log_chunks_job ON workflow_log_chunks (job_id, job_offset);
