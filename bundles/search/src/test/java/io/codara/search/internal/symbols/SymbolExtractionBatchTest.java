package io.codara.search.internal.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches, a missing or misbehaving ctags, malformed input, and the cost of a batch of 200 files. */
class SymbolExtractionBatchTest {

    private static final String JAVA = "package p;\nclass Alpha {\n  int beta;\n}\n";
    private static final String PYTHON = "def gamma():\n    pass\n";
    private static final String GO = "package q\n\nfunc Delta() {}\n";

    @TempDir
    Path dir;

    private static SymbolExtraction withCtags() {
        return new SymbolExtraction("ctags", Duration.ofSeconds(30), 1024 * 1024);
    }

    @Test
    void aBatchKeepsTheOrderOfItsFilesWhateverTheirLanguages() {
        List<List<SymbolDefinition>> result = withCtags().extract(List.of(
                new SourceFile("a.py", "Python", PYTHON),
                new SourceFile("p/Alpha.java", "Java", JAVA),
                new SourceFile("notes.txt", null, "just words"),
                new SourceFile("q/d.go", "Go", GO),
                new SourceFile("empty.py", "Python", ""),
                new SourceFile("Gemfile", "Ruby", "def epsilon\nend\n"),
                new SourceFile("data.json", "JSON", "{\"zeta\": 1}"),
                new SourceFile("also/a.py", null, PYTHON)));

        assertThat(result).hasSize(8);
        assertThat(result.get(0)).extracting("name", "kind", "line").containsExactly(tuple("gamma", "function", 1));
        assertThat(result.get(1)).extracting("name", "kind", "container", "line")
                .containsExactly(tuple("Alpha", "class", "p", 2), tuple("beta", "field", "p.Alpha", 3));
        assertThat(result.get(2)).isEmpty();
        assertThat(result.get(3)).extracting("name", "kind", "container", "line")
                .containsExactly(tuple("Delta", "function", "q", 3));
        assertThat(result.get(4)).isEmpty();
        // Gemfile has no extension: Codara's language detection says Ruby, and ctags is told so.
        assertThat(result.get(5)).extracting("name").containsExactly("epsilon");
        assertThat(result.get(6)).isEmpty();
        // Without a detected language, ctags goes by the file name.
        assertThat(result.get(7)).extracting("name").containsExactly("gamma");
    }

    @Test
    void withoutCtagsOnlyJavaYieldsSymbolsAndTheProblemIsReported() {
        SymbolExtraction extraction = new SymbolExtraction(dir.resolve("no-such-ctags").toString(),
                Duration.ofSeconds(5), 1024 * 1024);

        List<List<SymbolDefinition>> result = extraction.extract(List.of(
                new SourceFile("a.py", "Python", PYTHON), new SourceFile("p/Alpha.java", "Java", JAVA)));

        assertThat(extraction.ctagsAvailable()).isFalse();
        assertThat(extraction.problem()).hasValueSatisfying(p -> assertThat(p).contains("no-such-ctags"));
        assertThat(result.get(0)).isEmpty();
        assertThat(result.get(1)).extracting("name").containsExactly("Alpha", "beta");
    }

    @Test
    void aProgramThatIsNotUniversalCtagsIsNotUsed() throws IOException {
        Path fake = script("echo 'Exuberant Ctags 5.8, Copyright (C) 1996-2009 Darren Hiebert'");
        SymbolExtraction extraction = new SymbolExtraction(fake.toString(), Duration.ofSeconds(5), 1024 * 1024);

        assertThat(extraction.ctagsAvailable()).isFalse();
        assertThat(extraction.problem()).hasValueSatisfying(p -> assertThat(p).contains("not Universal Ctags"));
    }

