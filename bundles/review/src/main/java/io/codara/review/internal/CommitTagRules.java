package io.codara.review.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules that suggest Codara's commit tags, from a commit's message and the shape of its diff. A keyword counts
 * as a whole word (case-insensitive), so "performance" suggests performance but "superficial" does not; each tag
 * gives the first rule that matched as its reason. A diff that only renames or moves files (unchanged content)
 * suggests refactor.
 */
final class CommitTagRules {

    static final List<String> NAMES = List.of("security", "performance", "refactor", "hotfix");

    private static final Map<String, Pattern> KEYWORDS = new LinkedHashMap<>();

    static {
        KEYWORDS.put("security", words("CVE-\\d{4}-\\d+", "security", "vulnerability", "XSS", "CSRF",
                "SQL injection", "injection"));
        KEYWORDS.put("performance", words("perf", "performance", "faster", "speed up", "speedup", "optimi[sz]e\\w*"));
        KEYWORDS.put("refactor", words("refactor\\w*", "rename[sd]?", "cleanup", "clean up"));
        KEYWORDS.put("hotfix", words("hotfix", "hot-fix", "revert\\w*"));
    }

    private CommitTagRules() {
    }

    /** A suggested tag and why. */
    record Suggestion(String name, String reason) {
    }

    /** How a commit changed one file: git's change type and, for renames and copies, the similarity (100 = same). */
    record Change(String type, int score) {
    }

    /** The tags that {@code message} and {@code changes} suggest, in the order of {@link #NAMES}. */
    static List<Suggestion> suggest(String message, List<Change> changes) {
        List<Suggestion> found = new ArrayList<>();
        String text = message == null ? "" : message;
        for (String name : NAMES) {
            Matcher m = KEYWORDS.get(name).matcher(text);
            if (m.find()) {
                found.add(new Suggestion(name, "message mentions \"" + m.group() + "\""));
            } else if (name.equals("refactor") && onlyMoves(changes)) {
                found.add(new Suggestion(name, "the diff only renames or moves files"));
            }
        }
        return found;
    }

    private static boolean onlyMoves(List<Change> changes) {
        return !changes.isEmpty() && changes.stream().allMatch(c -> c.type().equals("RENAME") && c.score() == 100);
    }

    private static Pattern words(String... alternatives) {
        return Pattern.compile("(?<![\\w-])(?:" + String.join("|", alternatives) + ")(?!\\w)",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    static boolean known(String name) {
        return name != null && NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
