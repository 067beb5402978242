package io.codara.search.internal.stacktrace;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a frame is in a runtime or a third-party library rather than in the application. It only orders
 * the search (application frames first), so a well-known framework's prefix counts as a library even though its
 * own sources may be hosted here too.
 */
final class LibraryCode {

    /** The JDK, JVM languages' runtimes and the most common frameworks of JVM applications. */
    private static final List<String> JVM_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "kotlin.", "kotlinx.", "scala.", "groovy.", "org.codehaus.groovy.", "clojure.", "jakarta.",
            "org.springframework.", "org.apache.", "org.eclipse.jetty.", "io.netty.", "com.fasterxml.",
            "org.hibernate.", "com.google.common.", "com.google.protobuf.", "ch.qos.logback.", "org.slf4j.",
            "reactor.", "io.reactivex.", "io.micrometer.", "org.junit.", "org.gradle.", "akka.", "com.zaxxer.",
            "org.postgresql.", "org.glassfish.", "org.jboss.", "io.undertow.", "okhttp3.", "retrofit2.",
            "android.", "androidx.", "dalvik.", "com.android.internal.", "org.mockito.", "net.bytebuddy.",
            "io.grpc.", "feign.", "org.aspectj.");

    private static final List<String> DOTNET_PREFIXES = List.of("System.", "Microsoft.", "Windows.", "MS.",
            "Mono.", "Newtonsoft.", "NUnit.", "Xunit.", "Castle.", "Npgsql.", "Polly.", "Grpc.");

    private static final Pattern PYTHON_LIBRARY = Pattern.compile(
            "(?:site-packages|dist-packages)[/\\\\]"
                    + "|[/\\\\]lib(?:64)?[/\\\\](?:python|pypy)\\d*(?:\\.\\d+)?t?[/\\\\]"
                    + "|[/\\\\]python\\d*[/\\\\]lib[/\\\\]"
                    + "|^<frozen ",
            Pattern.CASE_INSENSITIVE);

    /** Where Go installations keep the standard library, and the module cache and vendor trees. */
    private static final Pattern GO_LIBRARY_FILE = Pattern.compile(
            "^/usr/local/go/src/|^/usr/lib/go[^/]*/src/|/libexec/src/|^[a-z]:/(?:program files/)?go/src/"
                    + "|/sdk/go\\d[^/]*/src/|^/snap/go/|/pkg/mod/|/vendor/|^\\$GOROOT/",
            Pattern.CASE_INSENSITIVE);

    /** The first element of the standard library's package paths (a module path's first element has a dot). */
    private static final Set<String> GO_STANDARD = Set.of("archive", "bufio", "bytes", "cmp", "compress",
            "container", "context", "crypto", "database", "debug", "embed", "encoding", "errors", "expvar", "flag",
            "fmt", "go", "hash", "html", "image", "internal", "io", "iter", "log", "maps", "math", "mime", "net",
            "os", "path", "plugin", "reflect", "regexp", "runtime", "slices", "sort", "strconv", "strings", "sync",
            "syscall", "testing", "text", "time", "unicode", "unique", "unsafe", "weak");

    private LibraryCode() {
    }

    static boolean jvm(String className, String modulePrefix) {
        if (modulePrefix != null && (modulePrefix.startsWith("java.") || modulePrefix.startsWith("jdk."))) {
            return true;
        }
        return startsWithAny(className, JVM_PREFIXES);
    }

    static boolean dotnet(String function) {
        return startsWithAny(function, DOTNET_PREFIXES);
    }

    static boolean python(String file) {
        return PYTHON_LIBRARY.matcher(file).find();
    }

    static boolean javascript(String location) {
        String file = location.toLowerCase(Locale.ROOT);
        return file.startsWith("node:") || file.startsWith("internal/") || file.contains("node_modules/")
                || file.contains("node_modules\\") || file.equals("<anonymous>") || file.equals("native")
                || file.equals("[native code]") || file.startsWith("webpack/bootstrap")
                || file.contains("webpack:///webpack/") || file.startsWith("index ");
    }

    static boolean go(String goPackage, String file) {
        if (file != null && GO_LIBRARY_FILE.matcher(file.replace('\\', '/')).find()) {
            return true;
        }
        if (goPackage == null) {
            return false;
        }
        int slash = goPackage.indexOf('/');
        String first = slash < 0 ? goPackage : goPackage.substring(0, slash);
        return GO_STANDARD.contains(first);
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
