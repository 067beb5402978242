package io.codara.search.internal.symbols;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How symbols are extracted: where Universal Ctags is, how long it may take, and which files are too large. */
@ObjectClassDefinition(name = "Codara symbol extraction")
public @interface SymbolExtractionConfig {

    @AttributeDefinition(description = "The Universal Ctags executable (a path, or a name looked up on PATH) that "
            + "reads every language but Java. Without it those languages yield no symbols; Java still does.")
    String ctags_path() default SymbolExtraction.DEFAULT_CTAGS;

    @AttributeDefinition(description = "How long one ctags run over a batch of files may take, in seconds, before "
            + "it is killed (the files it did not finish yield no symbols).")
    int ctags_timeout_seconds() default SymbolExtraction.DEFAULT_TIMEOUT_SECONDS;

    @AttributeDefinition(description = "Files larger than this, in bytes (UTF-8), yield no symbols: they are "
            + "usually generated or minified.")
    int max_file_bytes() default SymbolExtraction.DEFAULT_MAX_FILE_BYTES;
}
