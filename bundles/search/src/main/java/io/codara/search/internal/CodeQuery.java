package io.codara.search.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.codara.api.rest.ApiException;

/**
 * A parsed code search query (the language is documented on {@link io.codara.api.search.CodeSearch}). Invalid
 * queries fail with a 422 {@link ApiException} whose message says what is wrong, for the person who typed it.
 */
final class CodeQuery {

    /** Longer queries are no search a person types; a cap also bounds the regular expressions compiled. */
    static final int MAX_LENGTH = 1000;

    private static final Set<String> FILTERS = Set.of("repo", "org", "user", "lang", "language", "path", "file",
            "branch", "symbol", "case");

    /** How a clause matches. */
    enum Kind {
        /** An identifier or a part of one, case-insensitive (case-sensitive under {@code case:yes}). */
        TERM,
        /** A literal text (a quoted phrase or a term with punctuation). */
        LITERAL,
        /** A regular expression. */
        REGEX
    }

    /**
     * One searched-for thing.
     *
     * @param kind how it matches
     * @param text the term, literal or regular expression as written
     * @param pattern what verifies it on a file's content and finds its lines
     * @param negated whether files containing it are excluded
     */
    record Clause(Kind kind, String text, Pattern pattern, boolean negated) {
    }

    /**
     * A qualifier such as {@code lang:go}, lower-case name, value as written.
     *
     * @param negated whether it excludes ({@code -path:test})
     */
    record Filter(String name, String value, boolean negated) {
    }

    final List<Clause> clauses;
    final List<Filter> filters;
    final boolean caseSensitive;

    private CodeQuery(List<Clause> clauses, List<Filter> filters, boolean caseSensitive) {
        this.clauses = List.copyOf(clauses);
        this.filters = List.copyOf(filters);
        this.caseSensitive = caseSensitive;
    }

