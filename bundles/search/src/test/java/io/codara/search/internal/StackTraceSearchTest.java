package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.rest.ApiException;
import io.codara.api.search.ExcerptLine;
import io.codara.api.search.FrameLocation;
import io.codara.api.search.StackTraceSearchResult;
import io.codara.api.security.Principal;

/** Pasted Java, Python and JavaScript stack traces resolved to the files and lines of real sample repositories. */
class StackTraceSearchTest {

    static final String MAIN_JAVA = """
            package com.acme.time;

            public final class Main {

                public static void main(String[] args) {
                    DateParser parser = new DateParser();
                    for (String arg : args) {
                        System.out.println(arg);
                        System.out.println(parser.parseDate(arg));
                    }
                }
            }
            """;

    static final String CLI_PY = """
            import sys
            from tools.report import parse_date

            def main():
                print(parse_date(sys.argv[1]))
            """;

    static final String JAVA_TRACE = """
            2024-05-02 10:15:01.123 ERROR [main] c.a.t.Main - conversion failed
            Exception in thread "main" java.lang.IllegalArgumentException: year out of range: 10000-01-01
            \tat com.acme.time.DateParser.parseDate(DateParser.java:14)
            \tat com.acme.time.Main.main(Main.java:9)
            \tat java.base/java.lang.Thread.run(Thread.java:833)
            """;

    static final String PYTHON_TRACE = """
            Traceback (most recent call last):
              File "/srv/app/cli.py", line 5, in main
                print(parse_date(sys.argv[1]))
              File "/srv/app/tools/report.py", line 6, in parse_date
                return datetime.datetime.strptime(value, "%Y-%m-%d").date()
              File "/usr/lib/python3.11/_strptime.py", line 568, in _strptime_datetime
                tt, fraction, gmtoff_fraction = _strptime(data_string, format)
            ValueError: time data '2024-13-01' does not match format '%Y-%m-%d'
            """;

    static final String NODE_TRACE = """
            Error: GET /users/1/name failed: 500
                at HttpClient.fetchJson (/app/web/src/http_client.ts:7:13)
                at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
            """;

    @TempDir
    static Path temp;
    static SearchFixture fixture;
    static RevCommit first;
    static RevCommit head;
    static final Principal alice = SearchFixture.user("alice");
    static final Principal carol = SearchFixture.user("carol");

