package io.codara.auth.internal;

import static io.codara.auth.internal.AuthFixture.ADMIN;
import static io.codara.auth.internal.AuthFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import io.codara.api.audit.AuditQuery;
import io.codara.api.auth.CreatedToken;
import io.codara.api.rest.PageRequest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresAccessTokensTest {

    private static AuthFixture fx;

    @BeforeAll
    static void database() {
        fx = new AuthFixture();
        fx.user("tina");
        fx.user("uma");
    }

    @Test
    void aTokenIsShownOnceStoredHashedAndAuthenticatesItsOwner() throws SQLException {
        CreatedToken created = fx.tokens.create("tina", "ci", Set.of("repo:read", "ci"), null, ADMIN);
        assertThat(created.token()).startsWith("cdr_").hasSize(40);
        assertThat(created.toString()).doesNotContain(created.token());
        assertThat(created.info().lastEight()).isEqualTo(created.token().substring(32));
        assertThat(fx.database.queryLong("SELECT count(*) FROM auth.access_tokens WHERE encode(token_hash, 'escape')"
                + " LIKE '%" + created.token() + "%'")).isZero();
        var found = fx.tokens.authenticate(created.token(), "10.1.1.1");
        assertThat(found).hasValueSatisfying(t -> {
            assertThat(t.owner()).isEqualTo("tina");
            assertThat(t.scopes()).containsExactlyInAnyOrder("repo:read", "ci");
        });
        assertThat(fx.tokens.list("tina")).singleElement().satisfies(t -> {
            assertThat(t.lastUsedAt()).isNotNull();
            assertThat(t.lastUsedAddress()).isEqualTo("10.1.1.1");
        });
    }

    @Test
    void revokedExpiredForgedAndSuspendedOwnersTokensFail() throws Exception {
        CreatedToken revoked = fx.tokens.create("uma", "old", Set.of(), null, ADMIN);
        assertThat(fx.tokens.revoke("uma", revoked.info().id(), ADMIN)).isTrue();
        assertThat(fx.tokens.revoke("uma", revoked.info().id(), ADMIN)).isFalse();
        assertThat(fx.tokens.revoke("tina", revoked.info().id(), ADMIN)).isFalse();
        assertThat(fx.tokens.authenticate(revoked.token(), null)).isEmpty();

        CreatedToken soon = fx.tokens.create("uma", "soon", Set.of(), Instant.now().plusMillis(300), ADMIN);
        assertThat(fx.tokens.authenticate(soon.token(), null)).isPresent();
        Thread.sleep(400);
        assertThat(fx.tokens.authenticate(soon.token(), null)).isEmpty();

        String forged = new TokenFormat().next();
        assertThat(fx.tokens.authenticate(forged, null)).isEmpty();

        fx.user("vic");
        CreatedToken vics = fx.tokens.create("vic", "x", Set.of(), null, ADMIN);
        fx.accounts.setSuspended("vic", true, ADMIN);
        assertThat(fx.tokens.authenticate(vics.token(), null)).isEmpty();
    }

    @Test
    void badRequestsAreRefusedWithTheFieldNamed() {
        assertThat(error(() -> fx.tokens.create("tina", "x", Set.of("repo", "everything"), null, ADMIN)).errors())
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("scopes");
                    assertThat(e.message()).contains("everything");
                });
        assertThat(error(() -> fx.tokens.create("tina", " ", Set.of(), null, ADMIN)).errors().get(0).field())
                .isEqualTo("name");
        assertThat(error(() -> fx.tokens.create("tina", "x", Set.of(), Instant.now().minus(1, ChronoUnit.DAYS), ADMIN))
                .errors().get(0).field()).isEqualTo("expires_at");
        assertThat(error(() -> fx.tokens.create("nobody", "x", Set.of(), null, ADMIN)).status()).isEqualTo(404);
    }

    @Test
    void useFromANewAddressIsAudited() {
        CreatedToken token = fx.tokens.create("tina", "laptop", Set.of(), null, ADMIN);
        fx.tokens.authenticate(token.token(), "192.0.2.1");
        fx.tokens.authenticate(token.token(), "192.0.2.1");
        fx.tokens.authenticate(token.token(), "198.51.100.7");
        var entries = fx.audit.query(new AuditQuery(null, "token.new_address", null, null, null), PageRequest.of(1, 50))
                .items().stream().filter(e -> Long.valueOf(token.info().id()).equals(
                        ((Number) e.details().get("token_id")).longValue())).toList();
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.address()).isEqualTo("198.51.100.7"));
    }
}
