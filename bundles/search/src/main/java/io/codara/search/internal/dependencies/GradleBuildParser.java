package io.codara.search.internal.dependencies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gradle's {@code build.gradle} and {@code build.gradle.kts}: the common declaration forms ({@code implementation
 * "g:a:v"}, {@code implementation("g:a:v")}, {@code platform(...)}, {@code group: 'g', name: 'a', version: 'v'} and
 * Kotlin's named arguments), with {@code $name} versions taken from simple assignments in the same file. A build
 * script is a program; Gradle itself is the only exact reader, so forms computed at run time are not seen.
 */
final class GradleBuildParser implements ManifestParser {

    private static final String CONFIGURATION = "([A-Za-z_][A-Za-z0-9_]*)";
    private static final Pattern COORDINATES = Pattern.compile(CONFIGURATION
            + "\\s*\\(?\\s*(?:(?:platform|enforcedPlatform)\\s*\\(\\s*)?[\"']([\\w.\\-]+):([\\w.\\-]+)"
            + "(?::([^\"':@\\s]+))?(?::[^\"'@\\s]+)?(?:@\\w+)?[\"']");
    private static final Pattern NAMED = Pattern.compile(CONFIGURATION
            + "\\s*\\(?\\s*group\\s*[:=]\\s*[\"']([^\"']+)[\"']\\s*,\\s*name\\s*[:=]\\s*[\"']([^\"']+)[\"']"
            + "(?:\\s*,\\s*version\\s*[:=]\\s*[\"']([^\"']+)[\"'])?");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?:\\b(?:def|val|var)\\s+|\\bext\\.|\\bset\\(\\s*[\"'])?(\\w+)[\"']?\\s*(?:=|,)\\s*[\"']([^\"'$]+)[\"']");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{?([\\w.]+)}?");

    @Override
    public boolean reads(String path) {
        String name = ManifestText.fileName(path);
        return name.equals("build.gradle") || name.equals("build.gradle.kts");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        String code = withoutComments(content);
        Map<String, String> variables = new HashMap<>();
        Matcher assignment = ASSIGNMENT.matcher(code);
        while (assignment.find()) {
            variables.putIfAbsent(assignment.group(1), assignment.group(2));
        }
        List<Dependency> result = new ArrayList<>();
        collect(COORDINATES.matcher(code), content, path, variables, result);
        collect(NAMED.matcher(code), content, path, variables, result);
        result.sort(java.util.Comparator.comparingInt(Dependency::line));
        return result;
    }

    private static void collect(Matcher m, String content, String path, Map<String, String> variables,
            List<Dependency> result) {
        while (m.find()) {
            String scope = scope(m.group(1));
            if (scope == null) {
                continue;
            }
            String version = m.group(4) == null ? null : interpolate(m.group(4), variables);
            String name = m.group(2) + ":" + m.group(3);
            boolean exact = version != null && !version.contains("$") && !version.contains("+")
                    && !version.startsWith("latest.") && !IntervalNotation.looksLikeInterval(version);
            result.add(new Dependency("maven", name, version, exact ? version.replace("!!", "") : null, scope, path,
                    ManifestText.lineAt(content, m.start())));
        }
    }

    private static String interpolate(String value, Map<String, String> variables) {
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = variables.get(name.substring(name.lastIndexOf('.') + 1));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The scope a configuration's name implies, or {@code null} when the name is no dependency configuration. */
    static String scope(String configuration) {
        String c = configuration.toLowerCase(Locale.ROOT);
        boolean known = c.equals("implementation") || c.equals("api") || c.equals("compile") || c.equals("runtime")
                || c.equals("classpath") || c.equals("kapt") || c.equals("ksp") || c.equals("developmentonly")
                || c.endsWith("implementation") || c.endsWith("api") || c.endsWith("compileonly")
                || c.endsWith("runtimeonly") || c.endsWith("annotationprocessor") || c.endsWith("compile")
                || c.endsWith("runtime") || c.startsWith("kapt") || c.startsWith("ksp");
        if (!known) {
            return null;
        }
        if (c.contains("test")) {
            return "test";
        }
        if (c.equals("developmentonly")) {
            return "development";
        }
        // compileOnly is on no run-time classpath; annotation processors, kapt, ksp and buildscript classpaths build.
        if (c.endsWith("compileonly") || c.contains("annotationprocessor") || c.startsWith("kapt")
                || c.startsWith("ksp") || c.equals("classpath")) {
            return "build";
        }
        return "runtime";
    }

    /** The code with comments blanked out, keeping offsets (and so line numbers) where they were. */
    static String withoutComments(String content) {
        StringBuilder out = new StringBuilder(content);
        int i = 0;
        char quote = 0;
        while (i < out.length()) {
            char c = out.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
                i++;
            } else if (c == '"' || c == '\'') {
                quote = c;
                i++;
            } else if (c == '/' && i + 1 < out.length() && out.charAt(i + 1) == '/') {
                while (i < out.length() && out.charAt(i) != '\n') {
                    out.setCharAt(i++, ' ');
                }
            } else if (c == '/' && i + 1 < out.length() && out.charAt(i + 1) == '*') {
                int end = out.indexOf("*/", i + 2);
                end = end < 0 ? out.length() : end + 2;
                for (; i < end; i++) {
                    if (out.charAt(i) != '\n') {
                        out.setCharAt(i, ' ');
                    }
                }
            } else {
                if (c == '\n') {
                    quote = 0;
                }
                i++;
            }
        }
        return out.toString();
    }
}
