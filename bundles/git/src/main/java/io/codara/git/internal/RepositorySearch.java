package io.codara.git.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
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

/**
 * GitHub's repository search: free words matched case-insensitively (as substrings) against the name, the full
 * name and the description, narrowed by the qualifiers {@code user:} (any owner), {@code org:} (organisations
 * only), {@code is:public|internal|private}, {@code fork:true|only}, {@code archived:true|false}, {@code topic:},
 * {@code stars:} (GitHub's ranges: {@code >10}, {@code 10..50}), {@code language:} (the main language) and
 * {@code in:name,description}; sorted by best match, {@code stars}, {@code forks} or {@code updated}. Forks are left
 * out unless {@code fork:} asks for them, as on GitHub. Only repositories the caller may read are found; the
 * matching ids are read in order first and narrowed, then only the page's rows are read in full.
 */
@Component(service = RepositorySearch.class)
public final class RepositorySearch {

    /** GitHub answers at most the first thousand results of a search. */
    static final int MAX_RESULTS = 1000;

    /** A parsed query. */
    record Query(List<String> words, Set<String> users, Set<String> orgs, String visibility, String fork,
            Boolean archived, List<String> topics, boolean inName, boolean inDescription, List<CountRange> stars,
            Set<String> languages) {

        static Query parse(String q) {
            if (q == null || q.isBlank()) {
                throw ApiException.validation(List.of(new FieldError("Search", "q", "missing",
                        "q is required: words to look for and qualifiers such as user:, org: or topic:")));
            }
            List<String> words = new ArrayList<>();
            Set<String> users = new LinkedHashSet<>();
            Set<String> orgs = new LinkedHashSet<>();
            String visibility = null;
            String fork = null;
            Boolean archived = null;
            List<String> topics = new ArrayList<>();
            Set<String> in = new LinkedHashSet<>();
            List<CountRange> stars = new ArrayList<>();
            Set<String> languages = new LinkedHashSet<>();
            for (String token : tokens(q)) {
                int colon = token.indexOf(':');
                String key = colon > 0 ? token.substring(0, colon).toLowerCase(Locale.ROOT) : "";
                String value = colon > 0 ? token.substring(colon + 1) : token;
                String lower = value.toLowerCase(Locale.ROOT);
                switch (key) {
                    case "user" -> users.add(lower);
                    case "org" -> orgs.add(lower);
                    case "is" -> {
                        if (!List.of("public", "private", "internal").contains(lower)) {
                            throw invalid("is: takes public, internal or private");
                        }
                        visibility = lower.toUpperCase(Locale.ROOT);
                    }
                    case "fork" -> {
                        if (!List.of("true", "only", "false").contains(lower)) {
                            throw invalid("fork: takes true, only or false");
                        }
                        fork = lower;
                    }
                    case "archived" -> {
                        if (!List.of("true", "false").contains(lower)) {
                            throw invalid("archived: takes true or false");
                        }
                        archived = Boolean.parseBoolean(lower);
                    }
                    case "topic" -> topics.add(lower);
                    case "stars" -> stars.add(CountRange.parse("stars", value));
                    case "language" -> languages.add(lower);
                    case "in" -> {
                        for (String field : lower.split(",")) {
                            if (!List.of("name", "description").contains(field)) {
                                throw invalid("in: takes name or description (or both, separated by a comma)");
                            }
                            in.add(field);
                        }
                    }
                    default -> words.add(token);
                }
            }
            boolean all = in.isEmpty();
            return new Query(List.copyOf(words), users, orgs, visibility, fork, archived, List.copyOf(topics),
                    all || in.contains("name"), all || in.contains("description"), List.copyOf(stars), languages);
        }

        /** Words and qualifiers; double quotes keep spaces in one ({@code "code host"}, {@code topic:"x"}). */
        static List<String> tokens(String q) {
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean quoted = false;
            for (char ch : q.toCharArray()) {
                if (ch == '"') {
                    quoted = !quoted;
                } else if (Character.isWhitespace(ch) && !quoted) {
                    if (!current.isEmpty()) {
                        out.add(current.toString());
                        current.setLength(0);
                    }
                } else {
                    current.append(ch);
                }
            }
            if (!current.isEmpty()) {
                out.add(current.toString());
            }
            return out;
        }

        static ApiException invalid(String message) {
            return ApiException.validation(List.of(new FieldError("Search", "q", "invalid", message)));
        }
    }

