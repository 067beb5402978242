package io.codara.api.search;

/**
 * A definition of a symbol, found by symbol search or "go to definition".
 *
 * @param name the symbol's simple name, e.g. {@code parseDate}
 * @param kind what it is: {@code class, interface, enum, function, method, field, constant, ...}
 * @param container the enclosing type or namespace, dotted, or {@code null}
 * @param signature a one-line signature for display, or {@code null} when the extractor gives none
 * @param repositoryId the repository's id
 * @param repository the repository's current {@code owner/name}
 * @param branch the branch the definition was found on
 * @param commit the commit of that branch the index holds
 * @param path the defining file's path
 * @param line the 1-based line of the definition
 * @param language the file's language, or {@code null} when unknown
 */
public record SymbolMatch(String name, String kind, String container, String signature, long repositoryId,
        String repository, String branch, String commit, String path, int line, String language) {
}
