package io.codara.git.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Trending repositories: those with stars, forks, pushes or clones within a window (a day, a week or thirty
 * days), ranked by a weighted score {@code sum(weight * ln(1 + count))} over the four, of those the viewer may
 * read, optionally of one main language and one topic. One query counts and ranks in PostgreSQL; non-public rows
 * are then checked one by one with the permission service.
 */
@Component(service = Trending.class, configurationPid = Trending.PID)
@Designate(ocd = TrendingConfig.class)
public final class Trending {

    static final String PID = "io.codara.git.trending";
    /** The most repositories ranked for one question. */
    static final int MAX_RESULTS = 1000;

    /** The window: {@code daily}, {@code weekly} or {@code monthly}. */
    enum Window {
        DAILY(Duration.ofDays(1)), WEEKLY(Duration.ofDays(7)), MONTHLY(Duration.ofDays(30));

        final Duration length;

        Window(Duration length) {
            this.length = length;
        }

        static Window parse(String since) {
            if (since == null || since.isBlank()) {
                return DAILY;
            }
            return switch (since.toLowerCase(Locale.ROOT)) {
                case "daily" -> DAILY;
                case "weekly" -> WEEKLY;
                case "monthly" -> MONTHLY;
                default -> throw ApiException.validation(List.of(new FieldError("Explore", "since", "invalid",
                        "since takes daily, weekly or monthly")));
            };
        }
    }

    /** The weights of the score's components. */
    record Weights(double stars, double forks, double pushes, double clones) {

        static Weights of(TrendingConfig config) {
            return new Weights(config.stars_weight(), config.forks_weight(), config.pushes_weight(),
                    config.clones_weight());
        }

        /** A component's share of the score. */
        static double part(double weight, long count) {
            return weight * Math.log1p(count);
        }
    }

    /** One ranked repository with what happened to it within the window. */
    record Trend(Repository repository, long stars, long forks, long pushes, long clones, double score) {
    }

    private final Database database;
    private final Organizations organizations;
    private final Permissions permissions;
    private final Weights weights;

    @Activate
    public Trending(@Reference GitSchema schema, @Reference Database database,
            @Reference Organizations organizations, @Reference Permissions permissions, TrendingConfig config) {
        this(database, organizations, permissions, Weights.of(config));
    }

    Trending(Database database, Organizations organizations, Permissions permissions, Weights weights) {
        this.database = database;
        this.organizations = organizations;
        this.permissions = permissions;
        this.weights = weights;
    }

    Weights weights() {
        return weights;
    }

    /** The trending repositories {@code viewer} may read, best first, one page, over the window up to {@code now}. */
    Page<Trend> trending(Window window, String language, String topic, Principal viewer, PageRequest page,
            Instant now) {
        Instant from = now.minus(window.length);
        Timestamp since = Timestamp.from(from);
        List<Object> args = new ArrayList<>();
        args.add(since);
        args.add(since);
        args.add(since);
        args.add(Date.valueOf(LocalDate.ofInstant(from, ZoneOffset.UTC)));
        String score = "? * ln(1 + coalesce(st.n, 0)) + ? * ln(1 + coalesce(fo.n, 0)) + ? * ln(1 + coalesce(pu.n, 0))"
                + " + ? * ln(1 + coalesce(cl.n, 0))";
        args.add(weights.stars());
        args.add(weights.forks());
        args.add(weights.pushes());
        args.add(weights.clones());
        StringBuilder where = new StringBuilder("NOT r.archived");
        if (language != null && !language.isBlank()) {
            where.append(" AND lower(r.language) = lower(?)");
            args.add(language.strip());
        }
        if (topic != null && !topic.isBlank()) {
            where.append(" AND ? = ANY (r.topics)");
            args.add(topic.strip().toLowerCase(Locale.ROOT));
        }
        where.append(RepositorySearch.readableCandidates(viewer, organizations, args));
        args.add(MAX_RESULTS * 2); // room for rows the permission service turns down
        String sql = "WITH st AS (SELECT repository_id, count(*) AS n FROM git.stars WHERE starred_at >= ?"
                + " GROUP BY repository_id),"
                + " fo AS (SELECT parent_id AS repository_id, count(*) AS n FROM git.repositories"
                + " WHERE parent_id IS NOT NULL AND created_at >= ? GROUP BY parent_id),"
                // a push of several branches is one push (one outbox event)
                + " pu AS (SELECT repository_id, count(DISTINCT source_id) AS n FROM git.events"
                + " WHERE type = 'PushEvent' AND created_at >= ? GROUP BY repository_id),"
                + " cl AS (SELECT repository_id, sum(clones) AS n FROM git.clone_traffic WHERE day >= ?"
                + " GROUP BY repository_id),"
                + " active AS (SELECT repository_id FROM st UNION SELECT repository_id FROM fo"
                + " UNION SELECT repository_id FROM pu UNION SELECT repository_id FROM cl)"
                + " SELECT " + PostgresRepositories.COLUMNS + ", coalesce(st.n, 0), coalesce(fo.n, 0),"
                + " coalesce(pu.n, 0), coalesce(cl.n, 0), " + score + " AS score"
                + " FROM active a JOIN git.repositories r ON r.id = a.repository_id"
                + " LEFT JOIN st ON st.repository_id = r.id LEFT JOIN fo ON fo.repository_id = r.id"
                + " LEFT JOIN pu ON pu.repository_id = r.id LEFT JOIN cl ON cl.repository_id = r.id"
                + " WHERE " + where + " ORDER BY score DESC, r.stargazers_count DESC, r.id LIMIT ?";
        List<Trend> readable = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            RepositorySearch.bind(c, s, args); // in the text's order: window, weights, filters, limit
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next() && readable.size() < MAX_RESULTS) {
                    Repository repository = PostgresRepositories.repository(rs);
                    if (repository.visibility() == Visibility.PUBLIC || permissions.decide(viewer,
                            RepositoryAuthority.READ, new ResourceRef("repository", repository.fullName()))
                            == Decision.ALLOW) {
                        readable.add(new Trend(repository, rs.getLong(columns - 4), rs.getLong(columns - 3),
                                rs.getLong(columns - 2), rs.getLong(columns - 1), rs.getDouble(columns)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Database failure: " + e.getMessage(), e);
        }
        int start = (int) Math.min(page.offset(), readable.size());
        int end = Math.min(start + page.perPage(), readable.size());
        return new Page<>(readable.subList(start, end), page, readable.size());
    }
}
