package io.codara.review.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.codara.api.audit.Actor;
import io.codara.api.event.Topics;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.review.Label;
import io.codara.api.review.Labels;
import io.codara.api.review.PullRequest;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Labels and assignees in {@code review.labels}, {@code review.issue_labels} and {@code review.issue_assignees}. */
@Component(service = Labels.class)
public final class PostgresLabels implements Labels {

    private static final Pattern COLOR = Pattern.compile("[0-9a-fA-F]{6}");
    private static final String COLUMNS = "id, repository_id, name, color, description";

    private final Database database;
    private final Repositories repositories;
    private final PostgresPullRequests pulls;

    @Activate
    public PostgresLabels(@Reference Database database, @Reference Repositories repositories,
            @Reference PostgresPullRequests pulls) {
        this.database = database;
        this.repositories = repositories;
        this.pulls = pulls;
    }

    @Override
    public Page<Label> list(long repositoryId, PageRequest page) {
        try (Connection c = database.dataSource().getConnection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM review.labels WHERE repository_id = ?")) {
                s.setLong(1, repositoryId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM review.labels WHERE"
                    + " repository_id = ? ORDER BY lower(name), id LIMIT ? OFFSET ?")) {
                s.setLong(1, repositoryId);
                s.setInt(2, page.perPage());
                s.setLong(3, page.offset());
                return new Page<>(labels(s), page, total);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list labels", e);
        }
    }

