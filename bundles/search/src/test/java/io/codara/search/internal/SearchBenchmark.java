package io.codara.search.internal;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.codara.api.git.Repository;
import io.codara.api.rest.PageRequest;
import io.codara.api.search.CodeSearchResult;
import io.codara.api.security.Principal;
import io.codara.search.internal.symbols.SourceFile;
import io.codara.search.internal.symbols.SymbolDefinition;
import io.codara.search.internal.symbols.SymbolExtraction;
import io.codara.search.internal.symbols.SymbolExtractionConfig;
import io.codara.search.internal.symbols.SymbolExtractor;

/**
 * The code search benchmark that {@code bench/search.sh} runs (issue 5's proof), not a unit test: its name matches
 * none of surefire's test patterns, and it runs only when {@code -Dtest=SearchBenchmark} asks for it and
 * {@code codara.bench.corpus} names the corpus (a directory of git repositories with their working trees).
 * <p>
 * It indexes the corpus with the real {@link CodeIndexer} and {@link CodeIndex} (once without symbols when asked,
 * then with {@link SymbolExtraction}, JavaParser and Universal Ctags), then times {@link IndexedCodeSearch#search}
 * (first page of 20, line matches included, as the REST API asks) for each query of the query file, interleaved
 * with {@code git grep} over the same repositories' working trees, and writes a Markdown report.
 * <p>
 * System properties: {@code codara.bench.corpus}, {@code codara.bench.queries} (the TSV file of queries),
 * {@code codara.bench.out} (the report), {@code codara.bench.runs} (timed searches per query, default 100),
 * {@code codara.bench.seconds} (time budget of one query's timed searches, default 15), {@code codara.bench.gitRuns}
 * (git grep runs per query, default 5), {@code codara.bench.withoutSymbols} (also index without symbols first,
 * default false: symbol extraction's share is timed in the one pass anyway), {@code codara.bench.work} (where the indexes go).
 */
class SearchBenchmark {

    private static final double MB = 1024 * 1024;
    private static final int MAX_FILE_BYTES = 1 << 20;

    private final Path corpus = Path.of(System.getProperty("codara.bench.corpus", "."));
    private final int runs = Integer.getInteger("codara.bench.runs", 100);
    private final double seconds = Double.parseDouble(System.getProperty("codara.bench.seconds", "15"));
    private final int gitRuns = Integer.getInteger("codara.bench.gitRuns", 5);
    private final StringBuilder report = new StringBuilder();

    /** One query of the query file. */
    private record BenchQuery(String kind, String frequency, String text) {

        String codara() {
            return switch (kind) {
                case "literal" -> quote(text) + " case:yes";
                case "literal-i" -> quote(text);
                case "identifier" -> text;
                case "regex" -> "/" + text.replace("/", "\\/") + "/ case:yes";
                case "symbol" -> "symbol:" + text;
                default -> throw new IllegalArgumentException("unknown query kind " + kind);
            };
        }

        /** git grep's arguments after {@code git grep -n -I}, or null when git grep has no equivalent. */
        List<String> gitGrep() {
            return switch (kind) {
                case "literal" -> List.of("-F", "-e", text);
                case "literal-i", "identifier" -> List.of("-F", "-i", "-e", text);
                case "regex" -> List.of("-P", "-e", text);
                default -> null;
            };
        }