    @Test
    void aCtagsThatOverrunsTheTimeLimitIsKilledAndJavaStillWorks() throws IOException {
        Path slow = script(versionAnswer() + "sleep 30");
        SymbolExtraction extraction = new SymbolExtraction(slow.toString(), Duration.ofSeconds(1), 1024 * 1024);

        long start = System.nanoTime();
        List<List<SymbolDefinition>> result = extraction.extract(List.of(
                new SourceFile("a.py", "Python", PYTHON), new SourceFile("p/Alpha.java", "Java", JAVA)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(extraction.ctagsAvailable()).isTrue();
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(result.get(0)).isEmpty();
        assertThat(result.get(1)).extracting("name").containsExactly("Alpha", "beta");
    }

    @Test
    void afterACrashTheFilesAfterTheCrashingOneAreTaggedByANewProcess() throws IOException {
        // Each process tags the first file it is given, then crashes on the second.
        Path crashing = script(versionAnswer()
                + "echo '{\"_type\": \"program\", \"name\": \"Universal Ctags\"}'\n"
                + "echo '{\"_type\": \"tag\", \"name\": \"found\", \"language\": \"Python\", \"line\": 1, "
                + "\"kind\": \"function\"}'\n"
                + "echo '{\"_type\": \"completed\", \"command\": \"generate-tags\"}'\n"
                + "echo '{\"_type\": \"tag\", \"name\": \"partial\", \"language\": \"Python\", \"line\": 1, "
                + "\"kind\": \"function\"}'\n"
                + "exit 139");
        SymbolExtraction extraction = new SymbolExtraction(crashing.toString(), Duration.ofSeconds(10), 1024 * 1024);
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            files.add(new SourceFile("f" + i + ".py", "Python", PYTHON));
        }

        List<List<SymbolDefinition>> result = extraction.extract(files);

        assertThat(result).extracting(List::size).containsExactly(1, 0, 1, 0);
        assertThat(result.get(2)).extracting("name").containsExactly("found");
    }

    @Test
    void malformedSourceYieldsWhatCanBeFoundAndNeverAnException() {
        List<List<SymbolDefinition>> result = withCtags().extract(List.of(
                new SourceFile("broken.py", "Python", "def ok():\n    pass\nclass (:\n  def \n"),
                new SourceFile("broken.c", "C", "int main( { struct ;;; }}}} #define\n"),
                new SourceFile("Broken.java", "Java", "public class Broken { void m( { }"),
                new SourceFile("binary.go", "Go", "\u0000\u0001\u0002\uFFFD\uD83D\uDE00 package ???"),
                new SourceFile("unterminated.ts", "TypeScript", "export class A { m() { `unterminated ${")));

        assertThat(result).hasSize(5);
        assertThat(result.get(0)).extracting("name").contains("ok");
        assertThat(result.get(3)).isEmpty();
    }

    @Test
    void filesAboveTheSizeLimitYieldNothing() {
        SymbolExtraction extraction = new SymbolExtraction("ctags", Duration.ofSeconds(30), 40);

        List<List<SymbolDefinition>> result = extraction.extract(List.of(
                new SourceFile("small.py", "Python", PYTHON),
                new SourceFile("large.py", "Python", PYTHON + "# " + "x".repeat(40) + "\n"),
                new SourceFile("p/Alpha.java", "Java", JAVA + "// " + "y".repeat(40) + "\n")));

        assertThat(result.get(0)).isNotEmpty();
        assertThat(result.get(1)).isEmpty();
        assertThat(result.get(2)).isEmpty();
    }

    @Test
    void ctagsSeesTheExtensionOfTheDetectedLanguage() {
        assertThat(SymbolExtraction.ctagsFileName(new SourceFile("web/App.tsx", "TSX", ""))).isEqualTo("App.tsx.ts");
        assertThat(SymbolExtraction.ctagsFileName(new SourceFile("Rakefile", "Ruby", ""))).isEqualTo("Rakefile.rb");
        assertThat(SymbolExtraction.ctagsFileName(new SourceFile("src/x.py", "Python", ""))).isEqualTo("x.py");
        assertThat(SymbolExtraction.ctagsFileName(new SourceFile("inc/x.h", "C", ""))).isEqualTo("x.h");
        assertThat(SymbolExtraction.ctagsFileName(new SourceFile("a/Makefile", null, ""))).isEqualTo("Makefile");
    }

    @Test
    void batchOfTwoHundredFilesTiming() {
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.add(new SourceFile("p/C" + i + ".java", "Java", "package p;\nclass C" + i + " {\n"
                    + "  int field;\n  void method" + i + "(String s) { if (s != null) { field++; } }\n}\n"));
            files.add(new SourceFile("m" + i + ".py", "Python",
                    "class K" + i + ":\n    def run(self):\n        return 1\n\ndef f" + i + "(x):\n    return x\n"));
            files.add(new SourceFile("g" + i + ".go", "Go", "package g\n\ntype T" + i
                    + " struct { A int }\n\nfunc (t *T" + i + ") M() int { return t.A }\n"));
            files.add(new SourceFile("j" + i + ".js", "JavaScript", "export class J" + i
                    + " {\n  m() { return 1; }\n}\nexport function h" + i + "() {}\n"));
            files.add(new SourceFile("t" + i + ".ts", "TypeScript", "export interface I" + i
                    + " { x: number }\nexport class S" + i + " { find(id: number): number { return id; } }\n"));
            files.add(new SourceFile("c" + i + ".c", "C", "struct s" + i + " { int a; };\nint fn" + i
                    + "(int x) { return x; }\n"));
            files.add(new SourceFile("r" + i + ".rs", "Rust", "pub struct R" + i
                    + " { a: i32 }\nimpl R" + i + " { pub fn get(&self) -> i32 { self.a } }\n"));
            files.add(new SourceFile("k" + i + ".kt", "Kotlin", "package k\nclass Kt" + i
                    + " { fun go(): Int = 1 }\n"));
            files.add(new SourceFile("s" + i + ".cs", "C#", "namespace N { class Cs" + i
                    + " { int Go() { return 1; } } }\n"));
            files.add(new SourceFile("b" + i + ".rb", "Ruby", "class Rb" + i + "\n  def go\n  end\nend\n"));
        }
        SymbolExtraction extraction = withCtags();
        // Warm-up: the first batch also loads and compiles the classes.
        extraction.extract(files);
        List<SourceFile> java = files.stream().filter(f -> f.language().equals("Java")).toList();
        List<SourceFile> others = files.stream().filter(f -> !f.language().equals("Java")).toList();

        long start = System.nanoTime();
        List<List<SymbolDefinition>> result = extraction.extract(files);
        long all = System.nanoTime();
        extraction.extract(java);
        long javaOnly = System.nanoTime();
        extraction.extract(others);
        long othersOnly = System.nanoTime();

        int definitions = result.stream().mapToInt(List::size).sum();
        System.out.printf("Symbol extraction: %d files, %d definitions: %d ms (%d Java files alone %d ms, "
                + "%d files in one ctags process alone %d ms)%n", files.size(), definitions,
                (all - start) / 1_000_000, java.size(), (javaOnly - all) / 1_000_000, others.size(),
                (othersOnly - javaOnly) / 1_000_000);
        assertThat(result).hasSize(200).allSatisfy(defs -> assertThat(defs).isNotEmpty());
    }

    private static String versionAnswer() {
        return "if [ \"$1\" = --version ]; then echo 'Universal Ctags 5.9.0, Copyright (C) 2015 Universal Ctags Team';"
                + " echo '  Optional compiled features: +wildcards, +json, +interactive'; exit 0; fi\n";
    }

    private Path script(String body) throws IOException {
        Path script = Files.createTempFile(dir, "fake-ctags", ".sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
