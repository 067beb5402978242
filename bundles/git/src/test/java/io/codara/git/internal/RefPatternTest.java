package io.codara.git.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.codara.api.git.BranchProtection;
import io.codara.api.git.ProtectionRule;

/** Branch name patterns as GitHub reads them, and which one rule applies when several match. */
class RefPatternTest {

    private static boolean matches(String pattern, String name) {
        return RefPattern.compile(pattern).matches(name);
    }

    @Test
    void exactNamesMatchOnlyThemselves() {
        assertThat(RefPattern.compile("main").exact()).isTrue();
        assertThat(matches("main", "main")).isTrue();
        assertThat(matches("main", "Main")).isFalse();
        assertThat(matches("main", "main2")).isFalse();
        assertThat(matches("release/1.0", "release/1.0")).isTrue();
        assertThat(matches("a.b", "axb")).as("a dot is no wildcard").isFalse();
        assertThat(matches("a+b", "a+b")).isTrue();
    }

    @Test
    void starAndQuestionMarkStayWithinOnePart() {
        assertThat(matches("release/*", "release/1.0")).isTrue();
        assertThat(matches("release/*", "release/")).isTrue();
        assertThat(matches("release/*", "release/1.0/hotfix")).isFalse();
        assertThat(matches("release/*", "releases/1.0")).isFalse();
        assertThat(matches("*", "main")).isTrue();
        assertThat(matches("*", "feature/x")).isFalse();
        assertThat(matches("v?", "v1")).isTrue();
        assertThat(matches("v?", "v10")).isFalse();
        assertThat(matches("a?b", "a/b")).isFalse();
        assertThat(matches("*-stable", "4.2-stable")).isTrue();
    }

    @Test
    void doubleStarCrossesParts() {
        assertThat(matches("**", "main")).isTrue();
        assertThat(matches("**", "feature/deep/x")).isTrue();
        assertThat(matches("release/**", "release/1.0/hotfix")).isTrue();
        assertThat(matches("release/**", "other/1.0")).isFalse();
        assertThat(matches("**/*", "main")).as("**/ may match no part at all").isTrue();
        assertThat(matches("**/*", "a/b/c")).isTrue();
        assertThat(matches("**/fix", "a/b/fix")).isTrue();
        assertThat(matches("**/fix", "fix")).isTrue();
        assertThat(matches("**/fix", "prefix")).isFalse();
    }

    @Test
    void characterClassesAndEscapes() {
        assertThat(matches("v[0-9]", "v7")).isTrue();
        assertThat(matches("v[0-9]", "vx")).isFalse();
        assertThat(matches("v[!0-9]", "vx")).isTrue();
        assertThat(matches("v[!0-9]", "v7")).isFalse();
        assertThat(matches("v[^0-9]", "v7")).isFalse();
        assertThat(matches("a[/]b", "a/b")).as("a class never matches the separator").isFalse();
        assertThat(matches("[ab]*", "b-feature")).isTrue();
        assertThat(matches("a\\*", "a*")).isTrue();
        assertThat(matches("a\\*", "ab")).isFalse();
        assertThat(matches("a[", "a[")).as("an unclosed class is literal").isTrue();
        assertThat(matches("x(y)|z", "x(y)|z")).as("regex characters are literal").isTrue();
        assertThat(matches("x(y)|z*", "z")).isFalse();
    }

    @Test
    void theExactRuleWinsOtherwiseTheOldestMatchingPattern() {
        BranchProtection all = rule(1, "**", Instant.parse("2024-01-01T00:00:00Z"));
        BranchProtection releases = rule(2, "release/*", Instant.parse("2024-02-01T00:00:00Z"));
        BranchProtection exact = rule(3, "release/2.0", Instant.parse("2024-03-01T00:00:00Z"));
        List<BranchProtection> rules = List.of(all, releases, exact);
        assertThat(PostgresBranchProtections.effective(rules, "release/2.0")).contains(exact);
        assertThat(PostgresBranchProtections.effective(rules, "release/1.0")).contains(all);
        assertThat(PostgresBranchProtections.effective(List.of(releases, exact), "release/1.0")).contains(releases);
        assertThat(PostgresBranchProtections.effective(List.of(releases, exact), "main")).isEmpty();
        assertThat(PostgresBranchProtections.effective(List.of(exact), "release/2.01")).isEmpty();
    }

    private static BranchProtection rule(long id, String pattern, Instant created) {
        return new BranchProtection(id, 7, pattern, ProtectionRule.DEFAULT, created, created);
    }
}
