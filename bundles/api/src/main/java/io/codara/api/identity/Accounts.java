package io.codara.api.identity;

import java.util.List;
import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Users and organisations: one namespace of logins, unique without regard to case. Invalid input fails with an
 * {@link io.codara.api.rest.ApiException} (422 naming the field) and changes nothing; every change is audited.
 */
@ProviderType
public interface Accounts {

    /** Creates a user; the email becomes the primary (unverified) email. */
    Account createUser(NewAccount user, Actor actor);

    /** The account with this login (any case), user or organisation. */
    Optional<Account> find(String login);

    /** The account with this id. */
    Optional<Account> find(long id);

    /** Users (not organisations) ordered by id, the suspended ones included only when {@code withSuspended}. */
    Page<Account> listUsers(PageRequest page, boolean withSuspended);

    /** Organisations ordered by id. */
    Page<Account> listOrganizations(PageRequest page);

    /** Changes profile fields; returns the updated account. */
    Account update(String login, AccountUpdate update, Actor actor);

    /** Suspends or unsuspends a user; a suspended user cannot sign in and their tokens and sessions stop working. */
    Account setSuspended(String login, boolean suspended, Actor actor);

    /** Grants or removes site administration. The last active site administrator cannot be demoted or suspended. */
    Account setSiteAdmin(String login, boolean siteAdmin, Actor actor);

    /**
     * Sets a user's password. {@code current} must match unless {@code actor} is a site administrator acting on
     * someone else; other sessions of the user are ended.
     */
    void changePassword(String login, char[] current, char[] replacement, Actor actor);

    /** The user whose password this is, if it is; never throws for bad credentials. */
    Optional<Account> verifyPassword(String login, char[] password);

    /**
     * The user who added {@code email} (any case) to their emails; an address belongs to one user at most. With
     * {@code verifiedOnly}, only an address whose ownership was proven counts, so that nobody is credited with what
     * an address they merely claimed did (commits, say).
     */
    Optional<Account> findByEmail(String email, boolean verifiedOnly);

    /** A user's emails, primary first. */
    List<Email> emails(String login);

    /** Adds emails to a user; each address belongs to one user at most. */
    List<Email> addEmails(String login, List<String> emails, Actor actor);

    /** Removes emails from a user; the primary email cannot be removed. */
    List<Email> removeEmails(String login, List<String> emails, Actor actor);

    /** The uploaded avatar, or a generated identicon. */
    Avatar avatar(String login);

    /** Stores an uploaded picture (PNG, JPEG or GIF, decoded and re-encoded as PNG); {@code null} removes it. */
    Account setAvatar(String login, byte[] image, Actor actor);
}
