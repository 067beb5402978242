package io.codara.auth.internal;

import static io.codara.auth.internal.AuthFixture.ADMIN;
import static io.codara.auth.internal.AuthFixture.error;
import static io.codara.auth.internal.AuthFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;

import io.codara.api.audit.AuditQuery;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountUpdate;
import io.codara.api.identity.Email;
import io.codara.api.identity.NewAccount;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresAccountsTest {

    private static AuthFixture fx;

    @BeforeAll
    static void database() {
        fx = new AuthFixture();
    }

    @Test
    void createsAUserWithAPrimaryEmailAndAnAuditEntry() {
        Account alice = fx.user("Alice");
        assertThat(alice.login()).isEqualTo("Alice");
        assertThat(fx.accounts.find("alice")).contains(alice);
        assertThat(fx.accounts.emails("ALICE")).containsExactly(new Email("Alice@example.com", true, false, null));
        assertThat(fx.audit.query(new AuditQuery(null, "user.create", "Alice", null, null), PageRequest.of(1, 10)).items())
                .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("admin"));
    }

    @Test
    void loginsAndEmailsAreUniqueWithoutRegardToCaseAndNothingIsHalfWritten() throws SQLException {
        fx.user("bob");
        long before = fx.database.queryLong("SELECT count(*) FROM auth.accounts");
        ApiException duplicate = error(() -> fx.user("BOB"));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("login");
            assertThat(e.code()).isEqualTo("already_exists");
        });
        ApiException sameEmail = error(() -> fx.accounts.createUser(new NewAccount("bobby", null, "BOB@example.com",
                PASSWORD.toCharArray(), false), ADMIN));
        assertThat(sameEmail.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("email"));
        assertThat(fx.database.queryLong("SELECT count(*) FROM auth.accounts")).isEqualTo(before);
        assertThat(fx.accounts.find("bobby")).isEmpty();
    }

    @Test
    void badInputNamesEveryBadField() {
        ApiException e = error(() -> fx.accounts.createUser(new NewAccount("-bad-", "x".repeat(300), "not-an-email",
                "short".toCharArray(), false), ADMIN));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.errors()).extracting(f -> f.field()).containsExactlyInAnyOrder("login", "email", "name", "password");
        assertThat(error(() -> fx.user("a--b")).errors()).extracting(f -> f.field()).containsExactly("login");
        assertThat(error(() -> fx.user("x".repeat(40))).status()).isEqualTo(422);
        assertThat(error(() -> fx.user("settings")).errors().get(0).message()).contains("reserved");
        assertThat(error(() -> fx.accounts.createUser(new NewAccount("carol", null, null, null, false), ADMIN))
                .errors()).extracting(f -> f.code()).containsExactly("missing_field");
    }

    @Test
    void verifiesPasswordsButLeavesSuspensionToTheCaller() {
        fx.user("dave");
        assertThat(fx.accounts.verifyPassword("DAVE", PASSWORD.toCharArray())).isPresent();
        assertThat(fx.accounts.verifyPassword("dave", "wrong password".toCharArray())).isEmpty();
        assertThat(fx.accounts.verifyPassword("nobody", PASSWORD.toCharArray())).isEmpty();
        assertThat(fx.accounts.verifyPassword("Dave@Example.com", PASSWORD.toCharArray())).map(Account::login)
                .contains("dave");
        assertThat(fx.accounts.verifyPassword("nobody@example.com", PASSWORD.toCharArray())).isEmpty();
        fx.accounts.setSuspended("dave", true, ADMIN);
        assertThat(fx.accounts.verifyPassword("dave", PASSWORD.toCharArray())).hasValueSatisfying(a ->
                assertThat(a.suspended()).isTrue());
        assertThat(fx.accounts.listUsers(PageRequest.of(1, 100), false).items()).extracting(Account::login)
                .doesNotContain("dave");
        assertThat(fx.accounts.listUsers(PageRequest.of(1, 100), true).items()).extracting(Account::login)
                .contains("dave");
    }

    @Test
    void theLastActiveSiteAdministratorStays() {
        AuthFixture own = new AuthFixture();
        own.admin("root1");
        assertThat(error(() -> own.accounts.setSiteAdmin("root1", false, ADMIN)).status()).isEqualTo(422);
        assertThat(error(() -> own.accounts.setSuspended("root1", true, ADMIN)).status()).isEqualTo(422);
        own.admin("root2");
        own.accounts.setSuspended("root1", true, ADMIN);
        assertThat(error(() -> own.accounts.setSiteAdmin("root2", false, ADMIN)).status()).isEqualTo(422);
    }

    @Test
    void updatesProfilesPartiallyAndKeepsThePublicEmailOneOfTheUsers() {
        fx.user("erin");
        Account updated = fx.accounts.update("erin", new AccountUpdate("Erin E.", null, "hello", null, "Lyon", "", null), ADMIN);
        assertThat(updated.name()).isEqualTo("Erin E.");
        assertThat(updated.location()).isEqualTo("Lyon");
        assertThat(updated.blog()).isNull();
        assertThat(fx.accounts.update("erin", new AccountUpdate(null, null, null, null, null, null, null), ADMIN).name())
                .isEqualTo("Erin E.");
        assertThat(error(() -> fx.accounts.update("erin", new AccountUpdate(null, "other@example.com", null, null, null,
                null, null), ADMIN)).status()).isEqualTo(422);
        assertThat(fx.accounts.update("erin", new AccountUpdate(null, "erin@example.com", null, null, null, null, null),
                ADMIN).email()).isEqualTo("erin@example.com");
        assertThat(error(() -> fx.accounts.update("erin", new AccountUpdate(null, null, "b".repeat(1001), null, null,
                null, null), ADMIN)).errors()).extracting(f -> f.field()).containsExactly("bio");
        assertThat(error(() -> fx.accounts.update("erin", new AccountUpdate(null, null, null, null, null, null, "read"),
                ADMIN)).status()).isEqualTo(422);
    }

    @Test
    void emailsAreAddedAndRemovedButThePrimaryStays() {
        fx.user("frank");
        List<Email> emails = fx.accounts.addEmails("frank", List.of("frank@work.example", "FRANK@example.com"), ADMIN);
        assertThat(emails).extracting(Email::email).containsExactly("frank@example.com", "frank@work.example");
        assertThat(error(() -> fx.accounts.removeEmails("frank", List.of("frank@example.com"), ADMIN)).status())
                .isEqualTo(422);
        assertThat(error(() -> fx.accounts.addEmails("frank", List.of("nope"), ADMIN)).status()).isEqualTo(422);
        fx.user("grace");
        assertThat(error(() -> fx.accounts.addEmails("frank", List.of("Grace@example.com"), ADMIN)).errors().get(0).code())
                .isEqualTo("already_exists");
        assertThat(fx.accounts.removeEmails("frank", List.of("frank@work.example"), ADMIN)).extracting(Email::email)
                .containsExactly("frank@example.com");
    }

    @Test
    void aUserIsFoundByAnyOfTheirEmailsAndOnlyByAVerifiedOneWhenAsked() throws SQLException {
        fx.user("mallory");
        fx.accounts.addEmails("mallory", List.of("mallory@work.example"), ADMIN);
        assertThat(fx.accounts.findByEmail("MALLORY@work.example", false)).map(Account::login).contains("mallory");
        assertThat(fx.accounts.findByEmail("mallory@work.example", true)).isEmpty();
        try (var c = fx.database.dataSource().getConnection();
                var s = c.prepareStatement("UPDATE auth.emails SET verified = true WHERE email = 'mallory@work.example'")) {
            s.executeUpdate();
        }
        assertThat(fx.accounts.findByEmail("mallory@work.example", true)).map(Account::login).contains("mallory");
        assertThat(fx.accounts.findByEmail("nobody@work.example", false)).isEmpty();
        assertThat(fx.accounts.findByEmail("", false)).isEmpty();
        assertThat(fx.accounts.findByEmail("x".repeat(300), false)).isEmpty();
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsEverySession() throws SQLException {
        fx.user("heidi");
        PostgresSessions sessions = new PostgresSessions(fx.database, fx.audit, java.time.Duration.ofHours(1),
                java.time.Duration.ofDays(1));
        String secret = sessions.start("heidi", "10.0.0.1", "test").secret();
        var self = new io.codara.api.audit.Actor("heidi", "10.0.0.1");
        assertThat(error(() -> fx.accounts.changePassword("heidi", "wrong".toCharArray(), "new password 1".toCharArray(),
                self)).errors().get(0).field()).isEqualTo("current_password");
        assertThat(error(() -> fx.accounts.changePassword("heidi", PASSWORD.toCharArray(), "short".toCharArray(),
                self)).errors().get(0).field()).isEqualTo("password");
        fx.accounts.changePassword("heidi", PASSWORD.toCharArray(), "new password 1".toCharArray(), self);
        assertThat(fx.accounts.verifyPassword("heidi", "new password 1".toCharArray())).isPresent();
        assertThat(fx.accounts.verifyPassword("heidi", PASSWORD.toCharArray())).isEmpty();
        assertThat(sessions.resolve(secret, "10.0.0.1")).isEmpty();
        fx.user("ivan");
        assertThat(error(() -> fx.accounts.changePassword("heidi", null, "another pass".toCharArray(),
                new io.codara.api.audit.Actor("ivan", null))).status()).isEqualTo(403);
    }

    @Test
    void avatarsAreIdenticonsUntilUploadedAndUploadsAreReencoded() throws Exception {
        fx.user("judy");
        var generated = fx.accounts.avatar("judy");
        assertThat(generated.png()).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        var image = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpeg", out);
        Account updated = fx.accounts.setAvatar("judy", out.toByteArray(), ADMIN);
        assertThat(updated.avatarUpdatedAt()).isNotNull();
        var uploaded = fx.accounts.avatar("judy");
        assertThat(uploaded.etag()).isNotEqualTo(generated.etag());
        assertThat(uploaded.png()).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThatThrownBy(() -> fx.accounts.setAvatar("judy", "<svg/>".getBytes(), ADMIN))
                .isInstanceOf(ApiException.class);
        assertThat(fx.accounts.setAvatar("judy", null, ADMIN).avatarUpdatedAt()).isNull();
    }
}
