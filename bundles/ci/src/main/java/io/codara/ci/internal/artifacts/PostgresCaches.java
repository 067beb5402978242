package io.codara.ci.internal.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import io.codara.api.ci.CacheEntry;
import io.codara.api.ci.CiCaches;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.storage.BlobRef;
import io.codara.api.storage.BlobStore;
import io.codara.api.storage.Database;
import io.codara.ci.internal.CiSchema;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Cache entries in PostgreSQL ({@code ci.caches}), their archives in the blob store; scoped by the saving run's ref,
 * with the default branch's entries visible to every ref, and evicted least recently used over a repository's cap.
 */
@Component(service = CiCaches.class, configurationPid = PostgresCaches.PID)
@Designate(ocd = CachesConfig.class)
public final class PostgresCaches implements CiCaches {

    static final String PID = "io.codara.ci.caches";
    private static final String COLUMNS = "id, repository_id, key, version, ref, size_in_bytes, created_at, "
            + "last_accessed_at";

    private final Database database;
    private final BlobStore blobs;
    private final Repositories repositories;
    private final long maxRepositoryBytes;

    @Activate
    public PostgresCaches(@Reference CiSchema schema, @Reference Database database, @Reference BlobStore blobs,
            @Reference Repositories repositories, CachesConfig config) {
        this(database, blobs, repositories, config.max_repository_bytes());
    }

    /** For tests. */
    public PostgresCaches(Database database, BlobStore blobs, Repositories repositories, long maxRepositoryBytes) {
        if (maxRepositoryBytes < 1) {
            throw new IllegalArgumentException("max_repository_bytes must be positive");
        }
        this.database = database;
        this.blobs = blobs;
        this.repositories = repositories;
        this.maxRepositoryBytes = maxRepositoryBytes;
    }

    /** The repository and refs a run sees: its own ref first, then the default branch's. */
    private record Scope(long repositoryId, String ref, List<String> visible) {
    }

