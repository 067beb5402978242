package io.codara.search.internal.dependencies;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEP 508 requirement strings ({@code requests[socks] >=2.0,<3 ; python_version > "3.8"}) and PEP 503 names. */
final class Pep508 {

    /** A requirement's normalised name and its version specifier, {@code null} when it has none. */
    record Requirement(String name, String specifier) {
    }

    private static final Pattern REQUIREMENT = Pattern.compile(
            "([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[[^\\]]*\\])?\\s*"
                    + "(?:@\\s*\\S+|\\(?\\s*([^;()]*?)\\s*\\)?)?\\s*(?:;.*)?");

    private Pep508() {
    }

    /** {@code text} as a requirement, or {@code null} when it is none. */
    static Requirement parse(String text) {
        Matcher m = REQUIREMENT.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        return new Requirement(normalise(m.group(1)), ManifestText.trimToNull(m.group(2)));
    }

    /** PEP 503: lower case, runs of {@code -_.} as one {@code -}. */
    static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /** The version an exact specifier ({@code ==2.31.0}, {@code ===2.31.0}) pins, else {@code null}. */
    static String pinned(String specifier) {
        if (specifier == null) {
            return null;
        }
        Matcher m = Pattern.compile("===?\\s*([^,*\\s]+)").matcher(specifier.trim());
        return m.matches() ? m.group(1) : null;
    }
}
