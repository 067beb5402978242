package io.codara.search.internal.symbols;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The symbol extractor: Java with JavaParser, every other language Universal Ctags knows with one ctags process per
 * batch. When ctags is missing or unusable (found out once, at activation) those languages yield nothing and
 * {@link #problem()} says why; Java is unaffected.
 */
@Component(service = SymbolExtractor.class, configurationPid = SymbolExtraction.PID)
@Designate(ocd = SymbolExtractionConfig.class)
public final class SymbolExtraction implements SymbolExtractor {

    static final String PID = "io.codara.search.symbols";
    static final String DEFAULT_CTAGS = "ctags";
    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    static final int DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

    /**
     * The file extension that makes ctags read a file in a language Codara's language detection names (ctags guesses
     * the language from the file name only): {@code Gemfile} is Ruby, a {@code .tsx} file TypeScript.
     */
    private static final Map<String, String> CTAGS_EXTENSIONS = Map.ofEntries(Map.entry("Kotlin", "kt"),
            Map.entry("JavaScript", "js"), Map.entry("TypeScript", "ts"), Map.entry("TSX", "ts"),
            Map.entry("Python", "py"), Map.entry("Go", "go"), Map.entry("C", "c"), Map.entry("C++", "cpp"),
            Map.entry("Rust", "rs"), Map.entry("C#", "cs"), Map.entry("Ruby", "rb"), Map.entry("PHP", "php"));

    /** Languages (by Codara's names) of data and prose, not worth a tagger's time. */
    private static final Set<String> NOT_CODE = Set.of("Markdown", "JSON", "YAML", "XML", "Text", "CSV", "TOML",
            "HTML", "CSS", "SVG");

    private static final Logger LOG = LoggerFactory.getLogger(SymbolExtraction.class);

    private final Ctags ctags;
    private final String ctagsProblem;
    private final int maxFileBytes;
    /** A failing ctags warns once, then at debug level until a batch succeeds again. */
    private final AtomicBoolean failureWarned = new AtomicBoolean();

    @Activate
    public SymbolExtraction(SymbolExtractionConfig config) {
        this(config.ctags_path(), Duration.ofSeconds(config.ctags_timeout_seconds()), config.max_file_bytes());
    }

    SymbolExtraction(String ctagsPath, Duration ctagsTimeout, int maxFileBytes) {
        if (ctagsTimeout.isNegative() || ctagsTimeout.isZero() || maxFileBytes <= 0) {
            throw new IllegalArgumentException("ctags_timeout_seconds and max_file_bytes must be positive");
        }
        this.maxFileBytes = maxFileBytes;
        Ctags.Probe probe = Ctags.probe(ctagsPath, ctagsTimeout);
        if (probe.usable()) {
            ctags = new Ctags(ctagsPath, ctagsTimeout, probe.sandbox());
            ctagsProblem = null;
            LOG.info("Symbols: Java by JavaParser, other languages by {}", probe.description());
        } else {
            ctags = null;
            ctagsProblem = "no symbols but Java's: " + probe.description();
            LOG.warn("Symbols: only Java's, as Universal Ctags is unavailable ({}); install universal-ctags or set "
                    + "ctags_path in {}", probe.description(), PID);
        }
    }

    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(ctagsProblem);
    }

    /** Whether Universal Ctags reads the languages other than Java. */
    public boolean ctagsAvailable() {
        return ctags != null;
    }

    @Override
    public List<List<SymbolDefinition>> extract(List<SourceFile> files) {
        List<List<SymbolDefinition>> result = new ArrayList<>(Collections.nCopies(files.size(), List.of()));
        JavaDefinitions java = null;
        List<Integer> tagged = new ArrayList<>();
        List<Ctags.Input> inputs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            SourceFile file = files.get(i);
            if (file.content() == null || file.content().isEmpty()
                    || file.language() != null && NOT_CODE.contains(file.language())) {
                continue;
            }
            if (isJava(file)) {
                if (utf8Length(file.content()) <= maxFileBytes) {
                    java = java == null ? new JavaDefinitions() : java;
                    result.set(i, javaDefinitions(java, file));
                }
            } else if (ctags != null) {
                byte[] bytes = file.content().getBytes(StandardCharsets.UTF_8);
                if (bytes.length <= maxFileBytes) {
                    tagged.add(i);
                    inputs.add(new Ctags.Input(ctagsFileName(file), bytes));
                }
            }
        }
        if (!inputs.isEmpty()) {
            tag(files, tagged, inputs, result);
        }
        return result;
    }

    private void tag(List<SourceFile> files, List<Integer> tagged, List<Ctags.Input> inputs,
            List<List<SymbolDefinition>> result) {
        Ctags.Batch batch;
        try {
            batch = ctags.tag(inputs);
        } catch (IOException e) {
            reportFailure("cannot run ctags over " + inputs.size() + " files: " + e);
            return;
        }
        for (int j = 0; j < tagged.size(); j++) {
            int i = tagged.get(j);
            result.set(i, CtagsDefinitions.definitionsIn(batch.tags().get(j), files.get(i).content()));
        }
        if (batch.failure() != null) {
            reportFailure("ctags failed on a batch of " + inputs.size() + " files: " + batch.failure());
        } else {
            failureWarned.set(false);
        }
    }

    private void reportFailure(String message) {
        if (failureWarned.compareAndSet(false, true)) {
            LOG.warn("Symbols: {} (further failures are logged at debug level until a batch succeeds)", message);
        } else {
            LOG.debug("Symbols: {}", message);
        }
    }

    private static List<SymbolDefinition> javaDefinitions(JavaDefinitions java, SourceFile file) {
        try {
            return java.definitionsIn(file.content());
        } catch (RuntimeException | StackOverflowError e) {
            // JavaParser reports bad source as problems; this is a JavaParser failure (deeply nested generated code
            // overflows its recursive descent): the file yields nothing and the rest of the batch goes on.
            LOG.warn("Symbols: JavaParser failed on {}: {}", file.path(), e.toString());
            return List.of();
        }
    }

    private static boolean isJava(SourceFile file) {
        return file.language() == null ? file.path() != null && file.path().endsWith(".java")
                : "Java".equals(file.language());
    }

    /** The name ctags sees: the file's own, with the extension of its detected language when that differs. */
    static String ctagsFileName(SourceFile file) {
        String path = file.path() == null ? "" : file.path();
        String name = path.substring(path.lastIndexOf('/') + 1);
        String extension = file.language() == null ? null : CTAGS_EXTENSIONS.get(file.language());
        String lower = name.toLowerCase(Locale.ROOT);
        // ctags reads headers (.h) as C++, which also reads C; renaming them .c would lose C++ classes.
        if (extension == null || lower.endsWith("." + extension) || lower.endsWith(".h")) {
            return name.isEmpty() ? "source" : name;
        }
        return name + "." + extension;
    }

    private static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return length;
    }
}
