package io.codara.search.internal.stacktrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commits and versions a pasted text names outside its frames: a 7-40 hex id after a word like commit, rev, sha
 * or build (with at least one digit and one letter, so neither a build number nor an English word), any full 40-hex
 * id, {@code app@1.2.3} or {@code app@4f2a9c1}, and {@code version 1.2.3} unless the version is a runtime's
 * ("Python Version: 3.11.6", "Django version 4.2").
 *
 * @param commits commit ids, full ones first
 * @param versions version strings in the order they appear
 */
record Revisions(List<String> commits, List<String> versions) {

    private static final Pattern KEYED_COMMIT = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])(?:commit(?:[_.\\- ]?(?:id|sha|hash))?|rev(?:ision)?|sha1?"
                    + "|git[_.\\-]?(?:sha|commit|rev|hash)|build|version|release)"
                    + "[\"']?\\s{0,3}[:=#@]?\\s{0,3}[\"']?([0-9a-f]{7,40})(?![0-9A-Za-z])");

    private static final Pattern FULL_COMMIT = Pattern.compile("(?<![0-9A-Za-z])[0-9a-f]{40}(?![0-9A-Za-z])");

    private static final String VERSION = "\\d{1,6}\\.\\d{1,6}(?:\\.\\d{1,6})?(?:-[0-9A-Za-z.]{1,40})?";

    private static final Pattern AT_REFERENCE = Pattern.compile(
            "(?<![\\w.@/-])(?:@[\\w.-]++/)?[A-Za-z][\\w.-]*+@v?(" + VERSION + "|[0-9a-f]{7,40})(?![\\w.])");

    private static final Pattern KEYED_VERSION = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])(?:version|release|ver)[\"']?\\s{0,3}[:=]?\\s{0,3}[\"']?v?(" + VERSION
                    + ")(?![\\w])");

    /** Words before "version" that make it a runtime's or a tool's version, not the application's. */
    private static final Set<String> RUNTIMES = Set.of("python", "django", "flask", "java", "jvm", "jdk", "jre",
            "node", "nodejs", "js", "go", "golang", "net", "dotnet", "clr", "runtime", "kotlin", "scala", "gradle",
            "maven", "npm", "pip", "spring", "boot", "os", "kernel", "browser", "chrome", "firefox", "safari",
            "tomcat", "jetty", "postgres", "postgresql", "mysql", "sqlite", "redis", "protocol", "http", "tls",
            "ssl", "schema", "driver", "sdk", "php", "ruby", "rails", "server", "api", "agent", "client");

    /** The revisions in the lines of {@code lines} that were not read as frames. */
    static Revisions in(TraceLines lines) {
        List<String> full = new ArrayList<>();
        List<String> shortCommits = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            if (lines.isFrame(index)) {
                continue;
            }
            String line = lines.get(index);
            // cheap scans first: most log lines name no revision, and a regex costs a try per position
            boolean hexRun = hasHexRun(line);
            boolean dottedNumber = hasDottedNumber(line);
            if (hexRun) {
                Matcher keyed = KEYED_COMMIT.matcher(line);
                while (keyed.find()) {
                    addCommit(keyed.group(1), full, shortCommits);
                }
                Matcher bare = FULL_COMMIT.matcher(line);
                while (bare.find()) {
                    addCommit(bare.group(), full, shortCommits);
                }
            }
            if (!(hexRun || dottedNumber) || line.indexOf('@') < 0) {
                if (dottedNumber) {
                    addKeyedVersions(line, versions);
                }
                continue;
            }
            Matcher at = AT_REFERENCE.matcher(line);
            while (at.find()) {
                String reference = at.group(1);
                if (Character.isDigit(reference.charAt(0)) && reference.indexOf('.') > 0) {
                    addOnce(versions, reference);
                } else {
                    addCommit(reference, full, shortCommits);
                }
            }
            if (dottedNumber) {
                addKeyedVersions(line, versions);
            }
        }
        List<String> commits = new ArrayList<>(full);
        for (String commit : shortCommits) {
            if (full.stream().noneMatch(id -> id.startsWith(commit))) {
                commits.add(commit);
            }
        }
        return new Revisions(List.copyOf(commits), List.copyOf(versions));
    }

    private static void addKeyedVersions(String line, List<String> versions) {
        Matcher version = KEYED_VERSION.matcher(line);
        while (version.find()) {
            if (!RUNTIMES.contains(wordBefore(line, version.start()))) {
                addOnce(versions, version.group(1));
            }
        }
    }

    /** Whether {@code line} has seven hex digits in a row, the shortest commit id. */
    private static boolean hasHexRun(String line) {
        int run = 0;
        for (int i = 0; i < line.length(); i++) {
            run = Character.digit(line.charAt(i), 16) >= 0 ? run + 1 : 0;
            if (run == 7) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code line} has a digit, a dot and a digit in a row, as every version this reads has. */
    private static boolean hasDottedNumber(String line) {
        for (int dot = line.indexOf('.', 1); dot > 0 && dot + 1 < line.length(); dot = line.indexOf('.', dot + 1)) {
            if (Character.isDigit(line.charAt(dot - 1)) && Character.isDigit(line.charAt(dot + 1))) {
                return true;
            }
        }
        return false;
    }

    private static void addCommit(String id, List<String> full, List<String> shortCommits) {
        String commit = id.toLowerCase(Locale.ROOT);
        if (commit.length() == 40) {
            addOnce(full, commit);
        } else if (commit.chars().anyMatch(Character::isDigit) && commit.chars().anyMatch(Character::isLetter)) {
            addOnce(shortCommits, commit);
        }
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    /** The word before {@code end}, lower case, skipping blanks and the separators of {@code app_version}. */
    private static String wordBefore(String line, int end) {
        int index = end;
        while (index > 0 && " \t_-.".indexOf(line.charAt(index - 1)) >= 0) {
            index--;
        }
        int start = index;
        while (start > 0 && Character.isLetterOrDigit(line.charAt(start - 1))) {
            start--;
        }
        return line.substring(start, index).toLowerCase(Locale.ROOT);
    }
}
