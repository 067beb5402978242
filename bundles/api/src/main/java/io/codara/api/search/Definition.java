package io.codara.api.search;

/**
 * A symbol a file defines.
 *
 * @param name the simple name, e.g. {@code parseDate}
 * @param kind what it is: {@code class, interface, enum, function, method, field, constant, ...}
 * @param container the enclosing type or namespace, dotted, or {@code null}
 * @param line the 1-based line of the definition
 */
public record Definition(String name, String kind, String container, int line) {
}
