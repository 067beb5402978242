package io.codara.search.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link CodeIndexer}. */
@ObjectClassDefinition(name = "Codara code search indexer",
        description = "Which branches of each repository are indexed for code search, and which files")
@interface CodeIndexerConfig {

    @AttributeDefinition(description = "Branches indexed besides each repository's default branch, as globs over the"
            + " branch name ('*' within a path segment, '**' across): e.g. release/*")
    String[] branches() default {};

    @AttributeDefinition(description = "Files larger than this (bytes) are not indexed")
    int max_file_bytes() default 1 << 20;

    @AttributeDefinition(description = "On start, queue the indexing of every repository whose indexed commits differ"
            + " from its branches (pushes missed while stopped)")
    boolean catch_up_on_start() default true;
}
