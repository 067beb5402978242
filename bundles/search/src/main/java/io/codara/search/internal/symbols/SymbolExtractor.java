package io.codara.search.internal.symbols;

import java.util.List;
import java.util.Optional;

/**
 * Finds the definitions (types, functions, methods, fields, constants) in source files, for the symbol index. The
 * indexer hands it batches, so an implementation that runs an external tagger starts it once per batch, not once per
 * file.
 */
public interface SymbolExtractor {

    /**
     * The definitions in each of {@code files}, in the order of the files; a file whose language it does not know, or
     * that does not parse, yields an empty list (never an exception for bad source).
     */
    List<List<SymbolDefinition>> extract(List<SourceFile> files);

    /**
     * What keeps it from reading some languages it is meant to read (e.g. a missing tagger), for a status or health
     * line; empty when nothing does.
     */
    default Optional<String> problem() {
        return Optional.empty();
    }
}
