-- What a run's expressions see as github.event (a pull request's payload; the cron of a scheduled run).
ALTER TABLE workflow_runs ADD COLUMN event_payload jsonb NOT NULL DEFAULT '{}';
-- The repository whose git directory holds head_sha when it is not the run's own (a pull request from a fork).
ALTER TABLE workflow_runs ADD COLUMN source_repository_id bigint;
-- Runs that get no secrets: pull requests whose head is in a fork, as GitHub withholds them.
ALTER TABLE workflow_runs ADD COLUMN withhold_secrets boolean NOT NULL DEFAULT false;
-- concurrency: of the workflow, evaluated when the run was created; a 'pending' run waits for its group.
ALTER TABLE workflow_runs ADD COLUMN concurrency_group text CHECK (length(concurrency_group) <= 1024);
ALTER TABLE workflow_runs ADD COLUMN cancel_in_progress boolean NOT NULL DEFAULT false;
ALTER TABLE workflow_runs DROP CONSTRAINT workflow_runs_status_check;
ALTER TABLE workflow_runs ADD CONSTRAINT workflow_runs_status_check
    CHECK (status IN ('pending', 'queued', 'in_progress', 'completed'));
CREATE INDEX workflow_runs_concurrency ON workflow_runs (repository_id, concurrency_group, id)
    WHERE concurrency_group IS NOT NULL AND status <> 'completed';

-- concurrency: of a job; a 'pending' job's needs are done and it waits for its group.
ALTER TABLE workflow_jobs ADD COLUMN concurrency_group text CHECK (length(concurrency_group) <= 1024);
ALTER TABLE workflow_jobs DROP CONSTRAINT workflow_jobs_status_check;
ALTER TABLE workflow_jobs ADD CONSTRAINT workflow_jobs_status_check
    CHECK (status IN ('waiting', 'pending', 'queued', 'in_progress', 'completed'));
CREATE INDEX workflow_jobs_concurrency ON workflow_jobs (concurrency_group, id)
    WHERE concurrency_group IS NOT NULL AND status <> 'completed';

-- One row per concurrency group of a repository, locked by whoever decides which member of the group runs, so two
-- nodes deciding at once wait for each other.
CREATE TABLE concurrency_groups (
    repository_id bigint NOT NULL,
    name          text   NOT NULL,
    PRIMARY KEY (repository_id, name)
);

-- The cron schedules of the workflows on each repository's default branch, as last read there, and when each fires
-- next (UTC).
CREATE TABLE schedules (
    repository_id bigint      NOT NULL,
    workflow_path text        NOT NULL,
    cron          text        NOT NULL,
    next_at       timestamptz NOT NULL,
    PRIMARY KEY (repository_id, workflow_path, cron)
);
CREATE INDEX schedules_due ON schedules (next_at);

-- The one scheduling tick of the cluster: the job queue job that fires due schedules; a tick whose id is not this
-- one is a stray and ends without doing anything, so two nodes never run two chains of ticks.
CREATE TABLE schedule_clock (
    id       integer PRIMARY KEY CHECK (id = 1),
    tick_job bigint
);
INSERT INTO schedule_clock (id, tick_job) VALUES (1, NULL);