    private Scope scope(Connection c, long runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT repository_id, coalesce(head_ref, 'refs/heads/' "
                + "|| head_branch, '') FROM ci.workflow_runs WHERE id = ?")) {
            s.setLong(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("There is no workflow run " + runId);
                }
                long repositoryId = rs.getLong(1);
                String ref = rs.getString(2);
                LinkedHashSet<String> visible = new LinkedHashSet<>();
                visible.add(ref);
                repositories.find(repositoryId).map(Repository::defaultBranch)
                        .ifPresent(branch -> visible.add("refs/heads/" + branch));
                return new Scope(repositoryId, ref, List.copyOf(visible));
            }
        }
    }

    @Override
    public Optional<CacheEntry> restore(long runId, String key, List<String> restoreKeys, String version) {
        return transaction(c -> {
            Scope scope = scope(c, runId);
            String order = " ORDER BY array_position(?::text[], ref), created_at DESC, id DESC LIMIT 1";
            Optional<CacheEntry> found = first(c, "SELECT " + COLUMNS + " FROM ci.caches WHERE repository_id = ? "
                    + "AND version = ? AND ref = ANY (?::text[]) AND key = ?" + order, scope, version, key);
            for (int i = 0; found.isEmpty() && i < restoreKeys.size(); i++) {
                found = first(c, "SELECT " + COLUMNS + " FROM ci.caches WHERE repository_id = ? AND version = ? "
                        + "AND ref = ANY (?::text[]) AND starts_with(key, ?)" + order, scope, version,
                        restoreKeys.get(i));
            }
            if (found.isPresent()) {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE ci.caches SET last_accessed_at = now() WHERE id = ?")) {
                    s.setLong(1, found.get().id());
                    s.executeUpdate();
                }
            }
            return found;
        });
    }

    private Optional<CacheEntry> first(Connection c, String sql, Scope scope, String version, String key)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, scope.repositoryId());
            s.setString(2, version);
            s.setArray(3, c.createArrayOf("text", scope.visible().toArray()));
            s.setString(4, key);
            s.setArray(5, c.createArrayOf("text", scope.visible().toArray()));
            return read(s).stream().findFirst();
        }
    }

    @Override
    public Optional<InputStream> open(long cacheId) throws IOException {
        Optional<String> sha = transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT blob_sha256 FROM ci.caches WHERE id = ?")) {
                s.setLong(1, cacheId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
        return sha.isEmpty() ? Optional.empty() : blobs.open(sha.get());
    }

    @Override
    public Optional<CacheEntry> save(long runId, String key, String version, InputStream content) throws IOException {
        if (key == null || key.isBlank() || key.length() > 512 || key.contains(",")) {
            throw new IllegalArgumentException("Key Validation Error: '" + key + "' must be 1 to 512 characters "
                    + "without commas");
        }
        BlobRef blob = blobs.put(content);
        List<String> evicted = new ArrayList<>();
        Optional<CacheEntry> saved;
        try {
            saved = transaction(c -> {
                Scope scope = scope(c, runId);
                Optional<CacheEntry> entry;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO ci.caches (repository_id, key, version, "
                        + "ref, size_in_bytes, blob_sha256) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING "
                        + "RETURNING " + COLUMNS)) {
                    s.setLong(1, scope.repositoryId());
                    s.setString(2, key);
                    s.setString(3, version);
                    s.setString(4, scope.ref());
                    s.setLong(5, blob.size());
                    s.setString(6, blob.sha256());
                    entry = read(s).stream().findFirst();
                }
                if (entry.isPresent()) {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM ci.caches WHERE id IN (SELECT id FROM "
                            + "(SELECT id, sum(size_in_bytes) OVER (ORDER BY last_accessed_at DESC, id DESC) AS total "
                            + "FROM ci.caches WHERE repository_id = ?) t WHERE total > ?) RETURNING blob_sha256")) {
                        s.setLong(1, scope.repositoryId());
                        s.setLong(2, maxRepositoryBytes);
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                evicted.add(rs.getString(1));
                            }
                        }
                    }
                }
                return entry;
            });
        } finally {
            evicted.add(blob.sha256());
            evicted.stream().distinct().forEach(sha -> Blobs.deleteIfUnused(database, blobs, sha));
        }
        return saved.flatMap(e -> find(e.id()));
    }

    private Optional<CacheEntry> find(long id) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ci.caches WHERE id = ?")) {
                s.setLong(1, id);
                return read(s).stream().findFirst();
            }
        });
    }

    @Override
    public Page list(long repositoryId, String keyPrefix, String ref, int page, int perPage) {
        String where = " WHERE repository_id = ?" + (keyPrefix == null ? "" : " AND starts_with(key, ?)")
                + (ref == null ? "" : " AND ref = ?");
        List<Object> values = new ArrayList<>(List.of(repositoryId));
        if (keyPrefix != null) {
            values.add(keyPrefix);
        }
        if (ref != null) {
            values.add(ref);
        }
        return transaction(c -> {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM ci.caches" + where)) {
                PostgresArtifacts.bind(s, values.toArray());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ci.caches" + where
                    + " ORDER BY last_accessed_at DESC, id DESC LIMIT ? OFFSET ?")) {
                List<Object> paged = new ArrayList<>(values);
                paged.add(perPage);
                paged.add((long) (page - 1) * perPage);
                PostgresArtifacts.bind(s, paged.toArray());
                return new Page(read(s), total);
            }
        });
    }

    @Override
    public Usage usage(long repositoryId) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*), coalesce(sum(size_in_bytes), 0) FROM ci.caches WHERE repository_id = ?")) {
                s.setLong(1, repositoryId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new Usage(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    @Override
    public boolean delete(long repositoryId, long cacheId) {
        return !deleteWhere("repository_id = ? AND id = ?", repositoryId, cacheId).isEmpty();
    }

    @Override
    public List<CacheEntry> delete(long repositoryId, String key, String ref) {
        return ref == null ? deleteWhere("repository_id = ? AND key = ?", repositoryId, key)
                : deleteWhere("repository_id = ? AND key = ? AND ref = ?", repositoryId, key, ref);
    }

    private List<CacheEntry> deleteWhere(String where, Object... values) {
        List<String> shas = new ArrayList<>();
        List<CacheEntry> deleted = transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ci.caches WHERE " + where + " RETURNING "
                    + COLUMNS + ", blob_sha256")) {
                PostgresArtifacts.bind(s, values);
                List<CacheEntry> entries = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                        shas.add(rs.getString("blob_sha256"));
                    }
                }
                return entries;
            }
        });
        shas.stream().distinct().forEach(sha -> Blobs.deleteIfUnused(database, blobs, sha));
        return deleted;
    }

    private static List<CacheEntry> read(PreparedStatement s) throws SQLException {
        List<CacheEntry> entries = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                entries.add(entry(rs));
            }
        }
        return entries;
    }

    private static CacheEntry entry(ResultSet rs) throws SQLException {
        return new CacheEntry(rs.getLong("id"), rs.getLong("repository_id"), rs.getString("key"),
                rs.getString("version"), rs.getString("ref"), rs.getLong("size_in_bytes"),
                PostgresArtifacts.instant(rs, "created_at"), PostgresArtifacts.instant(rs, "last_accessed_at"));
    }

    private <T> T transaction(Database.TransactionalWork<T> work) {
        try {
            return database.inTransaction(work);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not access the CI caches: " + e.getMessage(), e);
        }
    }
}
