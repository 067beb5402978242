-- Self-hosted runners on other machines, registered with a one-hour registration token and then known by a
-- long-lived credential of their own (only its SHA-256 is kept). A runner serves one repository, the repositories
-- of one organisation, or (site) every repository; it claims queued jobs whose runs-on it has over REST.
CREATE TABLE runner_registration_tokens (
    token_hash      bytea       PRIMARY KEY,
    scope           text        NOT NULL CHECK (scope IN ('repository', 'organization', 'site')),
    repository_id   bigint,
    organization_id bigint,
    created_by      text,
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((scope = 'repository') = (repository_id IS NOT NULL)),
    CHECK ((scope = 'organization') = (organization_id IS NOT NULL))
);

CREATE TABLE runners (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    scope           text        NOT NULL CHECK (scope IN ('repository', 'organization', 'site')),
    repository_id   bigint,
    organization_id bigint,
    os              text        NOT NULL DEFAULT 'Linux',
    labels          text[]      NOT NULL,
    credential_hash bytea       NOT NULL UNIQUE,
    busy            boolean     NOT NULL DEFAULT false,
    -- The job it runs now and the id of that job's checkout token (revoked when the job ends).
    job_id          bigint,
    job_token_id    bigint,
    last_seen       timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((scope = 'repository') = (repository_id IS NOT NULL)),
    CHECK ((scope = 'organization') = (organization_id IS NOT NULL))
);
-- A runner's name is unique where it serves (GitHub refuses a second runner of the same name).
CREATE UNIQUE INDEX runners_name ON runners (scope, COALESCE(repository_id, 0), COALESCE(organization_id, 0),
    lower(name));
