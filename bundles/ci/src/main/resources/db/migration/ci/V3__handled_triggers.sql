-- Triggers already turned into runs (an outbox event id and ref, a dispatch request), so that an event delivered
-- twice starts its workflows once; written in the transaction that creates the runs.
CREATE TABLE handled_triggers (
    trigger_key text        PRIMARY KEY CHECK (length(trigger_key) BETWEEN 1 AND 1024),
    handled_at  timestamptz NOT NULL DEFAULT now()
);

-- The inputs of a workflow_dispatch run, for the inputs context.
ALTER TABLE workflow_runs ADD COLUMN inputs jsonb NOT NULL DEFAULT '{}';

-- The full ref that triggered a run (refs/heads/... or refs/tags/...), for GITHUB_REF.
ALTER TABLE workflow_runs ADD COLUMN head_ref text;

-- A job's outputs (jobs.<id>.outputs evaluated when it ended), for the needs context of the jobs that need it.
ALTER TABLE workflow_jobs ADD COLUMN outputs jsonb NOT NULL DEFAULT '{}';
