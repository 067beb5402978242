-- Watching (GitHub's repository subscriptions) and the activity feeds (GitHub's Events API).

-- Who watches which repository. A repository's creator watches it from the start; ignored is GitHub's "ignore
-- notifications" flag. Keyed by account id, so a renamed user keeps watching; deleting a repository forgets it.
CREATE TABLE subscriptions (
    repository_id bigint      NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    account_id    bigint      NOT NULL,
    subscribed    boolean     NOT NULL DEFAULT true,
    ignored       boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository_id, account_id)
);
CREATE INDEX subscriptions_account ON subscriptions (account_id, created_at);

-- What happened in a repository, one row per GitHub event, recorded from the outbox events that report it. An
-- outbox event can give several (a push of two branches and a tag), so (source_id, kind) identifies one: a
-- re-delivered outbox event records nothing twice. Who may read an event is decided when it is read, from the
-- repository as it is then; a deleted repository takes its events along, and a fork its ForkEvent.
CREATE TABLE events (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id             bigint      NOT NULL,
    kind                  text        NOT NULL CHECK (length(kind) BETWEEN 1 AND 1100),
    type                  text        NOT NULL CHECK (type IN ('PushEvent', 'CreateEvent', 'DeleteEvent', 'ForkEvent',
                                                               'PublicEvent')),
    repository_id         bigint      NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    -- the fork of a ForkEvent
    subject_repository_id bigint      REFERENCES repositories (id) ON DELETE CASCADE,
    actor_id              bigint,
    actor_login           text        NOT NULL,
    payload               jsonb       NOT NULL,
    created_at            timestamptz NOT NULL,
    UNIQUE (source_id, kind)
);
CREATE INDEX events_repository ON events (repository_id, id DESC);
CREATE INDEX events_actor ON events (actor_id, id DESC);
CREATE INDEX events_subject ON events (subject_repository_id) WHERE subject_repository_id IS NOT NULL;
