package io.codara.itests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An authorisation matrix: one row per endpoint, one column per {@link Persona}, each cell the status (or the
 * statuses) that persona must get.
 * <p>
 * Rows run in order, and within a row the personas run in {@link Persona} order, so a row may rely on what the rows
 * before it left behind. A row that destroys something targets a throwaway made for each persona by
 * {@link Row#with}. Every mismatch of a run is reported at once; a row that leaves a persona without an expectation
 * (or an explicit {@link Row#skip}) is refused before anything is sent.
 */
final class AccessMatrix {

    /** Who asks: the columns. */
    enum Persona {
        ANONYMOUS, OUTSIDER, MEMBER, MAINTAINER, OWNER, SITE_ADMIN, SUSPENDED, EXPIRED_TOKEN, OWNER_TOKEN_NO_SCOPE,
        OWNER_TOKEN_ADMIN_ORG;

        /** The name as it can appear in logins and team names, e.g. {@code site-admin}. */
        String slug() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The personas that are signed in with working credentials. */
    static final Set<Persona> SIGNED_IN = EnumSet.of(Persona.OUTSIDER, Persona.MEMBER, Persona.MAINTAINER,
            Persona.OWNER, Persona.SITE_ADMIN, Persona.OWNER_TOKEN_NO_SCOPE, Persona.OWNER_TOKEN_ADMIN_ORG);

    /** Sends one request as one persona. */
    interface Transport {
        Reply send(Persona persona, Request request);
    }

    /** One request, placeholders resolved. */
    record Request(String method, String path, String contentType, byte[] body) {
    }

    /** What came back. */
    record Reply(int status, String body) {
    }

    /** A cell that did not hold. */
    record Mismatch(String row, Persona persona, String expected, String actual, String body) {
        @Override
        public String toString() {
            return String.format("%-62s %-22s expected %-9s got %-5s %s", row, persona, expected, actual, abbreviate(body));
        }
    }

    /** The outcome of a run. */
    record Report(int rows, int cells, List<Mismatch> mismatches) {

        void assertNoMismatches() {
            if (!mismatches.isEmpty()) {
                throw new AssertionError(mismatches.size() + " of " + cells + " cells (" + rows + " rows) mismatch:\n"
                        + mismatches.stream().map(Mismatch::toString).collect(Collectors.joining("\n")));
            }
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private AccessMatrix() {
    }

    /** A row without a body. */
    static Row row(String method, String path) {
        return new Row(method, path, null, null, null);
    }

    /**
     * A row with a JSON body, in which {@code '} stands for {@code "} so that rows stay one readable line:
     * {@code row("PATCH", "/api/v3/orgs/acme", "{'description':'x'}")}.
     */
    static Row row(String method, String path, String json) {
        return new Row(method, path, "application/json", json.replace('\'', '"'), null);
    }

    /** A row with a binary body. */
    static Row row(String method, String path, String contentType, byte[] body) {
        return new Row(method, path, contentType, null, body);
    }

    /** Runs every row as every persona; refuses to start when a row is incomplete. */
    static Report run(List<Row> rows, Transport transport) {
        List<String> incomplete = new ArrayList<>();
        for (Row row : rows) {
            Set<Persona> open = EnumSet.allOf(Persona.class);
            open.removeAll(row.expected.keySet());
            open.removeAll(row.skipped);
            if (!open.isEmpty()) {
                incomplete.add(row.label() + " has no expectation for " + open);
            }
        }
        if (!incomplete.isEmpty()) {
            throw new IllegalStateException("Incomplete matrix rows (set a status or skip):\n" + String.join("\n", incomplete));
        }
        List<Mismatch> mismatches = new ArrayList<>();
        int cells = 0;
        for (Row row : rows) {
            for (Persona persona : Persona.values()) {
                if (row.skipped.contains(persona)) {
                    continue;
                }
                cells++;
                Reply reply;
                try {
                    Map<String, String> values = new HashMap<>();
                    values.put("persona", persona.slug());
                    for (Setup setup : row.setups) {
                        setup.apply(persona, values);
                    }
                    reply = transport.send(persona, row.request(values));
                } catch (RuntimeException | AssertionError e) {
                    mismatches.add(new Mismatch(row.label(), persona, row.expectedText(persona), "error", e.toString()));
                    continue;
                }
                if (!row.accepts(persona, reply.status())) {
                    mismatches.add(new Mismatch(row.label(), persona, row.expectedText(persona),
                            Integer.toString(reply.status()), reply.body()));
                } else {
                    for (BodyCheck check : row.checks) {
                        if (check.personas.contains(persona) && reply.status() / 100 == 2 && !check.holds(reply.body())) {
                            mismatches.add(new Mismatch(row.label(), persona, check.describe(), "not so",
                                    reply.body()));
                        }
                    }
                }
                try {
                    for (BiConsumer<Persona, Reply> after : row.afters) {
                        after.accept(persona, reply);
                    }
                } catch (RuntimeException | AssertionError e) {
                    mismatches.add(new Mismatch(row.label(), persona, "clean-up", "error", e.toString()));
                }
            }
        }
        return new Report(rows.size(), cells, mismatches);
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > 240 ? flat.substring(0, 240) + "..." : flat;
    }

    private static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Work done before a persona's request; may add placeholder values. */
    private interface Setup {
        void apply(Persona persona, Map<String, String> values);
    }

    /** A field that must, or must not, appear in a 2xx body. */
    private record BodyCheck(String field, String value, boolean present, Set<Persona> personas) {

        boolean holds(String body) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"" + Pattern.quote(value) + "\"")
                    .matcher(body == null ? "" : body);
            return m.find() == present;
        }

        String describe() {
            return (present ? "shows " : "hides ") + field + "=" + value;
        }
    }

    /**
     * One endpoint. Suspended users (right password) expect 403 and expired tokens 401 unless the row says
     * otherwise; every other persona needs a status or an explicit skip. A later setting replaces an earlier one,
     * so {@code .signedIn(403).owner(200)} reads "signed-in users 403, except the owner 200".
     */
    static final class Row {

        private final String method;
        private final String path;
        private final String contentType;
        private final String json;
        private final byte[] binary;
        private final Map<Persona, int[]> expected = new EnumMap<>(Persona.class);
        private final Set<Persona> skipped = EnumSet.noneOf(Persona.class);
        private final List<Setup> setups = new ArrayList<>();
        private final List<BiConsumer<Persona, Reply>> afters = new ArrayList<>();
        private final List<BodyCheck> checks = new ArrayList<>();

        private Row(String method, String path, String contentType, String json, byte[] binary) {
            this.method = method;
            this.path = path;
            this.contentType = contentType;
            this.json = json;
            this.binary = binary;
            expected.put(Persona.SUSPENDED, new int[] {403});
            expected.put(Persona.EXPIRED_TOKEN, new int[] {401});
        }

        Row anonymous(int... statuses) {
            return expect(statuses, Persona.ANONYMOUS);
        }

        Row outsider(int... statuses) {
            return expect(statuses, Persona.OUTSIDER);
        }

        Row member(int... statuses) {
            return expect(statuses, Persona.MEMBER);
        }

        Row maintainer(int... statuses) {
            return expect(statuses, Persona.MAINTAINER);
        }

        Row owner(int... statuses) {
            return expect(statuses, Persona.OWNER);
        }

        Row siteAdmin(int... statuses) {
            return expect(statuses, Persona.SITE_ADMIN);
        }

        Row suspended(int... statuses) {
            return expect(statuses, Persona.SUSPENDED);
        }

        Row expiredToken(int... statuses) {
            return expect(statuses, Persona.EXPIRED_TOKEN);
        }

        Row ownerNoScope(int... statuses) {
            return expect(statuses, Persona.OWNER_TOKEN_NO_SCOPE);
        }

        Row ownerAdminOrg(int... statuses) {
            return expect(statuses, Persona.OWNER_TOKEN_ADMIN_ORG);
        }

        /** Every persona with working credentials: the users by password and the owner's two tokens. */
        Row signedIn(int... statuses) {
            return expect(statuses, SIGNED_IN.toArray(Persona[]::new));
        }

        /** Anonymous and every persona with working credentials. */
        Row everyone(int... statuses) {
            return anonymous(statuses).signedIn(statuses);
        }

        /** Both of the owner's tokens. */
        Row tokens(int... statuses) {
            return ownerNoScope(statuses).ownerAdminOrg(statuses);
        }

        /** Sends nothing as these personas; say why in a comment on the row. */
        Row skip(Persona... personas) {
            return skip(Arrays.asList(personas));
        }

        /** Sends nothing as these personas; say why in a comment on the row. */
        Row skip(Collection<Persona> personas) {
            skipped.addAll(personas);
            personas.forEach(expected::remove);
            return this;
        }

        /** Value of the placeholder {@code {name}} in path and body, made afresh for each persona. */
        Row with(String name, Function<Persona, String> value) {
            setups.add((persona, values) -> values.put(name, value.apply(persona)));
            return this;
        }

        /** Work to do before each persona's request, e.g. putting a throwaway target in place. */
        Row before(java.util.function.Consumer<Persona> work) {
            setups.add((persona, values) -> work.accept(persona));
            return this;
        }

        /** Work to do after each persona's request, e.g. undoing what it changed. */
        Row after(BiConsumer<Persona, Reply> work) {
            afters.add(work);
            return this;
        }

        /** These personas must find {@code "field":"value"} in their 2xx body. */
        Row shows(String field, String value, Persona... personas) {
            checks.add(new BodyCheck(field, value, true, EnumSet.copyOf(Arrays.asList(personas))));
            return this;
        }

        /** These personas must not find {@code "field":"value"} in their 2xx body. */
        Row hides(String field, String value, Persona... personas) {
            checks.add(new BodyCheck(field, value, false, EnumSet.copyOf(Arrays.asList(personas))));
            return this;
        }

        String label() {
            return method + " " + path;
        }

        private Row expect(int[] statuses, Persona... personas) {
            if (statuses.length == 0) {
                throw new IllegalArgumentException(label() + ": no status given for " + Arrays.toString(personas));
            }
            for (Persona persona : personas) {
                expected.put(persona, statuses.clone());
                skipped.remove(persona);
            }
            return this;
        }

        private boolean accepts(Persona persona, int status) {
            return Arrays.stream(expected.get(persona)).anyMatch(s -> s == status);
        }

        private String expectedText(Persona persona) {
            return Arrays.stream(expected.get(persona)).mapToObj(Integer::toString).collect(Collectors.joining("|"));
        }

        private Request request(Map<String, String> values) {
            String resolvedPath = resolve(path, values, false);
            byte[] body = json != null ? resolve(json, values, true).getBytes(StandardCharsets.UTF_8) : binary;
            return new Request(method, resolvedPath, contentType, body);
        }

        private String resolve(String template, Map<String, String> values, boolean inJson) {
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder out = new StringBuilder();
            Set<String> missing = new LinkedHashSet<>();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    missing.add(m.group(0));
                    value = m.group(0);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(inJson ? jsonEscape(value) : value));
            }
            m.appendTail(out);
            if (!missing.isEmpty()) {
                throw new IllegalStateException("no value for " + missing + " in " + template);
            }
            return out.toString();
        }
    }
}
