package io.codara.search.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.codara.search.internal.symbols.SourceFile;
import io.codara.search.internal.symbols.SymbolDefinition;
import io.codara.search.internal.symbols.SymbolExtractor;

/** Real-looking code in several languages, with known lines, for the indexing and search tests. */
final class Samples {

    static final String JAVA_PARSER = """
            package com.acme.time;

            import java.time.LocalDate;

            /** Parses dates the way our CSV exports write them. */
            public final class DateParser {

                private static final int MAX_YEAR = 9999;

                public LocalDate parseDate(String text) {
                    String[] parts = text.split("-");
                    int year = Integer.parseInt(parts[0]);
                    if (year > MAX_YEAR) {
                        throw new IllegalArgumentException("year out of range: " + text);
                    }
                    return LocalDate.of(year, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                }
            }
            """;

    static final String JAVA_TEST = """
            package com.acme.time;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            class DateParserTest {

                @org.junit.jupiter.api.Test
                void parsesIsoDates() {
                    assertEquals(java.time.LocalDate.of(2024, 2, 29), new DateParser().parseDate("2024-02-29"));
                }
            }
            """;

    static final String GO_SERVER = """
            package main

            import (
            \t"fmt"
            \t"net/http"
            \t"time"
            )

            // ParseDate reads a YYYY-MM-DD date from a query parameter.
            func ParseDate(s string) (time.Time, error) {
            \treturn time.Parse("2006-01-02", s)
            }

            func main() {
            \thttp.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {
            \t\tfmt.Fprintln(w, "ok")
            \t})
            \thttp.ListenAndServe(":8080", nil)
            }
            """;

    static final String PYTHON_REPORT = """
            import datetime


            def parse_date(value):
                \"\"\"Reads dates such as 2024-02-29.\"\"\"
                return datetime.datetime.strptime(value, "%Y-%m-%d").date()


            class ReportWriter:
                def write_row(self, row):
                    print(",".join(str(cell) for cell in row))
            """;

    static final String TS_CLIENT = """
            export class HttpClient {
              constructor(private readonly baseUrl: string) {}

              async fetchJson<T>(path: string): Promise<T> {
                const response = await fetch(this.baseUrl + path);
                if (!response.ok) {
                  throw new Error(`GET ${path} failed: ${response.status}`);
                }
                return (await response.json()) as T;
              }

              getUserName(id: number): Promise<string> {
                return this.fetchJson<string>(`/users/${id}/name`);
              }
            }
            """;

    static final String RUST_LIB = """
            pub struct Date { pub year: i32, pub month: u32, pub day: u32 }

            pub fn parse_date(input: &str) -> Option<Date> {
                let mut it = input.split('-');
                let year = it.next()?.parse().ok()?;
                let month = it.next()?.parse().ok()?;
                let day = it.next()?.parse().ok()?;
                Some(Date { year, month, day })
            }
            """;

    static final String VENDORED_JS = """
            // left-pad and friends, vendored
            function parseDate(s) { return new Date(s); }
            module.exports = { parseDate };
            """;

    static final String README = """
            # Time tools

            Use `DateParser.parseDate` (Java), `ParseDate` (Go) or `parse_date` (Python, Rust).
            """;

    /** The sample repository's files. */
    static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("src/main/java/com/acme/time/DateParser.java", JAVA_PARSER);
        files.put("src/test/java/com/acme/time/DateParserTest.java", JAVA_TEST);
        files.put("cmd/server/main.go", GO_SERVER);
        files.put("tools/report.py", PYTHON_REPORT);
        files.put("web/src/http_client.ts", TS_CLIENT);
        files.put("src/lib.rs", RUST_LIB);
        files.put("node_modules/dates/index.js", VENDORED_JS);
        files.put("README.md", README);
        return files;
    }

    private Samples() {
    }

    /**
     * A test double for the symbol extractors other parts of the bundle provide: Java classes and methods by a
     * simple pattern, recording which files it was asked about (to prove that only changed files are read).
     */
    static final class JavaDeclarations implements SymbolExtractor {
        private static final Pattern DECLARATION = Pattern.compile(
                "^[ \\t]*(?:public |private |protected |static |final )*(?:(class|interface|enum|record) (\\w+)|[\\w<>\\[\\]]+ (\\w+)\\()",
                Pattern.MULTILINE);
        final List<String> asked = new ArrayList<>();

        @Override
        public List<List<SymbolDefinition>> extract(List<SourceFile> files) {
            List<List<SymbolDefinition>> out = new ArrayList<>();
            for (SourceFile f : files) {
                asked.add(f.path());
                List<SymbolDefinition> found = new ArrayList<>();
                if ("Java".equals(f.language())) {
                    Matcher m = DECLARATION.matcher(f.content());
                    while (m.find()) {
                        int line = 1 + (int) f.content().substring(0, m.start()).chars().filter(c -> c == '\n').count();
                        boolean type = m.group(1) != null;
                        found.add(new SymbolDefinition(type ? m.group(2) : m.group(3), type ? m.group(1) : "method",
                                null, line, null));
                    }
                }
                out.add(found);
            }
            return out;
        }
    }
}
