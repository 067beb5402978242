package io.codara.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountUpdate;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Avatar;
import io.codara.api.identity.Email;
import io.codara.api.identity.NewAccount;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Role;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Users and organisations in {@code auth.accounts}, with emails, password hashes and avatars. */
@Component(service = {Accounts.class, PostgresAccounts.class})
public final class PostgresAccounts implements Accounts {

    static final int MAX_EMAILS = 20;
    private static final Map<String, Supplier<ApiException>> DUPLICATES = Map.of(
            "accounts_login_key", () -> Validation.alreadyExists("User", "login", "login is already taken"),
            "emails_email_key", () -> Validation.alreadyExists("User", "email", "email is already in use"));

    private final Store store;
    private final AuditLog audit;
    private final PasswordHasher hasher;

    @Activate
    public PostgresAccounts(@Reference AuthSchema schema, @Reference Database database, @Reference AuditLog audit) {
        this(database, audit, new PasswordHasher());
    }

    PostgresAccounts(Database database, AuditLog audit, PasswordHasher hasher) {
        this.store = new Store(database);
        this.audit = audit;
        this.hasher = hasher;
    }

    @Override
    public Account createUser(NewAccount user, Actor actor) {
        return create(user, actor, false);
    }

    /** Creates the first administrator, whose login the operator chose (it may be a reserved word like admin). */
    Account createFirstAdmin(NewAccount user) {
        return create(user, Actor.SYSTEM, true);
    }

    private Account create(NewAccount user, Actor actor, boolean allowReserved) {
        Validation validation = new Validation("User").login("login", user.login(), allowReserved)
                .email("email", user.email(), true).text("name", user.name(), 255);
        if (user.password() != null) {
            // No password at all is allowed: such a user signs in with tokens only.
            validation.password("password", user.password(), user.login());
        }
        validation.check();
        String hash = user.password() == null ? null : hasher.hash(user.password());
        return store.write(c -> {
            checkLoginFree(c, user.login(), "User");
            Account account = Sql.one(c, "INSERT INTO auth.accounts AS a (login, type, name, site_admin, password_hash)"
                    + " VALUES (?, 'User', ?, ?, ?) RETURNING " + Sql.ACCOUNT_COLUMNS, Sql::account, user.login(),
                    blankToNull(user.name()), user.siteAdmin(), hash).orElseThrow();
            Sql.update(c, "INSERT INTO auth.emails (account_id, email, is_primary) VALUES (?, ?, true)", account.id(),
                    user.email());
            audit.record(c, new AuditEvent("user.create", actor, "user", account.login(),
                    Map.of("site_admin", user.siteAdmin(), "password", hash != null)));
            return account;
        }, DUPLICATES);
    }

    /** Refuses a login that an account already has, whatever its case, with a clear 422 (the index backs it). */
    static void checkLoginFree(Connection c, String login, String resource) throws SQLException {
        if (Sql.count(c, "SELECT count(*) FROM auth.accounts WHERE lower(login) = lower(?)", login) > 0) {
            throw Validation.alreadyExists(resource, "login", "login is already taken");
        }
    }

    @Override
    public Optional<Account> find(String login) {
        if (login == null || login.isEmpty() || login.length() > 39) {
            return Optional.empty();
        }
        return store.read(c -> Sql.one(c, "SELECT " + Sql.ACCOUNT_COLUMNS
                + " FROM auth.accounts a WHERE lower(a.login) = lower(?)", Sql::account, login));
    }

    @Override
    public Optional<Account> find(long id) {
        return store.read(c -> Sql.one(c, "SELECT " + Sql.ACCOUNT_COLUMNS + " FROM auth.accounts a WHERE a.id = ?",
                Sql::account, id));
    }

    private Optional<Account> findByEmail(String email) {
        if (email.length() > 254) {
            return Optional.empty();
        }
        return store.read(c -> Sql.one(c, "SELECT " + Sql.ACCOUNT_COLUMNS + " FROM auth.accounts a"
                + " JOIN auth.emails e ON e.account_id = a.id WHERE lower(e.email) = lower(?)", Sql::account, email));
    }

    @Override
    public Optional<Account> findByEmail(String email, boolean verifiedOnly) {
        if (email == null || email.isEmpty() || email.length() > 254) {
            return Optional.empty();
        }
        return store.read(c -> Sql.one(c, "SELECT " + Sql.ACCOUNT_COLUMNS + " FROM auth.accounts a"
                + " JOIN auth.emails e ON e.account_id = a.id WHERE lower(e.email) = lower(?) AND a.type = 'User'"
                + (verifiedOnly ? " AND e.verified" : ""), Sql::account, email));
    }

