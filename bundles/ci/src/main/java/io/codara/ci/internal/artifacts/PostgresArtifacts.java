package io.codara.ci.internal.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.codara.api.ci.Artifact;
import io.codara.api.ci.CiArtifacts;
import io.codara.api.storage.BlobRef;
import io.codara.api.storage.BlobStore;
import io.codara.api.storage.Database;
import io.codara.ci.internal.CiSchema;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Artifacts in PostgreSQL ({@code ci.artifacts}), their zip archives in the blob store. */
@Component(service = CiArtifacts.class, configurationPid = PostgresArtifacts.PID)
@Designate(ocd = ArtifactsConfig.class)
public final class PostgresArtifacts implements CiArtifacts {

    static final String PID = "io.codara.ci.artifacts";
    private static final String COLUMNS = "id, repository_id, run_id, name, size_in_bytes, digest, created_at, "
            + "updated_at, expires_at, expired";
    /** Characters {@code actions/upload-artifact} refuses in a name. */
    private static final String FORBIDDEN = "\"\\:<>|*?\r\n/";

    private final Database database;
    private final BlobStore blobs;
    private final int retentionDays;
    private final int maxRetentionDays;

    @Activate
    public PostgresArtifacts(@Reference CiSchema schema, @Reference Database database, @Reference BlobStore blobs,
            ArtifactsConfig config) {
        this(database, blobs, config.retention_days(), config.max_retention_days());
    }

    /**
     * For tests (a factory, not a constructor: SCR would try a second public constructor of the same arity and log
     * an error).
     */
    public static PostgresArtifacts of(Database database, BlobStore blobs, int retentionDays, int maxRetentionDays) {
        return new PostgresArtifacts(database, blobs, retentionDays, maxRetentionDays);
    }

    private PostgresArtifacts(Database database, BlobStore blobs, int retentionDays, int maxRetentionDays) {
        if (retentionDays < 1 || maxRetentionDays < retentionDays) {
            throw new IllegalArgumentException("retention_days must be at least 1 and at most max_retention_days");
        }
        this.database = database;
        this.blobs = blobs;
        this.retentionDays = retentionDays;
        this.maxRetentionDays = maxRetentionDays;
    }

    @Override
    public Artifact upload(long runId, String name, InputStream zip, int days, boolean overwrite) throws IOException {
        if (name == null || name.isBlank() || name.chars().anyMatch(ch -> FORBIDDEN.indexOf(ch) >= 0)) {
            throw new IllegalArgumentException("The artifact name is not valid: '" + name + "'. Names must not be "
                    + "empty or contain any of \" : < > | * ? \\ / or line breaks.");
        }
        if (days < 0) {
            throw new IllegalArgumentException("retention-days must not be negative: " + days);
        }
        int keep = days == 0 ? retentionDays : Math.min(days, maxRetentionDays);
        BlobRef blob = blobs.put(zip);
        List<String> replaced = new ArrayList<>();
        long id;
        try {
            id = database.inTransaction(c -> {
                long repositoryId;
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT repository_id FROM ci.workflow_runs WHERE id = ? FOR UPDATE")) {
                    s.setLong(1, runId);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalArgumentException("There is no workflow run " + runId);
                        }
                        repositoryId = rs.getLong(1);
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM ci.artifacts WHERE run_id = ? AND name = ? RETURNING blob_sha256")) {
                    s.setLong(1, runId);
                    s.setString(2, name);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            replaced.add(rs.getString(1));
                        }
                    }
                }
                if (!replaced.isEmpty() && !overwrite) {
                    throw new IllegalStateException("An artifact with the name '" + name + "' already exists on this "
                            + "workflow run; set overwrite: true to replace it.");
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO ci.artifacts (repository_id, run_id, name, "
                        + "size_in_bytes, blob_sha256, digest, expires_at) VALUES (?, ?, ?, ?, ?, ?, "
                        + "now() + ? * interval '1 day') RETURNING id")) {
                    s.setLong(1, repositoryId);
                    s.setLong(2, runId);
                    s.setString(3, name);
                    s.setLong(4, blob.size());
                    s.setString(5, blob.sha256());
                    s.setString(6, "sha256:" + blob.sha256());
                    s.setInt(7, keep);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        } catch (SQLException e) {
            Blobs.deleteIfUnused(database, blobs, blob.sha256());
            throw new IllegalStateException("Could not store the artifact " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            Blobs.deleteIfUnused(database, blobs, blob.sha256());
            throw e;
        }
        replaced.stream().filter(sha -> !sha.equals(blob.sha256()))
                .forEach(sha -> Blobs.deleteIfUnused(database, blobs, sha));
        return find(id).orElseThrow();
    }

