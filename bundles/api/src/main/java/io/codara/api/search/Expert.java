package io.codara.api.search;

import java.time.Instant;

/**
 * A person who changed the code a query is about, ranked by expertise.
 *
 * @param login the Codara user whose verified email the commits carry, or {@code null} when none does
 * @param name the author name of their latest commit
 * @param email the author email (lower-cased) the commits carry
 * @param score changed lines weighted by recency (a line changed one half-life ago counts half)
 * @param commits how many of their commits touched the code
 * @param linesChanged lines added and removed in that code by those commits
 * @param lastChange when they last changed it (author time)
 */
public record Expert(String login, String name, String email, double score, int commits, long linesChanged,
        Instant lastChange) {
}