        private static String quote(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    /**
     * What one pass of indexing cost and produced: wall and CPU seconds (this JVM and the ctags it ran), of which
     * symbol extraction took {@code symbolSeconds} of wall time.
     */
    private record Indexing(double seconds, double cpuSeconds, double symbolSeconds, double settleSeconds, long files,
            long bytes, long indexBytes) {
    }

    /** Times the extractor it wraps. */
    private static final class TimedExtractor implements SymbolExtractor {
        private final SymbolExtractor extractor;
        private long nanos;

        TimedExtractor(SymbolExtractor extractor) {
            this.extractor = extractor;
        }

        @Override
        public List<List<SymbolDefinition>> extract(List<SourceFile> files) {
            long start = System.nanoTime();
            try {
                return extractor.extract(files);
            } finally {
                nanos += System.nanoTime() - start;
            }
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "codara.bench.corpus", matches = ".+")
    void indexTheCorpusAndTimeQueriesBesideGitGrep() throws Exception {
        Path work = Files.createTempDirectory(Path.of(System.getProperty("codara.bench.work",
                System.getProperty("java.io.tmpdir"))), "codara-search-bench");
        List<Path> repositories;
        try (Stream<Path> list = Files.list(corpus)) {
            repositories = list.filter(p -> Files.isDirectory(p.resolve(".git"))).sorted().toList();
        }
        if (repositories.isEmpty()) {
            throw new IllegalStateException("No git repositories in " + corpus);
        }
        List<BenchQuery> queries = readQueries(Path.of(System.getProperty("codara.bench.queries")));

        line("## Indexing");
        line("");
        line("| pass | files | source MB | wall time | MB/s | CPU time | MB per CPU s | index MB | index / source |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        if (Boolean.parseBoolean(System.getProperty("codara.bench.withoutSymbols", "false"))) {
            Path root = work.resolve("without-symbols");
            try (SearchFixture fixture = new SearchFixture(root, MAX_FILE_BYTES)) {
                indexingRow("without symbols", index(fixture, repositories, null));
            }
            delete(root);
        }
        try (SearchFixture fixture = new SearchFixture(work.resolve("with-symbols"), MAX_FILE_BYTES)) {
            SymbolExtraction symbols = symbolExtraction();
            TimedExtractor timed = new TimedExtractor(symbols);
            fixture.indexer.addSymbolExtractor(timed, Map.of());
            Indexing indexing = index(fixture, repositories, timed);
            indexingRow("with symbols (JavaParser" + (symbols.ctagsAvailable() ? " + ctags)" : " only: no ctags)"), indexing);
            line("");
            line(String.format(Locale.ROOT, "Symbol extraction took %.1f s of the %.1f s (so about %.2f MB/s without it)."
                    + " The index size counts the stored content too. Time ends when the last repository's index is "
                    + "committed; Lucene's background merges settled %.1f s later, and the size is measured after them. "
                    + "One repository at a time, one indexing thread. Distinct symbol names in the index: %d.",
                    indexing.symbolSeconds(), indexing.seconds(),
                    indexing.bytes() / MB / (indexing.seconds() - indexing.symbolSeconds()), indexing.settleSeconds(),
                    distinctSymbols(fixture)));
            line("");
            queries(fixture, repositories, queries);
        } finally {
            delete(work);
        }
        String out = System.getProperty("codara.bench.out");
        if (out != null) {
            Files.writeString(Path.of(out), report, StandardCharsets.UTF_8);
        }
    }

    private Indexing index(SearchFixture fixture, List<Path> repositories, TimedExtractor symbols) throws Exception {
        List<Repository> adopted = new ArrayList<>();
        for (Path p : repositories) {
            adopted.add(fixture.adopt("bench", p.getFileName().toString(), p));
        }
        double cpuStart = cpuSeconds();
        long start = System.nanoTime();
        for (Repository r : adopted) {
            fixture.indexer.sync(r.id());
        }
        double took = (System.nanoTime() - start) / 1e9;
        double cpu = cpuSeconds() - cpuStart;
        long settleStart = System.nanoTime();
        awaitMerges();
        // The next commit (a push, in production) is what makes finished merges durable and frees the merged
        // segments; this one records the same branches again.
        Repository last = adopted.get(adopted.size() - 1);
        fixture.index.commit(last.id(), fixture.index.branches(last.id()));
        double settle = (System.nanoTime() - settleStart) / 1e9;
        long[] totals = fixture.index.totals();
        return new Indexing(took, cpu, symbols == null ? 0 : symbols.nanos / 1e9, settle, totals[0], totals[1],
                fixture.index.diskBytes());
    }

    /** CPU seconds of this process and its waited-for children (ctags), from /proc/self/stat; NaN elsewhere. */
    private static double cpuSeconds() throws IOException {
        Path stat = Path.of("/proc/self/stat");
        if (!Files.isReadable(stat)) {
            return Double.NaN;
        }
        String text = Files.readString(stat);
        // Fields after the command name (which may hold spaces) in parentheses: utime is the 14th of the line.
        String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /** Waits until Lucene's merge threads (ConcurrentMergeScheduler's, named so) are done. */
    private static void awaitMerges() throws InterruptedException {
        for (int i = 0; i < 6000; i++) {
            boolean merging = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.isAlive() && t.getName().startsWith("Lucene Merge Thread"));
            if (!merging) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private void indexingRow(String pass, Indexing i) {
        line(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f s | %.2f | %.1f s | %.2f | %.1f | %.0f %% |", pass,
                i.files(), i.bytes() / MB, i.seconds(), i.bytes() / MB / i.seconds(), i.cpuSeconds(),
                i.bytes() / MB / i.cpuSeconds(), i.indexBytes() / MB, 100.0 * i.indexBytes() / i.bytes()));
        System.out.println(report.substring(report.lastIndexOf("\n", report.length() - 2) + 1).strip());
    }

    private static SymbolExtraction symbolExtraction() {
        SymbolExtractionConfig config = mock(SymbolExtractionConfig.class);
        // The configuration's defaults: ctags from PATH, 30 s per batch, files up to 1 MiB.
        when(config.ctags_path()).thenReturn("ctags");
        when(config.ctags_timeout_seconds()).thenReturn(30);
        when(config.max_file_bytes()).thenReturn(1 << 20);
        return new SymbolExtraction(config);
    }

    private static long distinctSymbols(SearchFixture fixture) throws IOException {
        IndexSearcher searcher = fixture.index.acquire();
        try {
            Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), CodeFields.SYMBOL);
            if (terms == null) {
                return 0;
            }
            long n = 0;
            for (var e = terms.iterator(); e.next() != null; ) {
                n++;
            }
            return n;
        } finally {
            fixture.index.release(searcher);
        }
    }

    private void queries(SearchFixture fixture, List<Path> repositories, List<BenchQuery> queries) throws Exception {
        line("## Queries");
        line("");
        line("Codara: `IndexedCodeSearch.search`, first page of 20 with line matches, warm, over all " + repositories.size()
                + " repositories at once. git grep: `git grep -n -I` over each repository's working tree in turn (one "
                + "run is the sum), output read and counted. Ratio = git grep median / Codara p50. \"~\" marks a "
                + "count extrapolated from a sample once the page was full (IndexedCodeSearch.COUNT_SAMPLE); the items "
                + "are exact.");
        line("");
        line("| kind | frequency | Codara query | Codara p50 | p99 | runs | git grep median | ratio | files: Codara / git grep |");
        line("|---|---|---|---:|---:|---:|---:|---:|---|");
        Principal anyone = Principal.ANONYMOUS;
        PageRequest page = PageRequest.of(1, 20);
        for (BenchQuery q : queries) {
            String query = q.codara();
            List<String> grep = q.gitGrep();
            CodeSearchResult first = fixture.search.search(query, anyone, page);
            long warmUntil = System.nanoTime() + 2_000_000_000L;
            for (int i = 0; i < 3 || i < 20 && System.nanoTime() < warmUntil; i++) {
                fixture.search.search(query, anyone, page);
            }
            List<Double> codara = new ArrayList<>();
            List<Double> git = new ArrayList<>();
            long[] grepCounts = null;
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            int rounds = grep == null ? 1 : gitRuns;
            for (int round = 0; round < rounds; round++) {
                if (grep != null) {
                    long s = System.nanoTime();
                    long[] counts = gitGrep(repositories, grep);
                    git.add((System.nanoTime() - s) / 1e6);
                    grepCounts = counts;
                }
                long roundDeadline = System.nanoTime() + (deadline - System.nanoTime()) / (rounds - round);
                int perRound = (runs - codara.size()) / (rounds - round);
                for (int i = 0; i < perRound && (i < 2 || System.nanoTime() < roundDeadline); i++) {
                    long s = System.nanoTime();
                    CodeSearchResult result = fixture.search.search(query, anyone, page);
                    codara.add((System.nanoTime() - s) / 1e6);
                    if (!result.incompleteResults() && !first.incompleteResults() // estimates are deterministic too
                            && result.totalCount() != first.totalCount()) {
                        throw new IllegalStateException(query + " answered " + result.totalCount() + " then "
                                + first.totalCount());
                    }
                }
            }
            double p50 = percentile(codara, 50);
            String gitMedian = grep == null ? "-" : ms(percentile(git, 50));
            String ratio = grep == null ? "-" : String.format(Locale.ROOT, "%.1fx", percentile(git, 50) / p50);
            String files = (first.countEstimated() ? "~" : "") + first.totalCount()
                    + (first.incompleteResults() ? " (incomplete)" : "")
                    + (grepCounts == null ? "" : " / " + grepCounts[0]);
            line(String.format(Locale.ROOT, "| %s | %s | `%s` | %s | %s | %d | %s | %s | %s |", q.kind(), q.frequency(),
                    query.replace("|", "\\|"), ms(p50), ms(percentile(codara, 99)), codara.size(), gitMedian, ratio,
                    files));
            System.out.println(report.substring(report.lastIndexOf("\n", report.length() - 2) + 1).strip());
        }
    }

    /** Runs git grep in each repository in turn; returns the matching files and lines of all. */
    private static long[] gitGrep(List<Path> repositories, List<String> arguments) throws IOException,
            InterruptedException {
        long files = 0;
        long lines = 0;
        for (Path repository : repositories) {
            List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString(), "grep", "-n", "-I"));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long[] counted = count(process.getInputStream());
            int exit = process.waitFor();
            if (exit > 1) {
                throw new IllegalStateException("git grep failed (" + exit + "): " + command);
            }
            files += counted[0];
            lines += counted[1];
        }
        return new long[] {files, lines};
    }

