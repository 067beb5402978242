package io.codara.search.internal.symbols;

/**
 * A definition found in a source file.
 *
 * @param name the symbol's simple name, e.g. {@code parseDate}
 * @param kind one of {@code class, interface, enum, record, struct, trait, type, module, function, method,
 *        constructor, field, property, constant, variable, macro}
 * @param container the enclosing type or namespace, dotted (e.g. {@code a.b.Outer.Inner}), or {@code null}
 * @param line the 1-based line of the definition
 * @param signature a one-line signature for display (e.g. {@code Date parseDate(String text)}), or {@code null}
 */
public record SymbolDefinition(String name, String kind, String container, int line, String signature) {
}