    @Override
    public Optional<Label> find(long repositoryId, String name) {
        try (Connection c = database.dataSource().getConnection()) {
            return find(c, repositoryId, name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a label", e);
        }
    }

    private static Optional<Label> find(Connection c, long repositoryId, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM review.labels WHERE"
                + " repository_id = ? AND lower(name) = lower(?)")) {
            s.setLong(1, repositoryId);
            s.setString(2, name);
            return labels(s).stream().findFirst();
        }
    }

    @Override
    public Label create(long repositoryId, String name, String color, String description) {
        String checkedName = name(name);
        String checkedColor = color(color == null ? "ededed" : color);
        try {
            return database.inTransaction(c -> {
                if (find(c, repositoryId, checkedName).isPresent()) {
                    throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError("Label", "name",
                            "already_exists", "name already exists")));
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO review.labels (repository_id, name, color,"
                        + " description) VALUES (?, ?, ?, ?) RETURNING " + COLUMNS)) {
                    s.setLong(1, repositoryId);
                    s.setString(2, checkedName);
                    s.setString(3, checkedColor);
                    s.setString(4, description(description));
                    return labels(s).get(0);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a label", e);
        }
    }

    @Override
    public Label update(long repositoryId, String name, String newName, String color, String description) {
        try {
            return database.inTransaction(c -> {
                Label current = find(c, repositoryId, name).orElseThrow(ApiException::notFound);
                String renamed = newName == null ? current.name() : name(newName);
                if (!renamed.equalsIgnoreCase(current.name()) && find(c, repositoryId, renamed).isPresent()) {
                    throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError("Label", "name",
                            "already_exists", "name already exists")));
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE review.labels SET name = ?, color = ?,"
                        + " description = ? WHERE id = ? RETURNING " + COLUMNS)) {
                    s.setString(1, renamed);
                    s.setString(2, color == null ? current.color() : color(color));
                    s.setString(3, description == null ? current.description() : description(description));
                    s.setLong(4, current.id());
                    return labels(s).get(0);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update a label", e);
        }
    }

    @Override
    public boolean delete(long repositoryId, String name) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM review.labels WHERE repository_id = ?"
                        + " AND lower(name) = lower(?)")) {
            s.setLong(1, repositoryId);
            s.setString(2, name);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete a label", e);
        }
    }

    @Override
    public List<Label> ofIssue(long repositoryId, int number) {
        issue(repositoryId, number);
        try (Connection c = database.dataSource().getConnection()) {
            return ofIssue(c, repositoryId, number);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read labels", e);
        }
    }

    private static List<Label> ofIssue(Connection c, long repositoryId, int number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT l.id, l.repository_id, l.name, l.color, l.description"
                + " FROM review.issue_labels il JOIN review.labels l ON l.id = il.label_id"
                + " WHERE il.repository_id = ? AND il.number = ? ORDER BY lower(l.name)")) {
            s.setLong(1, repositoryId);
            s.setInt(2, number);
            return labels(s);
        }
    }

    @Override
    public List<Label> add(long repositoryId, int number, List<String> names, Actor actor) {
        return change(repositoryId, number, names, false, actor);
    }

    @Override
    public List<Label> set(long repositoryId, int number, List<String> names, Actor actor) {
        return change(repositoryId, number, names, true, actor);
    }

    private List<Label> change(long repositoryId, int number, List<String> names, boolean replace, Actor actor) {
        PullRequest pull = issue(repositoryId, number);
        Repository base = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        try {
            return database.inTransaction(c -> {
                List<Label> wanted = new ArrayList<>();
                for (String name : new LinkedHashSet<>(names)) {
                    wanted.add(find(c, repositoryId, name).orElseThrow(() -> new ApiException(422,
                            "Validation Failed", List.of(new ApiError.FieldError("Label", "name", "invalid",
                                    "label " + name + " does not exist")))));
                }
                List<Label> before = ofIssue(c, repositoryId, number);
                if (replace) {
                    for (Label old : before) {
                        if (wanted.stream().noneMatch(l -> l.id() == old.id())) {
                            unlabel(c, base, pull, old, actor);
                        }
                    }
                }
                for (Label label : wanted) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO review.issue_labels (repository_id,"
                            + " number, label_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                        s.setLong(1, repositoryId);
                        s.setInt(2, number);
                        s.setLong(3, label.id());
                        if (s.executeUpdate() > 0) {
                            pulls.publish(c, Topics.PULL_REQUEST_LABELED, base, pull, actor.login(),
                                    Map.of("label", label.name()));
                        }
                    }
                }
                return ofIssue(c, repositoryId, number);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not label an issue", e);
        }
    }

    @Override
    public List<Label> remove(long repositoryId, int number, String name, Actor actor) {
        PullRequest pull = issue(repositoryId, number);
        Repository base = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        try {
            return database.inTransaction(c -> {
                Label label = ofIssue(c, repositoryId, number).stream().filter(l -> l.name().equalsIgnoreCase(name))
                        .findFirst().orElseThrow(() -> new ApiException(404, "Label does not exist"));
                unlabel(c, base, pull, label, actor);
                return ofIssue(c, repositoryId, number);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not unlabel an issue", e);
        }
    }

    private void unlabel(Connection c, Repository base, PullRequest pull, Label label, Actor actor)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM review.issue_labels WHERE repository_id = ?"
                + " AND number = ? AND label_id = ?")) {
            s.setLong(1, pull.repositoryId());
            s.setInt(2, pull.number());
            s.setLong(3, label.id());
            if (s.executeUpdate() > 0) {
                pulls.publish(c, Topics.PULL_REQUEST_UNLABELED, base, pull, actor.login(),
                        Map.of("label", label.name()));
            }
        }
    }

    @Override
    public List<Long> assignees(long repositoryId, int number) {
        try (Connection c = database.dataSource().getConnection()) {
            return assignees(c, repositoryId, number);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read assignees", e);
        }
    }

    private static List<Long> assignees(Connection c, long repositoryId, int number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT account_id FROM review.issue_assignees WHERE"
                + " repository_id = ? AND number = ? ORDER BY assigned_at, account_id")) {
            s.setLong(1, repositoryId);
            s.setInt(2, number);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    @Override
    public List<Long> assign(long repositoryId, int number, List<Long> accountIds, Actor actor) {
        return assignment(repositoryId, number, accountIds, true, actor);
    }

    @Override
    public List<Long> unassign(long repositoryId, int number, List<Long> accountIds, Actor actor) {
        return assignment(repositoryId, number, accountIds, false, actor);
    }

    private List<Long> assignment(long repositoryId, int number, List<Long> accountIds, boolean add, Actor actor) {
        PullRequest pull = issue(repositoryId, number);
        Repository base = repositories.find(repositoryId).orElseThrow(ApiException::notFound);
        try {
            return database.inTransaction(c -> {
                List<Long> current = assignees(c, repositoryId, number);
                if (add && new LinkedHashSet<>(accountIds).stream().filter(id -> !current.contains(id)).count()
                        + current.size() > 10) {
                    throw PostgresPullRequests.invalid("assignees", "invalid", "an issue has at most 10 assignees");
                }
                try (PreparedStatement s = c.prepareStatement(add
                        ? "INSERT INTO review.issue_assignees (repository_id, number, account_id) VALUES (?, ?, ?)"
                                + " ON CONFLICT DO NOTHING"
                        : "DELETE FROM review.issue_assignees WHERE repository_id = ? AND number = ? AND account_id = ?")) {
                    for (long id : new LinkedHashSet<>(accountIds)) {
                        s.setLong(1, repositoryId);
                        s.setInt(2, number);
                        s.setLong(3, id);
                        if (s.executeUpdate() > 0) {
                            pulls.publish(c, add ? Topics.PULL_REQUEST_ASSIGNED : Topics.PULL_REQUEST_UNASSIGNED, base,
                                    pull, actor.login(), Map.of("assignee", id));
                        }
                    }
                }
                return assignees(c, repositoryId, number);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change assignees", e);
        }
    }

    /** The pull request that issue number {@code number} is (Codara has no issues of its own yet). */
    private PullRequest issue(long repositoryId, int number) {
        return pulls.find(repositoryId, number).orElseThrow(ApiException::notFound);
    }

    private static String name(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > 50) {
            throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError("Label", "name",
                    stripped.isEmpty() ? "missing_field" : "invalid", "name must be 1 to 50 characters")));
        }
        return stripped;
    }

    private static String color(String color) {
        String hex = color.startsWith("#") ? color.substring(1) : color;
        if (!COLOR.matcher(hex).matches()) {
            throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError("Label", "color",
                    "invalid", "color must be six hex digits")));
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private static String description(String description) {
        if (description != null && description.length() > 100) {
            throw new ApiException(422, "Validation Failed", List.of(new ApiError.FieldError("Label",
                    "description", "invalid", "description is too long (maximum is 100 characters)")));
        }
        return description == null || description.isBlank() ? null : description;
    }

    private static List<Label> labels(PreparedStatement s) throws SQLException {
        List<Label> labels = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                labels.add(new Label(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
            }
        }
        return labels;
    }
}
