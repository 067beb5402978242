package io.codara.search.internal.symbols;

/**
 * A file to extract symbols from.
 *
 * @param path the path in the repository, e.g. {@code src/main/java/a/B.java}
 * @param language the language's name as Codara's language detection gives it (e.g. {@code Java}, {@code Go}), or
 *        {@code null} when unknown
 * @param content the text (UTF-8 decoded)
 */
public record SourceFile(String path, String language, String content) {
}
