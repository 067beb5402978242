package io.codara.git.internal;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

import io.codara.api.git.Repository;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Bytes of code per language on a repository's default branch, as GitHub's {@code /languages} answers (largest
 * first), classified by {@link Linguist}. Computed once per tree: a tree id names its content, so the answer is
 * kept for it (a bounded, least recently used set of trees) and a push that changes nothing else costs nothing.
 */
@Component(service = RepositoryLanguages.class)
public final class RepositoryLanguages {

    private static final int CACHED_TREES = 512;

    private final GitDirectories directories;
    private final Map<ObjectId, Map<String, Long>> byTree = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<ObjectId, Map<String, Long>> eldest) {
                    return size() > CACHED_TREES;
                }
            });

    @Activate
    public RepositoryLanguages(@Reference GitDirectories directories) {
        this.directories = directories;
    }

    /** Language to bytes, largest first; empty for an empty repository. */
    Map<String, Long> languages(Repository repository) {
        return GitReads.read(directories, repository, (git, walk) -> {
            if (!git.getRefDatabase().hasRefs()) {
                return Map.of();
            }
            RevCommit head = GitReads.commitOrFail(git, walk, repository, null);
            ObjectId tree = head.getTree().copy();
            Map<String, Long> cached = byTree.get(tree);
            if (cached != null) {
                return cached;
            }
            Map<String, Long> counted = count(walk.getObjectReader(), tree);
            byTree.put(tree, counted);
            return counted;
        });
    }

    boolean cached(ObjectId tree) {
        return byTree.containsKey(tree);
    }

    private static Map<String, Long> count(ObjectReader reader, ObjectId tree) throws java.io.IOException {
        Map<String, Long> bytes = new HashMap<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(tree);
            tw.setRecursive(true);
            while (tw.next()) {
                FileMode mode = tw.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                String language = Linguist.language(tw.getPathString());
                if (language != null) {
                    bytes.merge(language, reader.getObjectSize(tw.getObjectId(0), Constants.OBJ_BLOB), Long::sum);
                }
            }
        }
        List<Map.Entry<String, Long>> sorted = bytes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        Map<String, Long> out = new LinkedHashMap<>();
        sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(out);
    }
}
