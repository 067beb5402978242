package io.codara.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The diff arithmetic of review comments: lines a patch shows, positions, hunks, moving lines, suggestions. */
class ReviewDiffTest {

    private static final String PATCH = "@@ -1,3 +1,4 @@\n one\n-two\n+TWO\n+2b\n three\n@@ -10,2 +11,2 @@ tail\n ten\n-eleven\n+ELEVEN";

    @Test
    void findsTheLinesOfEachSideWithGitHubsPositionAndHunk() {
        ReviewDiff diff = ReviewDiff.of(PATCH);
        assertThat(diff.shows("RIGHT", 1)).isTrue();
        assertThat(diff.shows("RIGHT", 3)).isTrue();   // +2b
        assertThat(diff.shows("LEFT", 2)).isTrue();    // -two
        assertThat(diff.shows("RIGHT", 5)).isFalse();  // between the hunks
        assertThat(diff.shows("LEFT", 4)).isFalse();
        assertThat(diff.shows("RIGHT", 12)).isTrue();  // +ELEVEN
        assertThat(diff.shows("LEFT", 11)).isTrue();   // -eleven
        assertThat(diff.anchor("RIGHT", 3).orElseThrow().position()).isEqualTo(4);
        assertThat(diff.anchor("RIGHT", 3).orElseThrow().diffHunk())
                .isEqualTo("@@ -1,3 +1,4 @@\n one\n-two\n+TWO\n+2b");
        // The second hunk's header counts as a line, as GitHub counts positions.
        assertThat(diff.anchor("RIGHT", 12).orElseThrow().position()).isEqualTo(9);
        assertThat(diff.anchor("RIGHT", 12).orElseThrow().diffHunk())
                .isEqualTo("@@ -10,2 +11,2 @@ tail\n ten\n-eleven\n+ELEVEN");
        assertThat(ReviewDiff.of(null).shows("RIGHT", 1)).isFalse();
    }

    @Test
    void linesMoveWithInsertionsAboveAndAreLostWhenTheyChange() {
        String before = "a\nb\nc\nd\ne\n";
        assertThat(ReviewDiff.follow(before, "z\na\nb\nc\nd\ne\n", 2, 3)).hasValueSatisfying(r ->
                assertThat(r).containsExactly(3, 4));
        assertThat(ReviewDiff.follow(before, "a\nb\nc\nd\ne\nf\n", 2, 3)).hasValueSatisfying(r ->
                assertThat(r).containsExactly(2, 3));
        assertThat(ReviewDiff.follow(before, "b\nc\nd\ne\n", 4, 4)).hasValueSatisfying(r ->
                assertThat(r).containsExactly(3, 3));
        assertThat(ReviewDiff.follow(before, "a\nB\nc\nd\ne\n", 2, 3)).isEmpty();
        assertThat(ReviewDiff.follow(before, "a\nb\nx\nc\nd\ne\n", 2, 3)).isEmpty();  // inserted inside the range
        assertThat(ReviewDiff.follow(before, "a\nb\nc\nx\nd\ne\n", 2, 3)).hasValueSatisfying(r ->
                assertThat(r).containsExactly(2, 3));                                 // inserted right after it
    }

    @Test
    void suggestionsReplaceTheCommentedLines() {
        assertThat(ReviewDiff.suggestion("Better:\n```suggestion\nFOUR\nfive\n```\nthanks")).hasValue("FOUR\nfive\n");
        assertThat(ReviewDiff.suggestion("```suggestion\r\n```")).hasValue("");
        assertThat(ReviewDiff.suggestion("```java\nx\n```")).isEmpty();
        assertThat(ReviewDiff.replace("a\nb\nc\n", 2, 2, "B\nB2\n")).isEqualTo("a\nB\nB2\nc\n");
        assertThat(ReviewDiff.replace("a\nb\nc\n", 1, 3, "")).isEmpty();
        assertThat(ReviewDiff.replace("a\nb\nc", 3, 3, "C\n")).isEqualTo("a\nb\nC");
    }
}
