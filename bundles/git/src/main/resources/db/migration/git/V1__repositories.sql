-- Hosted repositories. The git directory is named by id (mnt/repos/<shard>/<id>.git), so renames and transfers
-- change rows, never paths, and no user-chosen name ever becomes part of a path.

CREATE TABLE repositories (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_login    text        NOT NULL,
    owner_type     text        NOT NULL CHECK (owner_type IN ('User', 'Organization')),
    name           text        NOT NULL CHECK (name ~ '^[A-Za-z0-9._-]{1,100}$'),
    description    text        CHECK (length(description) <= 350),
    homepage       text        CHECK (length(homepage) <= 255),
    topics         text[]      NOT NULL DEFAULT '{}',
    visibility     text        NOT NULL CHECK (visibility IN ('PUBLIC', 'INTERNAL', 'PRIVATE')),
    default_branch text        NOT NULL,
    archived       boolean     NOT NULL DEFAULT false,
    template       boolean     NOT NULL DEFAULT false,
    parent_id      bigint      REFERENCES repositories (id) ON DELETE SET NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    pushed_at      timestamptz
);
CREATE UNIQUE INDEX repositories_name_key ON repositories (lower(owner_login), lower(name));
CREATE INDEX repositories_parent ON repositories (parent_id);

-- Old names keep answering after a rename or a transfer, until a new repository takes the name.
CREATE TABLE repository_redirects (
    owner_login   text        NOT NULL,
    name          text        NOT NULL,
    repository_id bigint      NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX repository_redirects_key ON repository_redirects (lower(owner_login), lower(name));