    /**
     * GitHub's numeric qualifier ({@code stars:>10}, {@code >=}, {@code <}, {@code <=}, {@code 10}, {@code 10..50},
     * {@code 10..*}, {@code *..50}): the bounds, inclusive, {@code null} where open.
     */
    record CountRange(Long min, Long max) {

        static CountRange parse(String qualifier, String value) {
            try {
                if (value.startsWith(">=")) {
                    return new CountRange(Long.parseLong(value.substring(2)), null);
                }
                if (value.startsWith(">")) {
                    return new CountRange(Long.parseLong(value.substring(1)) + 1, null);
                }
                if (value.startsWith("<=")) {
                    return new CountRange(null, Long.parseLong(value.substring(2)));
                }
                if (value.startsWith("<")) {
                    return new CountRange(null, Long.parseLong(value.substring(1)) - 1);
                }
                int dots = value.indexOf("..");
                if (dots >= 0) {
                    String low = value.substring(0, dots);
                    String high = value.substring(dots + 2);
                    return new CountRange(low.equals("*") ? null : Long.parseLong(low),
                            high.equals("*") ? null : Long.parseLong(high));
                }
                long exact = Long.parseLong(value);
                return new CountRange(exact, exact);
            } catch (NumberFormatException e) {
                throw Query.invalid(qualifier + ": takes a number, a comparison (>10, <=5) or a range (10..50)");
            }
        }

        /** The condition on {@code column}, adding its parameters to {@code args}. */
        String sql(String column, List<Object> args) {
            StringBuilder out = new StringBuilder();
            if (min != null) {
                out.append(" AND ").append(column).append(" >= ?");
                args.add(min);
            }
            if (max != null) {
                out.append(" AND ").append(column).append(" <= ?");
                args.add(max);
            }
            return out.toString();
        }
    }

    private final Database database;
    private final Repositories repositories;
    private final Organizations organizations;
    private final Permissions permissions;

    @Activate
    public RepositorySearch(@Reference GitSchema schema, @Reference Database database,
            @Reference Repositories repositories, @Reference Organizations organizations,
            @Reference Permissions permissions) {
        this.database = database;
        this.repositories = repositories;
        this.organizations = organizations;
        this.permissions = permissions;
    }

    /**
     * A condition on {@code git.repositories r} that keeps what the viewer could possibly read (public ones, for a
     * signed-in viewer internal ones and those of its own and its organisations'), adding its parameters to
     * {@code args}; the permission service decides on each non-public row that passes.
     */
    static String readableCandidates(Principal viewer, Organizations organizations, List<Object> args) {
        if (viewer.anonymous()) {
            return " AND r.visibility = 'PUBLIC'";
        }
        if (viewer.siteAdmin()) {
            return "";
        }
        List<String> owners = new ArrayList<>();
        owners.add(viewer.login().toLowerCase(Locale.ROOT));
        organizations.organizationsOf(viewer.login()).forEach(o -> owners.add(o.login().toLowerCase(Locale.ROOT)));
        args.add(owners.toArray(String[]::new));
        return " AND (r.visibility IN ('PUBLIC', 'INTERNAL') OR lower(r.owner_login) = ANY (?))";
    }

