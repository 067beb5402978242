package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.search.Expert;
import io.codara.api.security.Principal;

/** Experts of paths and symbols from real histories with known authors, ages and line counts. */
class HistoryExpertSearchTest {

    static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

    @TempDir
    static Path temp;
    static SearchFixture fixture;
    static HistoryExpertSearch experts;

    @BeforeAll
    static void history() throws Exception {
        fixture = new SearchFixture(temp);
        fixture.indexer.addSymbolExtractor(new Samples.JavaDeclarations(), Map.of());
        Repository auth = fixture.create("acme", "auth", Visibility.PUBLIC);
        // alice: 200 lines, 360 days ago (four half-lives): 12.5
        commit(auth, "Alice", "Alice@Example.com", 360, Map.of("src/auth/Login.java", lines("login", 200)));
        // carol: 500 lines of documentation, recently: not about src/auth
        commit(auth, "Carol", "carol@example.com", 3, Map.of("docs/auth.md", lines("doc", 500)));
        // bob: 40 lines, 10 days ago: 40 * 0.5^(10/90) = 37.0
        commit(auth, "Bob", "bob@example.com", 10, Map.of("src/auth/Login.java", lines("login", 180) + lines("bob", 20)));
        // dave: 30 lines in src/auth and 30 elsewhere, 5 days ago: 30 * 0.5^(5/90) = 28.9
        commit(auth, "Dave", "dave@example.com", 5, Map.of("src/auth/Token.java", lines("token", 30),
                "src/other/Other.java", lines("other", 30)));
        // erin defines SessionStore
        commit(auth, "Erin", "erin@example.com", 2, Map.of("src/session/SessionStore.java",
                "package session;\n\npublic class SessionStore {\n}\n"));
        Repository vault = fixture.create("carol", "vault", Visibility.PRIVATE);
        commit(vault, "Zed", "zed@example.com", 1, Map.of("src/auth/Secret.java", lines("secret", 1000)));
        fixture.indexer.sync(auth.id());
        fixture.indexer.sync(vault.id());
        Accounts accounts = mock(Accounts.class);
        when(accounts.findByEmail(anyString(), anyBoolean())).thenReturn(Optional.empty());
        when(accounts.findByEmail("bob@example.com", true)).thenReturn(Optional.of(new Account(7, "bob",
                AccountType.USER, "Bob B.", null, null, null, null, null, false, null, null, null, NOW, NOW)));
        ExpertSearchConfig config = mock(ExpertSearchConfig.class);
        when(config.half_life_days()).thenReturn(90);
        when(config.max_commits()).thenReturn(1000);
        when(config.window_days()).thenReturn(730);
        when(config.max_lines_per_file()).thenReturn(500);
        experts = new HistoryExpertSearch(fixture.index, fixture.scope, fixture.directories, accounts, config,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    static String lines(String word, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(word).append(' ').append(i).append('\n');
        }
        return out.toString();
    }

    static void commit(Repository r, String name, String email, int daysAgo, Map<String, String> files)
            throws Exception {
        Git git = fixture.gits.get(r.id());
        Path work = git.getRepository().getWorkTree().toPath();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = work.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
            git.add().addFilepattern(f.getKey()).call();
        }
        PersonIdent who = new PersonIdent(name, email, NOW.minus(Duration.ofDays(daysAgo)), ZoneOffset.UTC);
        git.commit().setMessage("work of " + name).setAuthor(who).setCommitter(who).call();
    }

    @Test
    void ranksByChangedLinesDecayedByAge() {
        List<Expert> found = experts.experts("path:src/auth", Principal.ANONYMOUS, 10);
        assertThat(found).extracting(Expert::email).containsExactly("bob@example.com", "dave@example.com",
                "alice@example.com");
        assertThat(found.get(0).score()).isCloseTo(40 * Math.pow(0.5, 10 / 90.0), within(1e-6));
        assertThat(found.get(1).score()).isCloseTo(30 * Math.pow(0.5, 5 / 90.0), within(1e-6));
        assertThat(found.get(2).score()).isCloseTo(12.5, within(1e-6));
        assertThat(found.get(2).linesChanged()).isEqualTo(200);
        assertThat(found.get(2).name()).isEqualTo("Alice");
        assertThat(found.get(0).commits()).isEqualTo(1);
        assertThat(found.get(0).lastChange()).isEqualTo(NOW.minus(Duration.ofDays(10)));
    }

    @Test
    void mapsVerifiedEmailsToLogins() {
        List<Expert> found = experts.experts("path:src/auth repo:acme/auth", Principal.ANONYMOUS, 10);
        assertThat(found).extracting(Expert::login).containsExactly("bob", null, null);
    }

    @Test
    void globsAndExclusionsSelectFiles() {
        assertThat(experts.experts("path:*.md", Principal.ANONYMOUS, 10)).extracting(Expert::email)
                .containsExactly("carol@example.com");
        assertThat(experts.experts("path:src -path:src/auth -path:session", Principal.ANONYMOUS, 10))
                .extracting(Expert::email).containsExactly("dave@example.com");
    }

    @Test
    void symbolsSelectTheFilesDefiningThem() {
        assertThat(experts.experts("symbol:SessionStore", Principal.ANONYMOUS, 10)).extracting(Expert::email)
                .containsExactly("erin@example.com");
        assertThat(experts.experts("symbol:NoSuchType", Principal.ANONYMOUS, 10)).isEmpty();
    }

    @Test
    void privateHistoriesAreTheOwnersOnly() {
        assertThat(experts.experts("path:src/auth", SearchFixture.user("mallory"), 10)).extracting(Expert::email)
                .doesNotContain("zed@example.com");
        assertThat(experts.experts("path:src/auth repo:carol/vault", Principal.ANONYMOUS, 10)).isEmpty();
        assertThat(experts.experts("path:src/auth", SearchFixture.user("carol"), 10)).first()
                .extracting(Expert::email).isEqualTo("zed@example.com");
    }

    @Test
    void repeatedQuestionsReuseTheWalk() {
        experts.experts("path:Login.java", Principal.ANONYMOUS, 1);
        int cached = experts.cachedWalks();
        assertThat(experts.experts("path:Login.java", Principal.ANONYMOUS, 1)).extracting(Expert::email)
                .containsExactly("bob@example.com");
        assertThat(experts.cachedWalks()).isEqualTo(cached);
    }

    @Test
    void needsAPathOrSymbol() {
        assertThatThrownBy(() -> experts.experts("repo:acme/auth", Principal.ANONYMOUS, 10))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> experts.experts("login path:src", Principal.ANONYMOUS, 10))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void pathFiltersReadLikeCodeSearch() {
        assertThat(HistoryExpertSearch.pathMatches("src/auth", "lib/SRC/AUTH/x.go")).isTrue();
        assertThat(HistoryExpertSearch.pathMatches("/src/*.java", "src/a/B.java")).isTrue();
        assertThat(HistoryExpertSearch.pathMatches("*.java", "deep/dir/B.java")).isTrue();
        assertThat(HistoryExpertSearch.pathMatches("*.java", "B.javax")).isFalse();
        assertThat(HistoryExpertSearch.pathMatches("auth", "src/Session.java")).isFalse();
    }
}
