-- The conflict forecast of the open pull requests of one base branch: when it was asked for and computed, and what
-- computing it took. A request while one is queued adds no job: the queued job will see the newest state.
CREATE TABLE forecasts (
    repository_id  bigint      NOT NULL,
    base_ref       text        NOT NULL,
    queued         boolean     NOT NULL DEFAULT false,
    requested_at   timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    computed_at    timestamptz,
    duration_ms    integer,
    pulls          integer,
    pairs_merged   integer,
    pairs_disjoint integer,
    pairs_apart    integer,
    pairs_unknown  integer,
    PRIMARY KEY (repository_id, base_ref)
);

-- Pairs of open pull requests that would conflict if either merged first, stored in both directions, with the paths
-- where they do and the heads the forecast looked at.
CREATE TABLE forecast_conflicts (
    repository_id         bigint NOT NULL,
    base_ref              text   NOT NULL,
    pull_request_id       bigint NOT NULL REFERENCES pull_requests (id) ON DELETE CASCADE,
    other_pull_request_id bigint NOT NULL REFERENCES pull_requests (id) ON DELETE CASCADE,
    paths                 text[] NOT NULL,
    head_sha              text   NOT NULL,
    other_head_sha        text   NOT NULL,
    PRIMARY KEY (pull_request_id, other_pull_request_id)
);
CREATE INDEX forecast_conflicts_base ON forecast_conflicts (repository_id, base_ref);
