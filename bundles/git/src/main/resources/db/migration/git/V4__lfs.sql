-- Git LFS. Object contents live once, content-addressed, under mnt/lfs/<oid[0:2]>/<oid[2:4]>/<oid>; this table
-- records which repository holds which object, so that a caller can only download an object that was uploaded to
-- a repository it may read (the store is shared: an oid guessed from another repository must not be served).
CREATE TABLE lfs_objects (
    repository_id bigint      NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    oid           text        NOT NULL CHECK (oid ~ '^[0-9a-f]{64}$'),
    size          bigint      NOT NULL CHECK (size >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository_id, oid)
);
-- Which repositories still refer to an object (for a later sweep of unreferenced contents).
CREATE INDEX lfs_objects_oid ON lfs_objects (oid);

-- LFS file locks: one lock per path and repository, held by a user.
CREATE TABLE lfs_locks (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id bigint      NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    path          text        NOT NULL CHECK (length(path) BETWEEN 1 AND 4096),
    owner_login   text        NOT NULL,
    ref_name      text,
    locked_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX lfs_locks_path_key ON lfs_locks (repository_id, path);