    /** Binds {@code args} in order; a {@code String[]} becomes a {@code text[]}. */
    static void bind(Connection c, PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            if (arg instanceof String[] array) {
                s.setArray(i + 1, c.createArrayOf("text", array));
            } else {
                s.setObject(i + 1, arg);
            }
        }
    }

    /** The repositories matching {@code q} that {@code viewer} may read, one page, with how many there are. */
    Page<Repository> search(String q, String sort, String order, Principal viewer, PageRequest page) {
        Query query = Query.parse(q);
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        for (String word : query.words()) {
            String like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            List<String> fields = new ArrayList<>();
            if (query.inName()) {
                fields.add("r.name ILIKE ?");
                fields.add("(r.owner_login || '/' || r.name) ILIKE ?");
                args.add(like);
                args.add(like);
            }
            if (query.inDescription()) {
                fields.add("coalesce(r.description, '') ILIKE ?");
                args.add(like);
            }
            where.append(" AND (").append(String.join(" OR ", fields)).append(")");
        }
        if (!query.users().isEmpty() || !query.orgs().isEmpty()) {
            // user: names any owner, as on GitHub; org: only organisations
            where.append(" AND (lower(r.owner_login) = ANY (?)"
                    + " OR lower(r.owner_login) = ANY (?) AND r.owner_type = 'Organization')");
            args.add(query.users().toArray(String[]::new));
            args.add(query.orgs().toArray(String[]::new));
        }
        if (query.visibility() != null) {
            where.append(" AND r.visibility = ?");
            args.add(query.visibility());
        }
        if (query.fork() == null || query.fork().equals("false")) {
            where.append(" AND r.parent_id IS NULL");
        } else if (query.fork().equals("only")) {
            where.append(" AND r.parent_id IS NOT NULL");
        }
        if (query.archived() != null) {
            where.append(" AND r.archived = ?");
            args.add(query.archived());
        }
        for (String topic : query.topics()) {
            where.append(" AND ? = ANY (r.topics)");
            args.add(topic);
        }
        for (CountRange stars : query.stars()) {
            where.append(stars.sql("r.stargazers_count", args));
        }
        if (!query.languages().isEmpty()) {
            // several language: qualifiers mean any of them, as on GitHub
            where.append(" AND lower(r.language) = ANY (?)");
            args.add(query.languages().toArray(String[]::new));
        }
        where.append(readableCandidates(viewer, organizations, args));
        String direction = "asc".equalsIgnoreCase(order) ? "ASC" : "DESC";
        String first = query.words().isEmpty() ? "" : query.words().get(0);
        String bestMatch = "(lower(r.name) = lower(?)) DESC, (r.name ILIKE ?) DESC, r.pushed_at DESC NULLS LAST";
        String orderBy = switch (sort == null ? "" : sort) {
            case "forks" -> "(SELECT count(*) FROM git.repositories f WHERE f.parent_id = r.id) " + direction + ", "
                    + bestMatch;
            case "stars" -> "r.stargazers_count " + direction + ", " + bestMatch;
            case "updated" -> "greatest(r.updated_at, coalesce(r.pushed_at, r.updated_at)) " + direction;
            default -> bestMatch;
        };
        if (orderBy.contains("lower(?)")) {
            args.add(first);
            args.add("%" + first.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        String sql = "SELECT r.id, r.owner_login, r.name, r.visibility FROM git.repositories r WHERE " + where
                + " ORDER BY " + orderBy + ", r.id";
        List<Long> readable = new ArrayList<>();
        long[] total = {0};
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    boolean visible = "PUBLIC".equals(rs.getString(4)) || permissions.decide(viewer,
                            RepositoryAuthority.READ, new ResourceRef("repository", rs.getString(2) + "/"
                                    + rs.getString(3))) == Decision.ALLOW;
                    if (visible) {
                        total[0]++;
                        if (readable.size() < MAX_RESULTS) {
                            readable.add(rs.getLong(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Database failure: " + e.getMessage(), e);
        }
        int from = (int) Math.min(page.offset(), readable.size());
        int to = Math.min(from + page.perPage(), readable.size());
        List<Repository> items = new ArrayList<>();
        for (long id : readable.subList(from, to)) {
            Optional<Repository> found = repositories.find(id);
            found.ifPresent(items::add);
        }
        return new Page<>(items, page, total[0]);
    }
}