    @Override
    public List<Artifact> ofRun(long runId) {
        return query("SELECT " + COLUMNS + " FROM ci.artifacts WHERE run_id = ? ORDER BY name", runId);
    }

    @Override
    public Page ofRepository(long repositoryId, String name, int page, int perPage) {
        String where = " WHERE repository_id = ?" + (name == null ? "" : " AND name = ?");
        Object[] values = name == null ? new Object[] {repositoryId} : new Object[] {repositoryId, name};
        long total = count("SELECT count(*) FROM ci.artifacts" + where, values);
        Object[] paged = java.util.Arrays.copyOf(values, values.length + 2);
        paged[values.length] = perPage;
        paged[values.length + 1] = (long) (page - 1) * perPage;
        return new Page(query("SELECT " + COLUMNS + " FROM ci.artifacts" + where
                + " ORDER BY id DESC LIMIT ? OFFSET ?", paged), total);
    }

    @Override
    public Optional<Artifact> find(long artifactId) {
        return query("SELECT " + COLUMNS + " FROM ci.artifacts WHERE id = ?", artifactId).stream().findFirst();
    }

    @Override
    public Optional<InputStream> open(long artifactId) throws IOException {
        String sha;
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT blob_sha256 FROM ci.artifacts WHERE id = ? "
                        + "AND NOT expired AND expires_at > now()")) {
            s.setLong(1, artifactId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                sha = rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read artifact " + artifactId + ": " + e.getMessage(), e);
        }
        return blobs.open(sha);
    }

    @Override
    public boolean delete(long artifactId) {
        List<String> deleted = strings("DELETE FROM ci.artifacts WHERE id = ? RETURNING coalesce(blob_sha256, '')",
                artifactId);
        deleted.stream().filter(sha -> !sha.isEmpty()).forEach(sha -> Blobs.deleteIfUnused(database, blobs, sha));
        return !deleted.isEmpty();
    }

    @Override
    public int expire() {
        List<String> expired = strings("WITH due AS (SELECT id, blob_sha256 FROM ci.artifacts WHERE NOT expired "
                + "AND expires_at <= now() ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED) UPDATE ci.artifacts a SET "
                + "expired = true, blob_sha256 = NULL, updated_at = now() FROM due WHERE a.id = due.id "
                + "RETURNING due.blob_sha256");
        expired.stream().distinct().forEach(sha -> Blobs.deleteIfUnused(database, blobs, sha));
        return expired.size();
    }

    /** Moves an artifact's expiry, for tests of the retention. */
    void expireIn(long artifactId, Duration in) {
        strings("UPDATE ci.artifacts SET expires_at = now() + ? * interval '1 millisecond' WHERE id = ? "
                + "RETURNING name", in.toMillis(), artifactId);
    }

    private List<Artifact> query(String sql, Object... values) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, values);
            List<Artifact> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant expiresAt = rs.getTimestamp("expires_at").toInstant();
                    found.add(new Artifact(rs.getLong("id"), rs.getLong("repository_id"), rs.getLong("run_id"),
                            rs.getString("name"), rs.getLong("size_in_bytes"), rs.getString("digest"),
                            instant(rs, "created_at"), instant(rs, "updated_at"), expiresAt,
                            rs.getBoolean("expired") || !expiresAt.isAfter(Instant.now())));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read artifacts: " + e.getMessage(), e);
        }
    }

    private long count(String sql, Object... values) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, values);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count artifacts: " + e.getMessage(), e);
        }
    }

    private List<String> strings(String sql, Object... values) {
        try {
            return database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    bind(s, values);
                    List<String> found = new ArrayList<>();
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                    }
                    return found;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change artifacts: " + e.getMessage(), e);
        }
    }

    static void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i]);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
