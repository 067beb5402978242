-- Identity and access: accounts (users and organisations share one namespace), emails, organisation
-- memberships, teams, tokens, sessions, SSH keys and the append-only audit log.

CREATE TABLE accounts (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login             text        NOT NULL CHECK (length(login) BETWEEN 1 AND 39),
    type              text        NOT NULL CHECK (type IN ('User', 'Organization')),
    name              text        CHECK (length(name) <= 255),
    email             text        CHECK (length(email) <= 254),
    bio               text        CHECK (length(bio) <= 1000),
    company           text        CHECK (length(company) <= 255),
    location          text        CHECK (length(location) <= 255),
    blog              text        CHECK (length(blog) <= 255),
    site_admin        boolean     NOT NULL DEFAULT false,
    suspended_at      timestamptz,
    password_hash     text,
    avatar_png        bytea,
    avatar_updated_at timestamptz,
    base_permission   text        CHECK (base_permission IN ('READ', 'WRITE', 'ADMIN')),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_login_key ON accounts (lower(login));

CREATE TABLE emails (
    account_id bigint  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email      text    NOT NULL CHECK (length(email) <= 254),
    is_primary boolean NOT NULL DEFAULT false,
    verified   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (account_id, email)
);
CREATE UNIQUE INDEX emails_email_key ON emails (lower(email));
CREATE UNIQUE INDEX emails_one_primary ON emails (account_id) WHERE is_primary;

CREATE TABLE org_members (
    org_id     bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id    bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       text        NOT NULL CHECK (role IN ('ADMIN', 'MEMBER')),
    publicized boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX org_members_user ON org_members (user_id);

CREATE TABLE teams (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    slug        text        NOT NULL,
    description text        CHECK (length(description) <= 1000),
    secret      boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX teams_slug_key ON teams (org_id, lower(slug));
CREATE UNIQUE INDEX teams_name_key ON teams (org_id, lower(name));

CREATE TABLE team_members (
    team_id bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role    text   NOT NULL CHECK (role IN ('MAINTAINER', 'MEMBER')),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

-- A team's role on one of its organisation's repositories, by the repository's name within the organisation:
-- the git capability keeps it current through Organizations.renameRepository / forgetRepository.
CREATE TABLE team_repositories (
    team_id    bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    repository text   NOT NULL,
    role       text   NOT NULL CHECK (role IN ('READ', 'TRIAGE', 'WRITE', 'MAINTAIN', 'ADMIN'))
);
CREATE UNIQUE INDEX team_repositories_key ON team_repositories (team_id, lower(repository));

CREATE TABLE access_tokens (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    token_hash      bytea       NOT NULL UNIQUE,
    last_eight      text        NOT NULL,
    scopes          text[]      NOT NULL,
    expires_at      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_used_at    timestamptz,
    last_used_ip    text,
    revoked_at      timestamptz
);
CREATE INDEX access_tokens_user ON access_tokens (user_id) WHERE revoked_at IS NULL;

CREATE TABLE access_token_addresses (
    token_id   bigint      NOT NULL REFERENCES access_tokens (id) ON DELETE CASCADE,
    address    text        NOT NULL,
    first_seen timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (token_id, address)
);

CREATE TABLE sessions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    secret_hash  bytea       NOT NULL UNIQUE,
    csrf_token   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    address      text,
    user_agent   text,
    revoked_at   timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE ssh_keys (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title        text        NOT NULL CHECK (length(title) BETWEEN 1 AND 255),
    key_type     text        NOT NULL,
    key_base64   text        NOT NULL,
    bits         integer     NOT NULL,
    fingerprint  text        NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz
);
CREATE INDEX ssh_keys_user ON ssh_keys (user_id);

-- Append-only: rows are inserted, never updated; they are deleted only by retention, which says so by setting
-- codara.audit_retention for its own transaction.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    action      text        NOT NULL,
    actor       text        NOT NULL,
    address     text,
    target_type text,
    target      text,
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    request_id  text
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (lower(actor), id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_target ON audit_log (lower(target), id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('codara.audit_retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
