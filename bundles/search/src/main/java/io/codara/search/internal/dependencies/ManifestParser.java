package io.codara.search.internal.dependencies;

import java.util.List;

/** Reads the dependencies a repository's manifests and lockfiles declare. */
public interface ManifestParser {

    /** Whether {@code path} (in a repository) is a manifest or lockfile this parser reads. */
    boolean reads(String path);

    /**
     * The dependencies {@code content} (the file at {@code path}) declares; a malformed file yields what could be
     * read, or nothing, never an exception.
     */
    List<Dependency> parse(String path, String content);
}
