CREATE TABLE notes (
    id         BIGSERIAL PRIMARY KEY,
    text       TEXT        NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