    /** The user (not organisation) with this login. */
    Account user(String login) {
        return find(login).filter(a -> !a.organization()).orElseThrow(ApiException::notFound);
    }

    @Override
    public Page<Account> listUsers(PageRequest page, boolean withSuspended) {
        String where = " WHERE a.type = 'User'" + (withSuspended ? "" : " AND a.suspended_at IS NULL");
        return store.read(c -> new Page<>(Sql.list(c, "SELECT " + Sql.ACCOUNT_COLUMNS + " FROM auth.accounts a" + where
                + " ORDER BY a.id LIMIT ? OFFSET ?", Sql::account, page.perPage(), page.offset()), page,
                Sql.count(c, "SELECT count(*) FROM auth.accounts a" + where)));
    }

    @Override
    public Page<Account> listOrganizations(PageRequest page) {
        return store.read(c -> new Page<>(Sql.list(c, "SELECT " + Sql.ACCOUNT_COLUMNS + " FROM auth.accounts a"
                + " WHERE a.type = 'Organization' ORDER BY a.id LIMIT ? OFFSET ?", Sql::account, page.perPage(),
                page.offset()), page, Sql.count(c, "SELECT count(*) FROM auth.accounts WHERE type = 'Organization'")));
    }

    @Override
    public Account update(String login, AccountUpdate update, Actor actor) {
        Account account = find(login).orElseThrow(ApiException::notFound);
        String resource = account.organization() ? "Organization" : "User";
        new Validation(resource).text("name", update.name(), 255).text("bio", update.bio(), 1000)
                .text("company", update.company(), 255).text("location", update.location(), 255)
                .text("blog", update.blog(), 255).email("email", update.email(), false).check();
        Map<String, Object> changes = new LinkedHashMap<>();
        putIfGiven(changes, "name", update.name());
        putIfGiven(changes, "bio", update.bio());
        putIfGiven(changes, "company", update.company());
        putIfGiven(changes, "location", update.location());
        putIfGiven(changes, "blog", update.blog());
        putIfGiven(changes, "email", update.email());
        if (update.basePermission() != null) {
            if (!account.organization()) {
                throw Validation.invalidField(resource, "default_repository_permission", "only organisations have one");
            }
            Role role;
            try {
                role = AccountUpdate.parseBasePermission(update.basePermission());
            } catch (IllegalArgumentException e) {
                throw Validation.invalidField(resource, "default_repository_permission", e.getMessage());
            }
            changes.put("base_permission", role == null ? null : role.name());
        }
        if (changes.isEmpty()) {
            return account;
        }
        return store.write(c -> {
            Object email = changes.get("email");
            if (email != null && !account.organization() && Sql.count(c, "SELECT count(*) FROM auth.emails"
                    + " WHERE account_id = ? AND lower(email) = lower(?)", account.id(), email) == 0) {
                throw Validation.invalidField(resource, "email", "the public email must be one of your own emails");
            }
            StringBuilder sql = new StringBuilder("UPDATE auth.accounts AS a SET updated_at = now()");
            List<Object> args = new ArrayList<>();
            for (Map.Entry<String, Object> change : changes.entrySet()) {
                sql.append(", ").append(change.getKey()).append(" = ?");
                args.add(change.getValue());
            }
            sql.append(" WHERE id = ? RETURNING ").append(Sql.ACCOUNT_COLUMNS);
            args.add(account.id());
            Account updated = Sql.one(c, sql.toString(), Sql::account, args.toArray()).orElseThrow();
            audit.record(c, new AuditEvent(account.organization() ? "org.update" : "user.update", actor,
                    account.organization() ? "organization" : "user", account.login(),
                    Map.of("fields", List.copyOf(changes.keySet()))));
            return updated;
        });
    }

