package io.codara.auth.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.codara.api.identity.Account;
import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Principal;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * GitHub's user search: free words matched case-insensitively (as substrings) against the login, the name and
 * the email, narrowed by {@code type:user|org} and {@code in:login,name,email}; best match first (the exact login,
 * then logins that start with the first word), or by {@code sort=joined}. Only the public email is matched, except
 * for site administrators, who match every address of an account. Suspended users are found by site
 * administrators only.
 */
@Component(service = UserSearch.class)
public final class UserSearch {

    /** GitHub answers at most the first thousand results of a search. */
    static final int MAX_RESULTS = 1000;

    /** A parsed query. */
    record Query(List<String> words, String type, boolean inLogin, boolean inName, boolean inEmail) {

        static Query parse(String q) {
            if (q == null || q.isBlank()) {
                throw invalid("missing", "q is required: words to look for and qualifiers such as type: or in:");
            }
            List<String> words = new ArrayList<>();
            String type = null;
            Set<String> in = new LinkedHashSet<>();
            for (String token : tokens(q)) {
                int colon = token.indexOf(':');
                String key = colon > 0 ? token.substring(0, colon).toLowerCase(Locale.ROOT) : "";
                String value = colon > 0 ? token.substring(colon + 1).toLowerCase(Locale.ROOT) : token;
                switch (key) {
                    case "type" -> {
                        if (!value.equals("user") && !value.equals("org")) {
                            throw invalid("invalid", "type: takes user or org");
                        }
                        type = value.equals("org") ? "Organization" : "User";
                    }
                    case "in" -> {
                        for (String field : value.split(",")) {
                            if (!List.of("login", "name", "email").contains(field)) {
                                throw invalid("invalid", "in: takes login, name or email (several separated by a"
                                        + " comma)");
                            }
                            in.add(field);
                        }
                    }
                    case "repos", "followers", "location", "language", "created" -> throw invalid("invalid",
                            key + ": is not supported by Codara's user search");
                    default -> words.add(token);
                }
            }
            boolean all = in.isEmpty();
            return new Query(List.copyOf(words), type, all || in.contains("login"), all || in.contains("name"),
                    all || in.contains("email"));
        }

        /** Words and qualifiers; double quotes keep spaces in one ({@code "Ada Lovelace"}). */
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

        static ApiException invalid(String code, String message) {
            return ApiException.validation(List.of(new FieldError("Search", "q", code, message)));
        }
    }

    private final Store store;

    @Activate
    public UserSearch(@Reference AuthSchema schema, @Reference Database database) {
        this.store = new Store(database);
    }

    /** The accounts matching {@code q} that {@code viewer} may find, one page, with how many there are. */
    Page<Account> search(String q, String sort, String order, Principal viewer, PageRequest page) {
        Query query = Query.parse(q);
        if (sort != null && !sort.isBlank() && !sort.equals("joined")) {
            throw ApiException.validation(List.of(new FieldError("Search", "sort", "invalid",
                    "sort takes joined (or nothing, for best match)")));
        }
        boolean admin = viewer.siteAdmin();
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(admin ? "true" : "a.suspended_at IS NULL");
        for (String word : query.words()) {
            String like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            List<String> fields = new ArrayList<>();
            if (query.inLogin()) {
                fields.add("a.login ILIKE ?");
                args.add(like);
            }
            if (query.inName()) {
                fields.add("coalesce(a.name, '') ILIKE ?");
                args.add(like);
            }
            if (query.inEmail()) {
                fields.add("coalesce(a.email, '') ILIKE ?");
                args.add(like);
                if (admin) {
                    fields.add("EXISTS (SELECT 1 FROM auth.emails e WHERE e.account_id = a.id AND e.email ILIKE ?)");
                    args.add(like);
                }
            }
            where.append(" AND (").append(String.join(" OR ", fields)).append(")");
        }
        if (query.type() != null) {
            where.append(" AND a.type = ?");
            args.add(query.type());
        }
        String direction = "asc".equalsIgnoreCase(order) ? "ASC" : "DESC";
        String orderBy;
        List<Object> orderArgs = new ArrayList<>();
        if ("joined".equals(sort)) {
            orderBy = "a.created_at " + direction + ", a.id " + direction;
        } else {
            String first = query.words().isEmpty() ? "" : query.words().get(0);
            orderBy = "(lower(a.login) = lower(?)) DESC, (a.login ILIKE ?) DESC, a.created_at, a.id";
            orderArgs.add(first);
            orderArgs.add(first.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        String from = " FROM auth.accounts a WHERE " + where;
        List<Object> listArgs = new ArrayList<>(args);
        listArgs.addAll(orderArgs);
        long offset = Math.min(page.offset(), MAX_RESULTS);
        listArgs.add(Math.max(0, Math.min(page.perPage(), MAX_RESULTS - offset)));
        listArgs.add(offset);
        return store.read(c -> new Page<>(Sql.list(c, "SELECT " + Sql.ACCOUNT_COLUMNS + from + " ORDER BY " + orderBy
                + " LIMIT ? OFFSET ?", Sql::account, listArgs.toArray()), page,
                Sql.count(c, "SELECT count(*)" + from, args.toArray())));
    }
}