    /** Distinct files (the text before the first ':') and lines of git grep's output. */
    private static long[] count(InputStream output) throws IOException {
        Set<String> files = new HashSet<>();
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        StringBuilder name = new StringBuilder();
        boolean inName = true;
        for (int n = output.read(buffer); n >= 0; n = output.read(buffer)) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    lines++;
                    if (inName) {
                        files.add(name.toString());
                    }
                    name.setLength(0);
                    inName = true;
                } else if (inName) {
                    if (b == ':') {
                        files.add(name.toString());
                        inName = false;
                    } else {
                        name.append((char) (b & 0xff));
                    }
                }
            }
        }
        return new long[] {files.size(), lines};
    }

    /** The nearest-rank percentile. */
    private static double percentile(List<Double> samples, int p) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f ms", millis)
                : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    private static List<BenchQuery> readQueries(Path file) throws IOException {
        List<BenchQuery> out = new ArrayList<>();
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (raw.isBlank() || raw.startsWith("#")) {
                continue;
            }
            String[] f = raw.split("\t", 3);
            if (f.length != 3) {
                throw new IllegalArgumentException("Not kind<TAB>frequency<TAB>text: " + raw);
            }
            out.add(new BenchQuery(f[0], f[1], f[2]));
        }
        return out;
    }

    private void line(String text) {
        report.append(text).append('\n');
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