    /** The values of the positive (or negated) filters named {@code name} (and its synonyms). */
    List<String> values(String name, boolean negated) {
        List<String> out = new ArrayList<>();
        for (Filter f : filters) {
            if (f.negated() == negated && canonical(f.name()).equals(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    /**
     * Whether files must be read to know whether they match: literals and regular expressions are only prefiltered
     * by the index, and the index's identifier tokens are lower-case.
     */
    boolean needsVerification() {
        for (Clause c : clauses) {
            if (c.kind() != Kind.TERM || caseSensitive) {
                return true;
            }
        }
        return false;
    }

    private static String canonical(String name) {
        return switch (name) {
            case "user" -> "org";
            case "language" -> "lang";
            case "file" -> "path";
            default -> name;
        };
    }

    static CodeQuery parse(String query) {
        return parse(query, Set.of(), true);
    }

    /**
     * Parses a query of another kind of search, which knows filters of its own ({@code extraFilters}, e.g.
     * {@code kind}) and may consist of filters alone ({@code !needsClause}).
     */
    static CodeQuery parse(String query, Set<String> extraFilters, boolean needsClause) {
        if ((query == null || query.isBlank()) && !needsClause) {
            return new CodeQuery(List.of(), List.of(), false);
        }
        if (query == null || query.isBlank()) {
            throw invalid("The search query is empty: give a term, \"a phrase\", /a regex/ or symbol:name");
        }
        if (query.length() > MAX_LENGTH) {
            throw invalid("The search query is longer than " + MAX_LENGTH + " characters");
        }
        List<Clause> clauses = new ArrayList<>();
        List<Filter> filters = new ArrayList<>();
        Boolean caseSensitive = null;
        List<String[]> raw = new ArrayList<>(); // kind, text, negated
        int i = 0;
        int n = query.length();
        boolean negateNext = false;
        while (i < n) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = negateNext;
            negateNext = false;
            if (c == '-' && i + 1 < n && !Character.isWhitespace(query.charAt(i + 1))) {
                negated = true;
                i++;
                c = query.charAt(i);
            }
            if (c == '"') {
                int end = closing(query, i + 1, '"');
                if (end < 0) {
                    throw invalid("A quoted phrase is not closed: add the missing \"");
                }
                String phrase = unescape(query.substring(i + 1, end), '"');
                if (phrase.isEmpty()) {
                    throw invalid("An empty phrase \"\" matches nothing");
                }
                raw.add(new String[] {"literal", phrase, Boolean.toString(negated)});
                i = end + 1;
                continue;
            }
            if (c == '/') {
                int end = regexEnd(query, i + 1);
                if (end < 0) {
                    throw invalid("A regular expression is not closed: end it with / (write \\/ for a slash inside)");
                }
                String regex = query.substring(i + 1, end).replace("\\/", "/");
                if (regex.isEmpty()) {
                    throw invalid("An empty regular expression // matches everything");
                }
                raw.add(new String[] {"regex", regex, Boolean.toString(negated)});
                i = end + 1;
                continue;
            }
            int end = i;
            while (end < n && !Character.isWhitespace(query.charAt(end))) {
                end++;
            }
            String word = query.substring(i, end);
            int colon = word.indexOf(':');
            String name = colon > 0 ? word.substring(0, colon).toLowerCase(Locale.ROOT) : null;
            if (name != null && (FILTERS.contains(name) || extraFilters.contains(name))) {
                String value = word.substring(colon + 1);
                if (value.startsWith("\"")) {
                    int close = closing(query, i + colon + 2, '"');
                    if (close < 0) {
                        throw invalid("The quoted value of " + name + ": is not closed");
                    }
                    value = unescape(query.substring(i + colon + 2, close), '"');
                    end = close + 1;
                }
                if (value.isEmpty()) {
                    throw invalid(name + ": needs a value, e.g. " + example(name));
                }
                if (name.equals("case")) {
                    caseSensitive = switch (value.toLowerCase(Locale.ROOT)) {
                        case "yes", "true", "sensitive" -> true;
                        case "no", "false", "insensitive" -> false;
                        default -> throw invalid("case: is yes or no, not " + value);
                    };
                } else {
                    filters.add(new Filter(canonical(name), value, negated));
                }
                i = end;
                continue;
            }
            i = end;
            if (!negated && word.equals("NOT")) {
                negateNext = true;
                continue;
            }
            if (word.equals("AND")) {
                continue;
            }
            if (word.equals("OR")) {
                throw invalid("OR is not supported: every term must match (search twice, or use /a|b/)");
            }
            raw.add(new String[] {Identifiers.isIdentifier(word) ? "term" : "literal", word, Boolean.toString(negated)});
        }
        if (negateNext) {
            throw invalid("NOT at the end of the query excludes nothing");
        }
        boolean sensitive = caseSensitive != null && caseSensitive;
        for (String[] r : raw) {
            boolean negated = Boolean.parseBoolean(r[2]);
            Kind kind = switch (r[0]) {
                case "term" -> Kind.TERM;
                case "literal" -> Kind.LITERAL;
                default -> Kind.REGEX;
            };
            clauses.add(new Clause(kind, r[1], pattern(kind, r[1], sensitive), negated));
        }
        boolean positive = clauses.stream().anyMatch(c -> !c.negated())
                || filters.stream().anyMatch(f -> f.name().equals("symbol") && !f.negated());
        if (!positive && needsClause) {
            throw invalid("A search needs at least one term, \"phrase\", /regex/ or symbol: that is not excluded");
        }
        return new CodeQuery(clauses, filters, sensitive);
    }

    private static Pattern pattern(Kind kind, String text, boolean caseSensitive) {
        int flags = Pattern.MULTILINE | (caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        if (kind != Kind.REGEX) {
            return Pattern.compile(Pattern.quote(text), flags);
        }
        try {
            return Pattern.compile(text, flags);
        } catch (PatternSyntaxException e) {
            throw invalid("Invalid regular expression /" + text + "/: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    /** The index of the unescaped {@code quote} from {@code from}, or -1. */
    private static int closing(String s, int from, char quote) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    /** The end of a regular expression: a {@code /} not escaped and followed by a space or the end. */
    private static int regexEnd(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '/' && (i + 1 == s.length() || Character.isWhitespace(s.charAt(i + 1)))) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s, char quote) {
        return s.replace("\\" + quote, String.valueOf(quote)).replace("\\\\", "\\");
    }

    private static String example(String name) {
        return switch (name) {
            case "repo" -> "repo:octo/widgets";
            case "org", "user" -> name + ":octo";
            case "lang", "language" -> name + ":java";
            case "path", "file" -> name + ":src/*.js";
            case "branch" -> "branch:main";
            case "symbol" -> "symbol:parseDate";
            case "kind" -> "kind:method";
            default -> "case:yes";
        };
    }

    private static ApiException invalid(String message) {
        return new ApiException(422, message);
    }
}
