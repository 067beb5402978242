package io.codara.git.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Clones and fetches over smart HTTP, per repository, UTC day and visitor: one upsert per git request that sent a
 * pack, so git waits for one indexed row write and nothing else. Read as GitHub's {@code traffic/clones}: the last
 * fourteen days, per day or per week (weeks start on Monday), with counts and unique visitors.
 */
@Component(service = CloneTraffic.class)
public final class CloneTraffic {

    /** GitHub shows the last fourteen days of traffic. */
    static final int DAYS = 14;

    /** Clones in one bucket (a day, or the week starting that Monday). */
    record Bucket(LocalDate start, long count, long uniques) {
    }

    /** The clones of the last {@link #DAYS} days: totals and buckets, oldest first. */
    record Clones(long count, long uniques, List<Bucket> buckets) {
    }

    private final Database database;

    @Activate
    public CloneTraffic(@Reference GitSchema schema, @Reference Database database) {
        this.database = database;
    }

    /** Counts one clone or fetch of the repository by {@code visitor} (a login, or an anonymous client's address). */
    void record(long repositoryId, String visitor, Instant at) {
        String key = visitor.length() > 300 ? visitor.substring(0, 300) : visitor;
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO git.clone_traffic (repository_id, day, visitor)"
                        + " VALUES (?, ?, ?) ON CONFLICT (repository_id, day, visitor)"
                        + " DO UPDATE SET clones = git.clone_traffic.clones + 1")) {
            s.setLong(1, repositoryId);
            s.setDate(2, Date.valueOf(LocalDate.ofInstant(at, ZoneOffset.UTC)));
            s.setString(3, key);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the clone: " + e.getMessage(), e);
        }
    }

    /** The repository's clones of the {@link #DAYS} days up to {@code now}, per day or ({@code weekly}) per week. */
    Clones clones(long repositoryId, boolean weekly, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1L);
        // visitor -> count, per day
        Map<LocalDate, Map<String, Long>> days = new LinkedHashMap<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT day, visitor, clones FROM git.clone_traffic"
                        + " WHERE repository_id = ? AND day BETWEEN ? AND ?")) {
            s.setLong(1, repositoryId);
            s.setDate(2, Date.valueOf(first));
            s.setDate(3, Date.valueOf(today));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    days.computeIfAbsent(rs.getDate(1).toLocalDate(), d -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getLong(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Database failure: " + e.getMessage(), e);
        }
        List<Bucket> buckets = new ArrayList<>();
        long total = 0;
        Set<String> everyone = new HashSet<>();
        LocalDate start = weekly ? first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : first;
        while (!start.isAfter(today)) {
            LocalDate end = weekly ? start.plusDays(6) : start;
            long count = 0;
            Set<String> visitors = new HashSet<>();
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                Map<String, Long> visits = days.getOrDefault(day, Map.of());
                count += visits.values().stream().mapToLong(Long::longValue).sum();
                visitors.addAll(visits.keySet());
            }
            buckets.add(new Bucket(start, count, visitors.size()));
            total += count;
            everyone.addAll(visitors);
            start = end.plusDays(1);
        }
        return new Clones(total, everyone.size(), buckets);
    }
}