    private static void putIfGiven(Map<String, Object> changes, String column, String value) {
        if (value != null) {
            changes.put(column, blankToNull(value));
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public Account setSuspended(String login, boolean suspended, Actor actor) {
        Account account = user(login);
        if (account.suspended() == suspended) {
            return account;
        }
        return store.write(c -> {
            if (suspended && account.siteAdmin()) {
                requireAnotherAdmin(c, account);
            }
            Account updated = Sql.one(c, "UPDATE auth.accounts AS a SET suspended_at = " + (suspended ? "now()" : "NULL")
                    + ", updated_at = now() WHERE id = ? RETURNING " + Sql.ACCOUNT_COLUMNS, Sql::account, account.id())
                    .orElseThrow();
            audit.record(c, new AuditEvent(suspended ? "user.suspend" : "user.unsuspend", actor, "user",
                    account.login()));
            return updated;
        });
    }

    @Override
    public Account setSiteAdmin(String login, boolean siteAdmin, Actor actor) {
        Account account = user(login);
        if (account.siteAdmin() == siteAdmin) {
            return account;
        }
        return store.write(c -> {
            if (!siteAdmin) {
                requireAnotherAdmin(c, account);
            }
            Account updated = Sql.one(c, "UPDATE auth.accounts AS a SET site_admin = ?, updated_at = now()"
                    + " WHERE id = ? RETURNING " + Sql.ACCOUNT_COLUMNS, Sql::account, siteAdmin, account.id())
                    .orElseThrow();
            audit.record(c, new AuditEvent(siteAdmin ? "user.promote" : "user.demote", actor, "user", account.login()));
            return updated;
        });
    }

    /** Keeps the installation administrable: locks the admins' rows so two concurrent demotions cannot both pass. */
    private static void requireAnotherAdmin(Connection c, Account leaving) throws SQLException {
        List<Long> others = Sql.list(c, "SELECT id FROM auth.accounts WHERE site_admin AND suspended_at IS NULL"
                + " AND id <> ? FOR UPDATE", rs -> rs.getLong(1), leaving.id());
        if (others.isEmpty()) {
            throw new ApiException(422, "The last active site administrator cannot be demoted or suspended");
        }
    }

    @Override
    public void changePassword(String login, char[] current, char[] replacement, Actor actor) {
        Account account = user(login);
        boolean forSomeoneElse = !account.login().equalsIgnoreCase(actor.login());
        if (forSomeoneElse) {
            boolean actorIsAdmin = Actor.SYSTEM_LOGIN.equals(actor.login())
                    || find(actor.login()).map(Account::siteAdmin).orElse(false);
            if (!actorIsAdmin) {
                throw new ApiException(403, "Only site administrators may set another user's password");
            }
        } else {
            String stored = store.read(c -> passwordHash(c, account.id()));
            if (current == null || !hasher.verify(current, stored)) {
                throw Validation.invalidField("User", "current_password", "current_password is not correct");
            }
        }
        new Validation("User").password("password", replacement, account.login()).check();
        String hash = hasher.hash(replacement);
        store.write(c -> {
            Sql.update(c, "UPDATE auth.accounts SET password_hash = ?, updated_at = now() WHERE id = ?", hash,
                    account.id());
            // A new password ends every session: whoever knew the old one is signed out.
            int ended = Sql.update(c, "UPDATE auth.sessions SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL",
                    account.id());
            audit.record(c, new AuditEvent("user.change_password", actor, "user", account.login(),
                    Map.of("sessions_ended", ended)));
            return null;
        });
    }

    private static String passwordHash(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT password_hash FROM auth.accounts WHERE id = ?", rs -> rs.getString(1), id)
                .orElse(null);
    }

    @Override
    public Optional<Account> verifyPassword(String login, char[] password) {
        if (password == null || password.length == 0 || password.length > Validation.MAX_PASSWORD) {
            return Optional.empty();
        }
        // As on GitHub, people may sign in with their login or with any of their email addresses.
        Optional<Account> account = (login != null && login.indexOf('@') > 0 ? findByEmail(login) : find(login))
                .filter(a -> !a.organization());
        if (account.isEmpty()) {
            hasher.verifyDecoy(password);
            return Optional.empty();
        }
        String stored = store.read(c -> passwordHash(c, account.get().id()));
        if (!hasher.verify(password, stored)) {
            return Optional.empty();
        }
        if (hasher.needsRehash(stored)) {
            String hash = hasher.hash(password);
            store.write(c -> Sql.update(c, "UPDATE auth.accounts SET password_hash = ? WHERE id = ? AND password_hash = ?",
                    hash, account.get().id(), stored));
        }
        return account;
    }

    @Override
    public List<Email> emails(String login) {
        Account account = user(login);
        return store.read(c -> emails(c, account));
    }

    private static List<Email> emails(Connection c, Account account) throws SQLException {
        return Sql.list(c, "SELECT email, is_primary, verified FROM auth.emails WHERE account_id = ?"
                + " ORDER BY is_primary DESC, lower(email)", rs -> new Email(rs.getString(1), rs.getBoolean(2),
                        rs.getBoolean(3), rs.getString(1).equalsIgnoreCase(String.valueOf(account.email())) ? "public" : null),
                account.id());
    }

    @Override
    public List<Email> addEmails(String login, List<String> emails, Actor actor) {
        Account account = user(login);
        Set<String> wanted = checkedEmails(emails);
        return store.write(c -> {
            long existing = Sql.count(c, "SELECT count(*) FROM auth.emails WHERE account_id = ?", account.id());
            for (String email : wanted) {
                if (Sql.count(c, "SELECT count(*) FROM auth.emails WHERE account_id = ? AND lower(email) = lower(?)",
                        account.id(), email) > 0) {
                    continue;
                }
                if (++existing > MAX_EMAILS) {
                    throw Validation.invalidField("User", "emails", "a user has at most " + MAX_EMAILS + " emails");
                }
                Sql.update(c, "INSERT INTO auth.emails (account_id, email) VALUES (?, ?)", account.id(), email);
            }
            audit.record(c, new AuditEvent("user.add_email", actor, "user", account.login(),
                    Map.of("emails", List.copyOf(wanted))));
            return emails(c, account);
        }, DUPLICATES);
    }

    @Override
    public List<Email> removeEmails(String login, List<String> emails, Actor actor) {
        Account account = user(login);
        Set<String> unwanted = checkedEmails(emails);
        return store.write(c -> {
            for (String email : unwanted) {
                boolean primary = Sql.one(c, "SELECT is_primary FROM auth.emails WHERE account_id = ?"
                        + " AND lower(email) = lower(?)", rs -> rs.getBoolean(1), account.id(), email)
                        .orElseThrow(() -> Validation.invalidField("User", "emails", email + " is not one of your emails"));
                if (primary) {
                    throw Validation.invalidField("User", "emails", "the primary email cannot be removed");
                }
                Sql.update(c, "DELETE FROM auth.emails WHERE account_id = ? AND lower(email) = lower(?)", account.id(),
                        email);
                Sql.update(c, "UPDATE auth.accounts SET email = NULL WHERE id = ? AND lower(email) = lower(?)",
                        account.id(), email);
            }
            audit.record(c, new AuditEvent("user.remove_email", actor, "user", account.login(),
                    Map.of("emails", List.copyOf(unwanted))));
            return emails(c, find(account.id()).orElseThrow());
        });
    }

    private static Set<String> checkedEmails(List<String> emails) {
        if (emails == null || emails.isEmpty()) {
            new Validation("User").missing("emails").check();
        }
        if (emails.size() > MAX_EMAILS) {
            throw Validation.invalidField("User", "emails", "at most " + MAX_EMAILS + " emails at once");
        }
        Validation validation = new Validation("User");
        Set<String> out = new LinkedHashSet<>();
        for (String email : emails) {
            validation.email("emails", email, true);
            if (email != null) {
                out.add(email.strip());
            }
        }
        validation.check();
        return out;
    }

    @Override
    public Avatar avatar(String login) {
        Account account = find(login).orElseThrow(ApiException::notFound);
        byte[] png = store.read(c -> Sql.one(c, "SELECT avatar_png FROM auth.accounts WHERE id = ?",
                rs -> rs.getBytes(1), account.id()).orElse(null));
        if (png == null) {
            png = Identicon.png(account.login().toLowerCase(Locale.ROOT));
        }
        return new Avatar(png, '"' + sha256(png).substring(0, 32) + '"');
    }

    @Override
    public Account setAvatar(String login, byte[] image, Actor actor) {
        Account account = find(login).orElseThrow(ApiException::notFound);
        byte[] png = image == null ? null : AvatarImage.normalize(image);
        return store.write(c -> {
            Account updated = Sql.one(c, "UPDATE auth.accounts AS a SET avatar_png = ?, avatar_updated_at = "
                    + (png == null ? "NULL" : "now()") + ", updated_at = now() WHERE id = ? RETURNING "
                    + Sql.ACCOUNT_COLUMNS, Sql::account, png, account.id()).orElseThrow();
            audit.record(c, new AuditEvent(png == null ? "user.remove_avatar" : "user.set_avatar", actor,
                    account.organization() ? "organization" : "user", account.login()));
            return updated;
        });
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether any user exists yet (the first administrator is created when none does). */
    boolean anyUser() {
        return store.read(c -> Sql.count(c, "SELECT count(*) FROM auth.accounts WHERE type = 'User'") > 0);
    }
}
