package io.codara.search.internal;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.LinkedHashMap;
import java.util.Map;

import io.codara.search.internal.symbols.SymbolExtraction;
import io.codara.search.internal.symbols.SymbolExtractionConfig;

/** A small Java code base with two {@code parseDate} definitions in two packages, for navigation tests. */
final class NavigationSamples {

    static final String REPORT_SERVICE = """
            package com.acme.time;

            import java.time.LocalDate;
            import java.util.List;

            /** Turns CSV rows into report lines; parseDate failures become empty dates. */
            public final class ReportService {

                private final DateParser parser = new DateParser();

                public List<LocalDate> parseDates(List<String> rows) {
                    return rows.stream().map(this::parseDateOrNull).toList();
                }

                LocalDate parseDateOrNull(String row) {
                    try {
                        return parser.parseDate(row);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
            }
            """;

    static final String INVOICE = """
            package com.acme.billing;

            final class Invoice {

                static java.time.LocalDate parseDate(String text) {
                    return java.time.LocalDate.parse(text);
                }

                java.time.LocalDate due(String text) {
                    return parseDate(text).plusDays(30);
                }
            }
            """;

    static final String INVOICE_READER = """
            package com.acme.billing;

            final class InvoiceReader {
                Object read(String line) {
                    return Invoice.parseDate(line);
                }
            }
            """;

    static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("src/main/java/com/acme/time/DateParser.java", Samples.JAVA_PARSER);
        files.put("src/main/java/com/acme/time/ReportService.java", REPORT_SERVICE);
        files.put("src/main/java/com/acme/billing/Invoice.java", INVOICE);
        files.put("src/main/java/com/acme/billing/InvoiceReader.java", INVOICE_READER);
        files.put("src/test/java/com/acme/time/DateParserTest.java", Samples.JAVA_TEST);
        files.put("cmd/server/main.go", Samples.GO_SERVER);
        files.put("tools/report.py", Samples.PYTHON_REPORT);
        files.put("web/src/http_client.ts", Samples.TS_CLIENT);
        return files;
    }

    /** The bundle's real extractor: JavaParser for Java, Universal Ctags for the rest. */
    static SymbolExtraction extraction() {
        SymbolExtractionConfig config = mock(SymbolExtractionConfig.class);
        when(config.ctags_path()).thenReturn("ctags");
        when(config.ctags_timeout_seconds()).thenReturn(30);
        when(config.max_file_bytes()).thenReturn(1024 * 1024);
        return new SymbolExtraction(config);
    }

    private NavigationSamples() {
    }
}
