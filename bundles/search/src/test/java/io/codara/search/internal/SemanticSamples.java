package io.codara.search.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A shop's code base where each natural-language question has one right file, and distractors that share a word
 * with it: a book's {@code author} (not auth), a CSV tokenizer (a token, a parser, but no dates), a report that
 * formats dates without parsing them, and tests and documentation about the right files.
 */
final class SemanticSamples {

    static final String AUTHENTICATOR = """
            package com.acme.auth;

            import java.security.MessageDigest;
            import java.util.Map;
            import java.util.UUID;

            /** Checks a user's credentials and opens a session for them. */
            public final class SessionAuthenticator {

                private final Map<String, byte[]> passwordHashes;
                private final Map<String, String> sessions;

                public SessionAuthenticator(Map<String, byte[]> passwordHashes, Map<String, String> sessions) {
                    this.passwordHashes = passwordHashes;
                    this.sessions = sessions;
                }

                /** Returns a session token when the password matches, else null. */
                public String authenticate(String username, char[] password) throws Exception {
                    byte[] expected = passwordHashes.get(username);
                    byte[] actual = MessageDigest.getInstance("SHA-256").digest(new String(password).getBytes());
                    if (expected == null || !MessageDigest.isEqual(expected, actual)) {
                        return null;
                    }
                    String token = UUID.randomUUID().toString();
                    sessions.put(token, username);
                    return token;
                }

                public void logout(String token) {
                    sessions.remove(token);
                }
            }
            """;

    static final String AUTHENTICATOR_TEST = """
            package com.acme.auth;

            import static org.junit.jupiter.api.Assertions.assertNull;

            class SessionAuthenticatorTest {
                @org.junit.jupiter.api.Test
                void wrongPasswordOpensNoSession() throws Exception {
                    SessionAuthenticator auth = new SessionAuthenticator(java.util.Map.of(), new java.util.HashMap<>());
                    assertNull(auth.authenticate("ada", "wrong".toCharArray()));
                }
            }
            """;

    static final String BOOKS = """
            package com.acme.books;

            import java.time.LocalDate;
            import java.util.List;

            /** The books we sell, by author. */
            public final class BookCatalog {

                public record Book(String title, String author, LocalDate publishedDate) {
                }

                private final List<Book> books;

                public BookCatalog(List<Book> books) {
                    this.books = books;
                }

                public List<Book> byAuthor(String author) {
                    return books.stream().filter(b -> b.author().equals(author)).toList();
                }
            }
            """;

    static final String CSV_TOKENIZER = """
            package com.acme.csv;

            import java.util.ArrayList;
            import java.util.List;

            /** Splits a CSV line into cells; quotes may hold commas. */
            public final class CsvTokenizer {

                public List<String> tokens(String line) {
                    List<String> cells = new ArrayList<>();
                    StringBuilder cell = new StringBuilder();
                    boolean quoted = false;
                    for (char c : line.toCharArray()) {
                        if (c == '"') {
                            quoted = !quoted;
                        } else if (c == ',' && !quoted) {
                            cells.add(cell.toString());
                            cell.setLength(0);
                        } else {
                            cell.append(c);
                        }
                    }
                    cells.add(cell.toString());
                    return cells;
                }
            }
            """;

    static final String REPORT = """
            package com.acme.report;

            import java.time.LocalDate;
            import java.time.format.DateTimeFormatter;

            /** Writes the monthly sales report. */
            public final class ReportFormatter {

                private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd MMM yyyy");

                public String heading(LocalDate day, long total) {
                    return "Sales of " + DAY.format(day) + ": " + total;
                }
            }
            """;

    static final String ORDERS = """
            package com.acme.db;

            import java.sql.Connection;
            import java.sql.PreparedStatement;
            import java.sql.SQLException;

            /** Orders in the database. */
            public final class OrderRepository {

                private final Connection connection;

                public OrderRepository(Connection connection) {
                    this.connection = connection;
                }

                public int countSince(java.sql.Timestamp since) throws SQLException {
                    try (PreparedStatement query = connection.prepareStatement(
                            "SELECT count(*) FROM orders WHERE created_at > ?")) {
                        query.setTimestamp(1, since);
                        var rows = query.executeQuery();
                        rows.next();
                        return rows.getInt(1);
                    }
                }
            }
            """;

    static final String DOCS = """
            # Security

            Authentication: SessionAuthenticator checks the password and hands out a session token.
            Dates in CSV exports are parsed by DateParser.
            """;

    static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("src/main/java/com/acme/auth/SessionAuthenticator.java", AUTHENTICATOR);
        files.put("src/test/java/com/acme/auth/SessionAuthenticatorTest.java", AUTHENTICATOR_TEST);
        files.put("src/main/java/com/acme/books/BookCatalog.java", BOOKS);
        files.put("src/main/java/com/acme/csv/CsvTokenizer.java", CSV_TOKENIZER);
        files.put("src/main/java/com/acme/report/ReportFormatter.java", REPORT);
        files.put("src/main/java/com/acme/db/OrderRepository.java", ORDERS);
        files.put("src/main/java/com/acme/time/DateParser.java", Samples.JAVA_PARSER);
        files.put("src/test/java/com/acme/time/DateParserTest.java", Samples.JAVA_TEST);
        files.put("docs/security.md", DOCS);
        return files;
    }

    private SemanticSamples() {
    }
}