    @BeforeAll
    static void index() throws Exception {
        fixture = new SearchFixture(temp);
        fixture.indexer.addSymbolExtractor(new Samples.JavaDeclarations(), Map.of());
        Repository time = fixture.create("acme", "time", Visibility.PUBLIC);
        Map<String, String> files = new LinkedHashMap<>(Samples.files());
        files.put("src/main/java/com/acme/time/Main.java", MAIN_JAVA);
        files.put("tools/cli.py", CLI_PY);
        first = fixture.commit(time, files);
        fixture.gits.get(time.id()).tag().setName("v1.4.2").setObjectId(first).setAnnotated(true).setMessage("1.4.2")
                .call();
        // two lines more above: the throw moves from line 14 to line 16
        head = fixture.commit(time, Map.of("src/main/java/com/acme/time/DateParser.java",
                "// Copyright 2024 Acme\n// SPDX-License-Identifier: Apache-2.0\n" + Samples.JAVA_PARSER));
        Repository other = fixture.create("acme", "other", Visibility.PUBLIC);
        fixture.commit(other, Map.of("src/main/java/com/other/DateParser.java",
                "package com.other;\n\nclass DateParser {\n}\n"));
        Repository vault = fixture.create("carol", "vault", Visibility.PRIVATE);
        fixture.commit(vault, Map.of("src/main/java/com/acme/time/DateParser.java", Samples.JAVA_PARSER));
        for (Repository r : List.of(time, other, vault)) {
            fixture.indexer.sync(r.id());
        }
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    private static ExcerptLine marked(FrameLocation location) {
        return location.excerpt().stream().filter(ExcerptLine::marked).findFirst().orElseThrow();
    }

    @Test
    void resolvesAJavaTraceToTheFilesAndLinesOfTheIndexedBranch() {
        StackTraceSearchResult result = fixture.stackTraces.search(JAVA_TRACE, null, alice);
        assertThat(result.traces()).hasSize(1);
        assertThat(result.traces().get(0).exception()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(result.items()).extracting(FrameLocation::repository, FrameLocation::path, FrameLocation::line,
                FrameLocation::matchedBy, FrameLocation::repositoryFrames, FrameLocation::commit)
                .containsExactly(
                        tuple("acme/time", "src/main/java/com/acme/time/DateParser.java", 14, "path", 2, head.name()),
                        tuple("acme/time", "src/main/java/com/acme/time/Main.java", 9, "path", 2, head.name()));
        FrameLocation parser = result.items().get(0);
        assertThat(parser.revision()).isNull();
        // at head two comment lines were added above: line 14 is what was line 12
        assertThat(marked(parser).text()).contains("int year = Integer.parseInt(parts[0]);");
        assertThat(parser.excerpt()).extracting(ExcerptLine::line).containsExactly(11, 12, 13, 14, 15, 16, 17);
        assertThat(parser.function()).isEqualTo("parseDate");
        FrameLocation main = result.items().get(1);
        assertThat(marked(main).text()).contains("parser.parseDate(arg)");
        assertThat(main.function()).isEqualTo("main");
        assertThat(main.frameIndex()).isEqualTo(1);
    }

    @Test
    void readsTheCommitTheTraceNames() {
        String trace = "deployed commit " + first.name().substring(0, 10) + "\n" + JAVA_TRACE;
        FrameLocation parser = fixture.stackTraces.search(trace, null, alice).items().get(0);
        assertThat(parser.commit()).isEqualTo(first.name());
        assertThat(parser.revision()).isEqualTo(first.name().substring(0, 10));
        assertThat(marked(parser).text()).contains("throw new IllegalArgumentException(\"year out of range: \"");
        // the indexed symbols are the head's, not this commit's
        assertThat(parser.function()).isNull();
        // Main.java did not change: its symbols hold at that commit too
        FrameLocation main = fixture.stackTraces.search(trace, null, alice).items().get(1);
        assertThat(main.commit()).isEqualTo(first.name());
        assertThat(main.function()).isEqualTo("main");
    }

    @Test
    void readsTheTagOfTheVersionTheTraceNames() {
        String trace = "Starting acme-time version 1.4.2\n" + JAVA_TRACE;
        FrameLocation parser = fixture.stackTraces.search(trace, null, alice).items().get(0);
        assertThat(parser.revision()).isEqualTo("1.4.2");
        assertThat(parser.commit()).isEqualTo(first.name());
        assertThat(marked(parser).text()).contains("throw new IllegalArgumentException");
        // a version no tag names leaves the indexed branch in place
        FrameLocation unknown = fixture.stackTraces.search("Starting acme-time version 9.9.9\n" + JAVA_TRACE, null,
                alice).items().get(0);
        assertThat(unknown.revision()).isNull();
        assertThat(unknown.commit()).isEqualTo(head.name());
    }

    @Test
    void resolvesAPythonTraceInnermostFirstAndByPathBeforeFileName() {
        StackTraceSearchResult result = fixture.stackTraces.search(PYTHON_TRACE, null, alice);
        assertThat(result.items()).extracting(FrameLocation::path, FrameLocation::line, FrameLocation::matchedBy)
                .containsExactly(tuple("tools/report.py", 6, "path"), tuple("tools/cli.py", 5, "file_name"));
        assertThat(marked(result.items().get(0)).text()).contains("strptime(value, \"%Y-%m-%d\")");
        assertThat(marked(result.items().get(1)).text()).contains("print(parse_date(sys.argv[1]))");
    }

    @Test
    void resolvesANodeTrace() {
        StackTraceSearchResult result = fixture.stackTraces.search(NODE_TRACE, "acme/time", alice);
        assertThat(result.items()).extracting(FrameLocation::path, FrameLocation::line)
                .containsExactly(tuple("web/src/http_client.ts", 7));
        assertThat(marked(result.items().get(0)).text()).contains("throw new Error(`GET ${path} failed");
    }

    @Test
    void aPrivateRepositoryNeverAppearsForAnotherUser() {
        assertThat(fixture.stackTraces.search(JAVA_TRACE, null, alice).items())
                .extracting(FrameLocation::repository).containsOnly("acme/time");
        // carol reads her copy of DateParser.java too, after the repository that holds both frames
        assertThat(fixture.stackTraces.search(JAVA_TRACE, null, carol).items())
                .extracting(FrameLocation::repository, FrameLocation::repositoryFrames)
                .containsExactly(tuple("acme/time", 2), tuple("acme/time", 2), tuple("carol/vault", 1));
        assertThatThrownBy(() -> fixture.stackTraces.search(JAVA_TRACE, "carol/vault", alice))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(fixture.stackTraces.search(JAVA_TRACE, "carol/vault", carol).items())
                .extracting(FrameLocation::repository).containsOnly("carol/vault");
    }

    @Test
    void refusesTextWithoutATrace() {
        assertThatThrownBy(() -> fixture.stackTraces.search("  ", null, alice))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> fixture.stackTraces.search("the build is red again, any idea?", null, alice))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e).hasMessageContaining("No stack trace");
                });
    }
}
