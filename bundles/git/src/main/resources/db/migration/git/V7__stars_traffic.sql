-- Stars (GitHub's starring), clone traffic, and each repository's main language, for discovery: explore/trending
-- and repository search sort and filter on them.

-- Who starred which repository, by account id (a renamed user keeps its stars). Stars of a repository that became
-- private stay, so that they come back if it becomes public again; who may see them is decided when they are read.
CREATE TABLE stars (
    repository_id bigint      NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    account_id    bigint      NOT NULL,
    starred_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository_id, account_id)
);
CREATE INDEX stars_account ON stars (account_id, starred_at DESC);
-- recent stars per repository, for trending
CREATE INDEX stars_recent ON stars (starred_at, repository_id);

-- GitHub's stargazers_count, kept in the same transaction as the stars themselves, so that reading and sorting
-- repositories by it costs no join. language: the main language of the default branch (largest by bytes), set
-- after pushes, so that explore and search filter on a column.
ALTER TABLE repositories
    ADD COLUMN stargazers_count integer NOT NULL DEFAULT 0 CHECK (stargazers_count >= 0),
    ADD COLUMN language         text;
CREATE INDEX repositories_stars ON repositories (stargazers_count DESC, id);
CREATE INDEX repositories_language ON repositories (lower(language));

-- Clones and fetches over smart HTTP, per repository, UTC day and visitor (a user's login, or the client address
-- of an anonymous one): one upsert per git request that sent a pack. GitHub's count is the sum and its uniques the
-- number of rows of a day.
CREATE TABLE clone_traffic (
    repository_id bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    day           date   NOT NULL,
    visitor       text   NOT NULL CHECK (length(visitor) BETWEEN 1 AND 300),
    clones        bigint NOT NULL DEFAULT 1 CHECK (clones >= 1),
    PRIMARY KEY (repository_id, day, visitor)
);
CREATE INDEX clone_traffic_day ON clone_traffic (day, repository_id);

-- Recent pushes and forks, for trending.
CREATE INDEX events_pushes ON events (created_at) WHERE type = 'PushEvent';
CREATE INDEX repositories_forked ON repositories (created_at) WHERE parent_id IS NOT NULL;
