package io.codara.git.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which language a file is in, by name, and whether it counts, after GitHub's linguist: only programming and markup
 * languages count (data such as JSON and YAML and prose such as Markdown do not), and vendored, generated and
 * documentation files are left out. Names only: content heuristics and {@code .gitattributes} overrides are not
 * applied.
 */
final class Linguist {

    private static final Map<String, String> EXTENSIONS = new HashMap<>();
    private static final Map<String, String> FILENAMES = new HashMap<>();
    /** Data and prose languages: named for search and display, never counted in a repository's statistics. */
    private static final Map<String, String> UNCOUNTED = new HashMap<>();

    private static void ext(String language, String... extensions) {
        for (String e : extensions) {
            EXTENSIONS.put(e, language);
        }
    }

    private static void file(String language, String... names) {
        for (String n : names) {
            FILENAMES.put(n.toLowerCase(Locale.ROOT), language);
        }
    }

    private static void uncounted(String language, String... extensions) {
        for (String e : extensions) {
            UNCOUNTED.put(e, language);
        }
    }

    static {
        uncounted("JSON", "json", "jsonc", "json5", "geojson");
        uncounted("YAML", "yml", "yaml");
        uncounted("TOML", "toml");
        uncounted("XML", "xml", "xsd", "xsl", "xslt", "pom", "csproj", "fsproj", "vbproj", "props", "targets", "plist",
                "svg", "wsdl");
        uncounted("INI", "ini", "cfg", "conf", "editorconfig");
        uncounted("Java Properties", "properties");
        uncounted("SQL", "sql");
        uncounted("CSV", "csv", "tsv");
        uncounted("Markdown", "md", "markdown", "mdx");
        uncounted("reStructuredText", "rst");
        uncounted("AsciiDoc", "adoc", "asciidoc");
        uncounted("Text", "txt");
        ext("Java", "java");
        ext("Kotlin", "kt", "kts");
        ext("Scala", "scala", "sc");
        ext("Groovy", "groovy", "gvy", "gradle");
        ext("Clojure", "clj", "cljs", "cljc", "edn");
        ext("C", "c", "h");
        ext("C++", "cpp", "cc", "cxx", "c++", "hpp", "hh", "hxx", "h++", "ipp", "inl");
        ext("C#", "cs", "csx");
        ext("F#", "fs", "fsi", "fsx");
        ext("Visual Basic .NET", "vb");
        ext("Objective-C", "m");
        ext("Objective-C++", "mm");
        ext("Swift", "swift");
        ext("Go", "go");
        ext("Rust", "rs");
        ext("Zig", "zig");
        ext("D", "d");
        ext("Nim", "nim");
        ext("Python", "py", "pyw", "pyi");
        ext("Ruby", "rb", "rake", "gemspec");
        ext("PHP", "php", "phtml");
        ext("Perl", "pl", "pm");
        ext("Raku", "raku", "rakumod");
        ext("Lua", "lua");
        ext("R", "r");
        ext("Julia", "jl");
        ext("Dart", "dart");
        ext("Elixir", "ex", "exs");
        ext("Erlang", "erl", "hrl");
        ext("Haskell", "hs", "lhs");
        ext("OCaml", "ml", "mli");
        ext("Elm", "elm");
        ext("Common Lisp", "lisp", "cl");
        ext("Emacs Lisp", "el");
        ext("Scheme", "scm", "ss");
        ext("Racket", "rkt");
        ext("Fortran", "f", "f77", "f90", "f95", "for");
        ext("COBOL", "cob", "cbl");
        ext("Pascal", "pas", "pp");
        ext("Ada", "adb", "ads");
        ext("Assembly", "asm", "s");
        ext("JavaScript", "js", "mjs", "cjs", "jsx");
        ext("TypeScript", "ts", "mts", "cts");
        ext("TSX", "tsx");
        ext("CoffeeScript", "coffee");
        ext("Vue", "vue");
        ext("Svelte", "svelte");
        ext("HTML", "html", "htm", "xhtml");
        ext("CSS", "css");
        ext("SCSS", "scss");
        ext("Sass", "sass");
        ext("Less", "less");
        ext("Shell", "sh", "bash", "zsh", "ksh");
        ext("PowerShell", "ps1", "psm1", "psd1");
        ext("Batchfile", "bat", "cmd");
        ext("Makefile", "mk", "mak");
        ext("CMake", "cmake");
        ext("Dockerfile", "dockerfile");
        ext("Nix", "nix");
        ext("HCL", "hcl", "tf");
        ext("PLpgSQL", "pgsql");
        ext("TSQL", "tsql");
        ext("PLSQL", "pls", "pck");
        ext("Solidity", "sol");
        ext("Verilog", "v");
        ext("SystemVerilog", "sv", "svh");
        ext("VHDL", "vhd", "vhdl");
        ext("Tcl", "tcl");
        ext("Smalltalk", "st");
        ext("Prolog", "pro");
        ext("Haxe", "hx");
        ext("Crystal", "cr");
        ext("V", "vv");
        ext("GLSL", "glsl", "vert", "frag");
        ext("HLSL", "hlsl");
        ext("Cuda", "cu", "cuh");
        ext("Jupyter Notebook", "ipynb");
        ext("TeX", "tex", "sty", "cls");
        ext("Mustache", "mustache");
        ext("Handlebars", "hbs", "handlebars");
        ext("Jinja", "jinja", "j2");
        ext("Twig", "twig");
        ext("Vim Script", "vim");
        ext("AppleScript", "applescript");
        ext("Awk", "awk");
        ext("Thrift", "thrift");
        ext("Protocol Buffer", "proto");
        ext("GraphQL", "graphql", "gql");
        ext("WebAssembly", "wat", "wast");
        file("Makefile", "Makefile", "GNUmakefile", "makefile");
        file("Dockerfile", "Dockerfile", "Containerfile");
        file("CMake", "CMakeLists.txt");
        file("Ruby", "Rakefile", "Gemfile", "Vagrantfile", "Podfile");
        file("Groovy", "Jenkinsfile");
        file("Starlark", "BUILD.bazel", "WORKSPACE.bazel", "Tiltfile");
        file("Shell", ".bashrc", ".bash_profile", ".zshrc", ".profile");
    }

