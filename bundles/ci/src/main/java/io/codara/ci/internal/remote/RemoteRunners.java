package io.codara.ci.internal.remote;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.codara.api.audit.Actor;
import io.codara.api.auth.AccessTokens;
import io.codara.api.auth.CreatedToken;
import io.codara.api.auth.Scopes;
import io.codara.api.ci.CiSecrets;
import io.codara.api.ci.spi.RepositorySource;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.storage.Database;
import io.codara.ci.internal.CiSchema;
import io.codara.ci.internal.engine.CiEngine;
import io.codara.ci.internal.engine.CiEngine.TakenJob;
import io.codara.ci.internal.engine.JobPlans;
import io.codara.ci.internal.engine.RemoteRunnerDirectory;
import io.codara.api.ci.RunnerInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registered remote runners: one-hour registration tokens, runners registered with them and known afterwards by a
 * credential of their own (both stored as SHA-256 only), and the jobs they claim. A runner claims a queued job
 * whose {@code runs-on} labels it has, of a repository it serves, by the engine's lease ({@link CiEngine#take}),
 * renews the lease with its heartbeat and writes through the engine as its lease owner, so a runner that stops
 * answering loses its job to {@link CiEngine#recoverExpired} like a local one.
 */
@Component(service = {RemoteRunners.class, RemoteRunnerDirectory.class}, configurationPid = "io.codara.ci.internal.remote.RemoteRunners")
@Designate(ocd = RemoteRunnersConfig.class)
public final class RemoteRunners implements RemoteRunnerDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteRunners.class);
    static final Duration REGISTRATION_TOKEN_LIFETIME = Duration.ofHours(1);
    /** Who a runner is to the engine's leases. */
    static final String OWNER_PREFIX = "remote-runner/";
    private static final String COLUMNS = "id, name, scope, repository_id, organization_id, os, labels, busy, "
            + "job_id, job_token_id, last_seen, created_at";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final CiEngine engine;
    private final CiSecrets secrets;
    private final Repositories repositories;
    private final Accounts accounts;
    private final AccessTokens tokens;
    private final Duration lease;
    private final Duration online;
    private final String webUrl;
    private final Clock clock;

    @Activate
    public RemoteRunners(@Reference CiSchema schema, @Reference Database database, @Reference CiEngine engine,
            @Reference CiSecrets secrets, @Reference Repositories repositories, @Reference Accounts accounts,
            @Reference AccessTokens tokens, RemoteRunnersConfig config) {
        this(database, engine, secrets, repositories, accounts, tokens, config, Clock.systemUTC());
    }

    RemoteRunners(Database database, CiEngine engine, CiSecrets secrets, Repositories repositories,
            Accounts accounts, AccessTokens tokens, RemoteRunnersConfig config, Clock clock) {
        if (config.lease_seconds() < 3) {
            throw new IllegalArgumentException("lease_seconds must be at least 3");
        }
        this.database = database;
        this.engine = engine;
        this.secrets = secrets;
        this.repositories = repositories;
        this.accounts = accounts;
        this.tokens = tokens;
        this.lease = Duration.ofSeconds(config.lease_seconds());
        this.online = Duration.ofSeconds(Math.max(config.lease_seconds(), config.online_seconds()));
        String url = config.web_url().isBlank()
                ? "http://localhost:" + System.getProperty("codara.http.port", "8080") : config.web_url().strip();
        this.webUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------------------ model

    /** Where a runner serves: one repository, an organisation's repositories, or every repository. */
    public record Scope(String kind, Long repositoryId, Long organizationId) {

        public static Scope repository(long id) {
            return new Scope("repository", id, null);
        }

        public static Scope organization(long id) {
            return new Scope("organization", null, id);
        }

        public static final Scope SITE = new Scope("site", null, null);
    }

    /** A registered runner. */
    public record Runner(long id, String name, Scope scope, String os, List<String> labels, boolean busy,
            Long jobId, Long jobTokenId, Instant lastSeen, Instant createdAt) {

        /** The engine's lease owner for this runner's jobs. */
        public String owner() {
            return OWNER_PREFIX + id;
        }
    }

    /** A registration token as shown once. */
    public record RegistrationToken(String token, Instant expiresAt) {
    }

    /** A runner just registered, with its credential (shown once). */
    public record Registered(Runner runner, String credential) {
    }

    /** Whether the runner was seen recently enough to count as online. */
    public boolean online(Runner runner) {
        return runner.lastSeen() != null && runner.lastSeen().isAfter(clock.instant().minus(online));
    }

    /** The lease a claim and a heartbeat give. */
    public Duration lease() {
        return lease;
    }

    // ------------------------------------------------------------------------------------------------ registering

    /** A new registration token for {@code scope}, valid for an hour and for any number of registrations. */
    public RegistrationToken createRegistrationToken(Scope scope, String createdBy) {
        String token = secret("CRR");
        Instant expires = clock.instant().plus(REGISTRATION_TOKEN_LIFETIME);
        transaction("create a runner registration token", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ci.runner_registration_tokens "
                    + "WHERE expires_at < ?")) {
                s.setTimestamp(1, Timestamp.from(clock.instant()));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ci.runner_registration_tokens (token_hash, "
                    + "scope, repository_id, organization_id, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setBytes(1, hash(token));
                s.setString(2, scope.kind());
                s.setObject(3, scope.repositoryId(), Types.BIGINT);
                s.setObject(4, scope.organizationId(), Types.BIGINT);
                s.setString(5, createdBy);
                s.setTimestamp(6, Timestamp.from(expires));
                s.executeUpdate();
            }
            return null;
        });
        return new RegistrationToken(token, expires);
    }

    /**
     * Registers a runner with a live registration token: it gets {@code self-hosted}, its OS and architecture labels
     * and {@code labels}; 401 for an unknown or expired token, 422 for a bad name or label, 409 for a name taken
     * where it serves.
     */
    public Registered register(String token, String name, List<String> labels, String os, String architecture) {
        if (token == null || token.isBlank()) {
            throw new ApiException(401, "A registration token is required");
        }
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 100 || !cleanName.matches("[A-Za-z0-9._@-]+")) {
            throw new ApiException(422, "A runner name is 1 to 100 letters, digits, '.', '_', '@' or '-'");
        }
        Set<String> all = new LinkedHashSet<>();
        all.add("self-hosted");
        String osName = os == null || os.isBlank() ? "Linux" : os.strip();
        all.add(osName.toLowerCase(Locale.ROOT));
        if (architecture != null && !architecture.isBlank()) {
            all.add(architecture.strip().toLowerCase(Locale.ROOT));
        }
        for (String label : labels == null ? List.<String>of() : labels) {
            String l = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
            if (l.isEmpty()) {
                continue;
            }
            if (l.length() > 100 || l.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch == ',')) {
                throw new ApiException(422, "A label is at most 100 characters without spaces or commas: " + label);
            }
            all.add(l);
        }
        String credential = secret("CRC");
        long id = transaction("register a runner", c -> {
            Scope scope;
            try (PreparedStatement s = c.prepareStatement("SELECT scope, repository_id, organization_id FROM "
                    + "ci.runner_registration_tokens WHERE token_hash = ? AND expires_at > ?")) {
                s.setBytes(1, hash(token));
                s.setTimestamp(2, Timestamp.from(clock.instant()));
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new ApiException(401, "The registration token is unknown or expired");
                    }
                    scope = new Scope(rs.getString(1), (Long) rs.getObject(2), (Long) rs.getObject(3));
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ci.runners (name, scope, repository_id, "
                    + "organization_id, os, labels, credential_hash, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING RETURNING id")) {
                s.setString(1, cleanName);
                s.setString(2, scope.kind());
                s.setObject(3, scope.repositoryId(), Types.BIGINT);
                s.setObject(4, scope.organizationId(), Types.BIGINT);
                s.setString(5, osName);
                s.setArray(6, c.createArrayOf("text", all.toArray()));
                s.setBytes(7, hash(credential));
                s.setTimestamp(8, Timestamp.from(clock.instant()));
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new ApiException(409, "A runner named " + cleanName + " is already registered here");
                    }
                    return rs.getLong(1);
                }
            }
        });
        Runner runner = find(id).orElseThrow();
        LOG.info("Remote runner {} ({}) registered for {} with labels {}", runner.name(), id, runner.scope(),
                runner.labels());
        return new Registered(runner, credential);
    }

    /** The runner {@code credential} belongs to, marked as seen now; empty for anything else. */
    public Optional<Runner> authenticate(String credential) {
        if (credential == null || !credential.startsWith("CRC")) {
            return Optional.empty();
        }
        return query("authenticate a runner", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE ci.runners SET last_seen = ? WHERE "
                    + "credential_hash = ? RETURNING " + COLUMNS)) {
                s.setTimestamp(1, Timestamp.from(clock.instant()));
                s.setBytes(2, hash(credential));
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(runner(rs)) : Optional.<Runner>empty();
                }
            }
        });
    }

    // ----------------------------------------------------------------------------------------------------- listing

    /** The runners serving exactly {@code scope}, by id. */
    public List<Runner> list(Scope scope) {
        return query("list runners", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ci.runners WHERE scope = ? "
                    + "AND repository_id IS NOT DISTINCT FROM ? AND organization_id IS NOT DISTINCT FROM ? "
                    + "ORDER BY id")) {
                s.setString(1, scope.kind());
                s.setObject(2, scope.repositoryId(), Types.BIGINT);
                s.setObject(3, scope.organizationId(), Types.BIGINT);
                return runners(s);
            }
        });
    }

    /** Every registered runner, by id. */
    public List<Runner> all() {
        return query("list runners", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ci.runners ORDER BY id")) {
                return runners(s);
            }
        });
    }

    @Override
    public List<RunnerInfo> remoteRunners() {
        List<RunnerInfo> out = new ArrayList<>();
        for (Runner r : all()) {
            String scope = switch (r.scope().kind()) {
                case "repository" -> "repository " + repositories.find(r.scope().repositoryId())
                        .map(Repository::fullName).orElse("#" + r.scope().repositoryId());
                case "organization" -> "organization " + accounts.find(r.scope().organizationId())
                        .map(Account::login).orElse("#" + r.scope().organizationId());
                default -> "site";
            };
            boolean up = online(r);
            out.add(new RunnerInfo("remote:" + r.name(), Set.copyOf(r.labels()), up && !r.busy() ? 1 : 0, "remote",
                    up ? "online" : "offline", scope));
        }
        return out;
    }

    /** A runner by id. */
    public Optional<Runner> find(long id) {
        return query("find runner " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ci.runners WHERE id = ?")) {
                s.setLong(1, id);
                return runners(s).stream().findFirst();
            }
        });
    }

    /** Deletes a runner of {@code scope}: its credential stops working, a job it runs loses its lease. */
    public boolean delete(Scope scope, long id) {
        Optional<Runner> runner = find(id).filter(r -> r.scope().equals(scope));
        if (runner.isEmpty()) {
            return false;
        }
        query("delete runner " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ci.runners WHERE id = ?")) {
                s.setLong(1, id);
                return s.executeUpdate();
            }
        });
        if (runner.get().jobTokenId() != null) {
            revokeJobToken(runner.get());
        }
        LOG.info("Remote runner {} ({}) deleted", runner.get().name(), id);
        return true;
    }

    // ---------------------------------------------------------------------------------------------------- claiming

    /**
     * Leases the oldest queued job this runner may run (its labels, its scope) and answers the job as the runner
     * gets it; empty when there is none or the runner is busy.
     */
    public Optional<JobPlans.Prepared> claim(Runner runner) {
        if (runner.busy() && runner.jobId() != null) {
            if (engine.held(runner.jobId(), runner.owner()).isPresent()) {
                return Optional.empty();
            }
            // The runner asks for work while its last job is no longer its own (it restarted after dying, and the
            // job's lease ran out): that job is over for it.
            release(runner, runner.jobId());
        }
        Long repositoryId = runner.scope().kind().equals("repository") ? runner.scope().repositoryId() : null;
        for (CiEngine.QueuedJob queued : engine.queuedFor(Set.copyOf(runner.labels()), repositoryId, 20)) {
            Optional<Repository> repository = repositories.find(queued.repositoryId());
            if (repository.isEmpty() || !serves(runner, repository.get())) {
                continue;
            }
            Optional<TakenJob> taken = engine.take(queued.jobId(), runner.owner(), runner.name(), lease);
            if (taken.isEmpty()) {
                continue;
            }
            CreatedToken token = null;
            try {
                token = jobToken(taken.get(), repository.get());
                JobPlans.Prepared prepared = prepare(taken.get(), repository.get(),
                        token == null ? null : token.token());
                setBusy(runner.id(), queued.jobId(), token == null ? null : token.info().id());
                LOG.info("CI job {} of run {} starts on remote runner {}", queued.jobId(), taken.get().run().id(),
                        runner.name());
                return Optional.of(prepared);
            } catch (RuntimeException e) {
                LOG.warn("CI job {} could not start on remote runner {}: {}", queued.jobId(), runner.name(),
                        e.getMessage());
                if (token != null) {
                    tokens.revoke(token.info().owner(), token.info().id(), Actor.SYSTEM);
                }
                engine.finish(queued.jobId(), runner.owner(), new io.codara.api.ci.spi.JobResult(queued.jobId(),
                        io.codara.api.ci.spi.Conclusion.FAILURE, "The job could not start: " + e.getMessage(),
                        List.of(), clock.instant(), clock.instant()));
            }
        }
        return Optional.empty();
    }

    /** The job this runner holds, as prepared at its claim (without a new checkout token); empty once lost. */
    public Optional<JobPlans.Prepared> held(Runner runner, long jobId) {
        return engine.held(jobId, runner.owner()).flatMap(taken -> repositories.find(taken.run().repositoryId())
                .map(repository -> prepare(taken, repository, null)));
    }

    /** The runner's job ended (or was lost): it is free again and the job's checkout token is revoked. */
    public void release(Runner runner, long jobId) {
        Runner current = find(runner.id()).orElse(null);
        if (current == null || current.jobId() == null || current.jobId() != jobId) {
            return;
        }
        revokeJobToken(current);
        query("free runner " + runner.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE ci.runners SET busy = false, job_id = NULL, "
                    + "job_token_id = NULL WHERE id = ? AND job_id = ?")) {
                s.setLong(1, runner.id());
                s.setLong(2, jobId);
                return s.executeUpdate();
            }
        });
    }

    /** Whether {@code runner} may run jobs of {@code repository}. */
    boolean serves(Runner runner, Repository repository) {
        return switch (runner.scope().kind()) {
            case "repository" -> runner.scope().repositoryId() == repository.id();
            case "organization" -> accounts.find(runner.scope().organizationId()).map(Account::login)
                    .filter(login -> login.equalsIgnoreCase(repository.owner())).isPresent();
            default -> true;
        };
    }

    private JobPlans.Prepared prepare(TakenJob taken, Repository repository, String token) {
        // A pull request from a fork is checked out from the fork, which holds its head.
        Long source = taken.run().sourceRepositoryId();
        String from = source == null ? repository.fullName()
                : repositories.find(source).map(Repository::fullName).orElse(repository.fullName());
        URI clone = URI.create(webUrl + "/" + from + ".git");
        return JobPlans.prepare(taken, repository, secrets.environment(repository.id()),
                RepositorySource.remote(clone, token));
    }

    /**
     * A token that reads the repository over smart HTTP for the job's life: a personal access token with only
     * {@code repo:read} of the run's actor, expiring after the job's time limit and revoked when it ends. None for a
     * public repository, nor when the actor is not a user.
     */
    private CreatedToken jobToken(TakenJob taken, Repository repository) {
        if (repository.visibility() == Visibility.PUBLIC || taken.run().actor() == null) {
            return null;
        }
        Optional<Account> actor = accounts.find(taken.run().actor()).filter(a -> !a.organization());
        if (actor.isEmpty()) {
            return null;
        }
        Instant expires = clock.instant().plus(Duration.ofMinutes(taken.plan().timeoutMinutes())).plus(lease);
        return tokens.create(actor.get().login(), "CI job " + taken.jobId() + " checkout",
                Set.of(Scopes.REPO_READ), expires, Actor.SYSTEM);
    }

    private void revokeJobToken(Runner runner) {
        if (runner.jobTokenId() == null || runner.jobId() == null) {
            return;
        }
        try {
            engine.job(runner.jobId()).flatMap(job -> engine.run(job.runId())).map(run -> run.actor())
                    .ifPresent(actor -> tokens.revoke(actor, runner.jobTokenId(), Actor.SYSTEM));
        } catch (RuntimeException e) {
            LOG.warn("Could not revoke the checkout token of CI job {}: {}", runner.jobId(), e.getMessage());
        }
    }

    private void setBusy(long runnerId, long jobId, Long tokenId) {
        query("mark runner " + runnerId + " busy", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE ci.runners SET busy = true, job_id = ?, "
                    + "job_token_id = ? WHERE id = ?")) {
                s.setLong(1, jobId);
                s.setObject(2, tokenId, Types.BIGINT);
                s.setLong(3, runnerId);
                return s.executeUpdate();
            }
        });
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    /** A fresh secret: a prefix and 32 random bytes, URL-safe. */
    static String secret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of a secret, as stored. */
    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Runner> runners(PreparedStatement s) throws SQLException {
        List<Runner> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(runner(rs));
            }
        }
        return out;
    }

    private static Runner runner(ResultSet rs) throws SQLException {
        Array labels = rs.getArray("labels");
        Timestamp seen = rs.getTimestamp("last_seen");
        return new Runner(rs.getLong("id"), rs.getString("name"), new Scope(rs.getString("scope"),
                (Long) rs.getObject("repository_id"), (Long) rs.getObject("organization_id")), rs.getString("os"),
                labels == null ? List.of() : List.of((String[]) labels.getArray()), rs.getBoolean("busy"),
                (Long) rs.getObject("job_id"), (Long) rs.getObject("job_token_id"),
                seen == null ? null : seen.toInstant(), rs.getTimestamp("created_at").toInstant());
    }

    private <T> T transaction(String what, Database.TransactionalWork<T> work) {
        try {
            return database.inTransaction(work);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
        }
    }

    private <T> T query(String what, Database.TransactionalWork<T> work) {
        return transaction(what, work);
    }

    /** For tests: the connection-level check that nothing but hashes is stored. */
    List<byte[]> storedCredentialHashes() {
        return query("read hashes", (Connection c) -> {
            List<byte[]> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT credential_hash FROM ci.runners ORDER BY id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getBytes(1));
                }
            }
            return out;
        });
    }
}
