package io.codara.search.internal;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * The words of questions about code: which are filler ("where do we ... logic"), which programming concepts are
 * related (auth and login, session, token; date and time, timestamp, calendar), how to compare words by stem
 * ({@code dates}, {@code date}; {@code parses}, {@code parse}) and which inflected forms an identifier may use.
 * Not thread-safe (the stemmer keeps state): one per ranking.
 */
final class CodeVocabulary {

    /** Words of the question that are about asking, not about the code. */
    static final Set<String> FILLER = Set.of("a", "about", "all", "an", "and", "any", "are", "as", "at", "be", "by",
            "can", "code", "did", "do", "does", "done", "find", "for", "from", "get", "handle", "handled", "handles",
            "happen", "happens", "have", "here", "how", "i", "implement", "implemented", "implementation", "in",
            "is", "it", "its", "live", "lives", "located", "logic", "me", "my", "of", "on", "or", "our", "part",
            "place", "show", "some", "stuff", "that", "the", "there", "these", "thing", "things", "this", "those",
            "to", "us", "we", "what", "when", "where", "which", "who", "why", "with", "you", "your");

    /** Programming concepts: words that name the same idea in code. */
    private static final List<List<String>> CONCEPTS = List.of(
            List.of("auth", "authn", "authenticate", "authentication", "authenticator", "login", "logon", "signin",
                    "logout", "credential", "credentials", "password", "passwd", "token", "session", "jwt", "oauth",
                    "principal", "sso", "saml"),
            List.of("date", "time", "timestamp", "datetime", "calendar", "instant", "timezone", "epoch", "duration",
                    "format", "parse", "strptime", "strftime", "day", "month", "year"),
            List.of("db", "database", "sql", "query", "repository", "jdbc", "dao", "table", "schema", "migration",
                    "transaction", "orm", "jpa", "postgres", "postgresql", "mysql", "sqlite", "entity"),
            List.of("parse", "parser", "decode", "read", "reader", "scan", "tokenize", "lexer", "deserialize",
                    "unmarshal"),
            List.of("http", "request", "response", "client", "server", "endpoint", "route", "router", "controller",
                    "handler", "rest", "api", "url"),
            List.of("config", "configuration", "settings", "setting", "properties", "option", "options", "env",
                    "environment", "preferences", "cfg", "conf"),
            List.of("log", "logger", "logging", "trace", "debug"),
            List.of("cache", "cached", "memo", "memoize", "lru", "ttl", "evict"),
            List.of("error", "exception", "fail", "failure", "throw", "panic", "err", "raise"),
            List.of("user", "account", "member", "profile", "person"),
            List.of("email", "mail", "smtp", "message", "notification", "notify"),
            List.of("file", "path", "directory", "dir", "folder", "stream"),
            List.of("json", "serialize", "deserialize", "marshal", "unmarshal", "encode", "decode"),
            List.of("encrypt", "decrypt", "cipher", "hash", "crypto", "signature", "hmac", "aes", "rsa", "digest"),
            List.of("permission", "authorize", "authorization", "authz", "role", "access", "acl", "grant", "policy",
                    "rbac"),
            List.of("payment", "pay", "invoice", "billing", "charge", "price", "checkout"),
            List.of("search", "lookup", "query", "index", "find"),
            List.of("validate", "validation", "validator", "check", "verify", "sanitize"),
            List.of("thread", "concurrent", "concurrency", "async", "lock", "mutex", "executor", "worker", "pool"),
            List.of("network", "socket", "tcp", "udp", "connection", "connect"),
            List.of("upload", "download", "attachment", "blob", "storage"),
            List.of("render", "template", "view", "html", "page"),
            List.of("sort", "order", "compare", "comparator", "rank"),
            List.of("test", "spec", "assert", "mock", "fixture"),
            List.of("retry", "backoff", "retries", "attempt"),
            List.of("schedule", "scheduler", "cron", "timer", "job"));

    private final EnglishStemmer stemmer = new EnglishStemmer();
    private final Map<String, Set<String>> keys = new HashMap<>();

    /**
     * The keys a word is compared by: its stem, and the stem without an agent ending ({@code parser} also as
     * {@code parse}, {@code validator} as {@code validate}), so that a word matches its doer.
     */
    Set<String> keys(String word) {
        return keys.computeIfAbsent(word.toLowerCase(Locale.ROOT), w -> {
            Set<String> out = new LinkedHashSet<>();
            out.add(stem(w));
            // "or" only after "at" (validator, comparator): an author is no auth.
            for (String ending : List.of("ers", "ators", "er", "ator")) {
                if (w.length() > ending.length() + 2 && w.endsWith(ending)) {
                    String base = w.substring(0, w.length() - (ending.startsWith("at") ? ending.length() - 2
                            : ending.length()));
                    out.add(stem(base));
                    out.add(stem(base + "e"));
                }
            }
            return Set.copyOf(out);
        });
    }

    private String stem(String word) {
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    /** The other words of every concept {@code word} belongs to (by stem). */
    Set<String> related(String word) {
        Set<String> mine = keys(word);
        Set<String> out = new LinkedHashSet<>();
        for (List<String> concept : CONCEPTS) {
            if (concept.stream().anyMatch(w -> !Collections.disjoint(keys(w), mine))) {
                for (String w : concept) {
                    if (Collections.disjoint(keys(w), mine)) {
                        out.add(w);
                    }
                }
            }
        }
        return out;
    }

    /** Forms an identifier part may take of {@code word}: the word, its base, and their usual inflections. */
    static Set<String> forms(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        Set<String> bases = new LinkedHashSet<>();
        bases.add(w);
        if (w.endsWith("ies") && w.length() > 4) {
            bases.add(w.substring(0, w.length() - 3) + "y");
        }
        for (String ending : List.of("es", "s", "ing", "ed", "er", "ers", "ion", "ions")) {
            if (w.length() > ending.length() + 2 && w.endsWith(ending)) {
                String base = w.substring(0, w.length() - ending.length());
                bases.add(base);
                bases.add(base + "e");
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (String b : bases) {
            out.add(b);
            out.add(b + "s");
            out.add(b + "es");
            String stem = b.endsWith("e") ? b.substring(0, b.length() - 1) : b;
            for (String ending : List.of("ing", "ed", "er", "ers", "ion", "ions", "or", "ors")) {
                out.add(stem + ending);
            }
        }
        return out;
    }
}