    /** Vendored code, as linguist's vendor.yml lists it (the common entries). */
    private static final List<Pattern> VENDORED = List.of(
            Pattern.compile("(^|/)(node_modules|bower_components|vendor|vendors|third[-_]?party|3rdparty|deps|"
                    + "external|extern|Godeps|Pods|Carthage|\\.yarn|jspm_packages|site-packages|dist-packages|"
                    + "\\.venv|venv|\\.bundle)/"),
            Pattern.compile("(^|/)(jquery|bootstrap|modernizr|angular|react|d3|lodash|underscore)([.-][^/]*)?\\.js$"),
            Pattern.compile("(^|/)gradlew(\\.bat)?$"),
            Pattern.compile("(^|/)mvnw(\\.cmd)?$"),
            Pattern.compile("(^|/)\\.mvn/"),
            Pattern.compile("(^|/)gradle/wrapper/"),
            Pattern.compile("(^|/)configure$"),
            Pattern.compile("(^|/)config\\.(guess|sub)$"));

    /** Generated files, by the names linguist recognises (content checks left out). */
    private static final List<Pattern> GENERATED = List.of(
            Pattern.compile("\\.min\\.(js|css)$"),
            Pattern.compile("[.-]bundle\\.js$"),
            Pattern.compile("\\.(js|css)\\.map$"),
            Pattern.compile("(^|/)(dist|target|\\.next|\\.nuxt|generated|__generated__)/"),
            Pattern.compile("\\.pb\\.(go|cc|h)$"),
            Pattern.compile("_pb2(_grpc)?\\.py$"),
            Pattern.compile("\\.g\\.dart$"),
            Pattern.compile("\\.designer\\.(cs|vb)$"),
            Pattern.compile("(^|/)(package-lock\\.json|yarn\\.lock|pnpm-lock\\.yaml|Cargo\\.lock|go\\.sum|"
                    + "composer\\.lock|Gemfile\\.lock|poetry\\.lock)$"));

    /** Documentation, as linguist's documentation.yml lists it. */
    private static final List<Pattern> DOCUMENTATION = List.of(
            Pattern.compile("(^|/)([Dd]ocs?|[Dd]ocumentation|[Ee]xamples?|[Ss]amples?|[Dd]emos?|man|javadoc)/"),
            Pattern.compile("(^|/)(CHANGE(S|LOG)?|CONTRIBUTING|COPYING|INSTALL|LICEN[CS]E|README)(\\.[^/]*)?$",
                    Pattern.CASE_INSENSITIVE));

    private Linguist() {
    }

    /** The language of the file at {@code path}, or {@code null} when it has none that counts. */
    static String language(String path) {
        if (excluded(path)) {
            return null;
        }
        return programming(path);
    }

    /**
     * The language of the file at {@code path} whatever kind of file it is (vendored, generated, documentation, data
     * or prose), or {@code null} when its name says none.
     */
    static String detect(String path) {
        String language = programming(path);
        if (language != null) {
            return language;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : UNCOUNTED.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String programming(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String byName = FILENAMES.get(name.toLowerCase(Locale.ROOT));
        if (byName != null) {
            return byName;
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return null;
        }
        String extension = name.substring(dot + 1);
        // Case matters for a few: ".R" and ".r" are both R, ".C" is C++.
        if (extension.equals("C") || extension.equals("H")) {
            return "C++";
        }
        return EXTENSIONS.get(extension.toLowerCase(Locale.ROOT));
    }

    static boolean excluded(String path) {
        return vendored(path) || generated(path) || documentation(path);
    }

    static boolean vendored(String path) {
        return matches(VENDORED, path);
    }

    static boolean generated(String path) {
        return matches(GENERATED, path);
    }

    static boolean documentation(String path) {
        return matches(DOCUMENTATION, path);
    }

    private static boolean matches(List<Pattern> patterns, String path) {
        for (Pattern p : patterns) {
            if (p.matcher(path).find()) {
                return true;
            }
        }
        return false;
    }
}
