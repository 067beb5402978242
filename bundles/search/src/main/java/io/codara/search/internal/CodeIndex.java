package io.codara.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

import io.codara.api.storage.StorageLayout;
import io.codara.search.internal.dependencies.Dependency;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The one Lucene index of code under {@code search/code}: documents per repository, branch and path (see
 * {@link CodeFields}), and which commit of each indexed branch they reflect. That state travels in the user data of
 * every Lucene commit, together with the documents it describes, so an acknowledged update survives a crash (even
 * {@code kill -9}) and after a restart the index knows exactly where each branch stands.
 * <p>
 * The dependencies that the branches' manifests declare are documents of this index too (see {@link CodeFields}),
 * written by the same writer: a Lucene commit holds a manifest's text and its dependencies or neither, so the code
 * and dependency answers never disagree about which commit a branch is at, even after a crash.
 */
@Component(service = CodeIndex.class)
public final class CodeIndex {

    private static final String BRANCH_PREFIX = "branch:";
    /** Commit-data key of the documents' format. */
    private static final String FORMAT_KEY = "format";
    /**
     * The format of the documents: an index written in another format (by an older Codara, e.g. one without
     * dependency documents or reversed paths) is emptied on open, and the indexer's catch-up rebuilds it from git.
     */
    static final String FORMAT = "3";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Repository id to branch to indexed commit, as of the last Lucene commit (or about to be committed). */
    private final Map<Long, Map<String, String>> indexed = new ConcurrentHashMap<>();

    @Activate
    public CodeIndex(@Reference StorageLayout layout) throws IOException {
        this(layout.search().resolve("code"));
    }

    CodeIndex(Path path) throws IOException {
        Files.createDirectories(path);
        directory = FSDirectory.open(path);
        IndexWriterConfig config = new IndexWriterConfig(new CodeAnalyzer())
                // Stored content is read back for every candidate a literal or regex query verifies: LZ4 (BEST_SPEED)
                // decompresses several times faster than DEFLATE and makes most of the difference for common literals
                // (bench/search.sh), for an index still well under the source's size.
                .setCodec(new Lucene912Codec(Lucene912Codec.Mode.BEST_SPEED))
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(32);
        IndexWriter opened = null;
        try {
            opened = new IndexWriter(directory, config);
            writer = opened;
            searchers = new SearcherManager(writer, null);
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            directory.close();
            throw e;
        }
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        String format = null;
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (e.getKey().equals(FORMAT_KEY)) {
                    format = e.getValue();
                }
            }
        }
        if (!FORMAT.equals(format) && writer.getDocStats().numDocs > 0) {
            writer.deleteAll();
            commitState();
        } else if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (e.getKey().startsWith(BRANCH_PREFIX)) {
                    String rest = e.getKey().substring(BRANCH_PREFIX.length());
                    int colon = rest.indexOf(':');
                    indexed.computeIfAbsent(Long.parseLong(rest.substring(0, colon)), k -> new ConcurrentHashMap<>())
                            .put(rest.substring(colon + 1), e.getValue());
                }
            }
        }
    }

    @Deactivate
    void close() throws IOException {
        try (Directory d = directory; IndexWriter w = writer; SearcherManager s = searchers) {
            // Everything acknowledged is committed already; closing commits nothing new of its own.
            w.rollback();
        }
    }

    /** The branches of {@code repositoryId} the index holds, with their commits. */
    Map<String, String> branches(long repositoryId) {
        Map<String, String> branches = indexed.get(repositoryId);
        return branches == null ? Map.of() : Map.copyOf(branches);
    }

    /** Every indexed repository's branches and commits. */
    Map<Long, Map<String, String>> all() {
        Map<Long, Map<String, String>> copy = new TreeMap<>();
        indexed.forEach((id, branches) -> copy.put(id, Collections.unmodifiableMap(new TreeMap<>(branches))));
        return copy;
    }

    /** Adds or replaces the document of one file. */
    void put(IndexedFile file) throws IOException {
        Document doc = CodeFields.document(file);
        writer.updateDocument(CodeFields.keyTerm(file.repositoryId(), file.branch(), file.path()), doc);
    }

    /**
     * Replaces the dependencies that the manifest {@code path} of a branch declares (none removes them); like every
     * change, durable with the next {@link #commit}, together with the file's own document.
     */
    void putDependencies(long repositoryId, String branch, String path, List<Dependency> dependencies)
            throws IOException {
        Term file = new Term(CodeFields.DEP_FILE, CodeFields.key(repositoryId, branch, path));
        List<Document> docs = new ArrayList<>(dependencies.size());
        for (Dependency d : dependencies) {
            docs.add(CodeFields.dependency(repositoryId, branch, path, d));
        }
        writer.updateDocuments(file, docs);
    }

    /** Removes one file of a branch, and the dependencies it declares. */
    void remove(long repositoryId, String branch, String path) throws IOException {
        writer.deleteDocuments(CodeFields.keyTerm(repositoryId, branch, path),
                new Term(CodeFields.DEP_FILE, CodeFields.key(repositoryId, branch, path)));
    }

    /** Removes every file of a branch and its dependencies (its recorded commit goes with the next {@link #commit}). */
    void removeBranch(long repositoryId, String branch) throws IOException {
        String repositoryBranch = CodeFields.repositoryBranch(repositoryId, branch);
        writer.deleteDocuments(new Term(CodeFields.REPOSITORY_BRANCH, repositoryBranch),
                new Term(CodeFields.DEP_REPOSITORY_BRANCH, repositoryBranch));
    }

    /** Removes every file and dependency of a repository. */
    void removeRepository(long repositoryId) throws IOException {
        writer.deleteDocuments(new Term(CodeFields.REPOSITORY, Long.toString(repositoryId)),
                new Term(CodeFields.DEP_REPOSITORY, Long.toString(repositoryId)));
    }

    /** Empties the index and forgets every branch, durably. */
    synchronized void clear() throws IOException {
        writer.deleteAll();
        indexed.clear();
        commitState();
    }

    /**
     * Records that repository {@code repositoryId} now stands at {@code branches} (branch to commit; branches left
     * out are no longer indexed) and commits durably, together with every document change made so far: when this
     * returns, the update survives a crash.
     */
    synchronized void commit(long repositoryId, Map<String, String> branches) throws IOException {
        if (branches.isEmpty()) {
            indexed.remove(repositoryId);
        } else {
            indexed.put(repositoryId, new ConcurrentHashMap<>(branches));
        }
        commitState();
    }

    private void commitState() throws IOException {
        Map<String, String> data = new HashMap<>();
        data.put(FORMAT_KEY, FORMAT);
        indexed.forEach((id, branches) -> branches.forEach((branch, commit) -> data.put(BRANCH_PREFIX + id + ":" + branch, commit)));
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /** A searcher over the latest committed state; {@link #release} it. */
    IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /** Files of a branch in the index. */
    long files(long repositoryId, String branch) throws IOException {
        IndexSearcher searcher = acquire();
        try {
            return searcher.count(new TermQuery(new Term(CodeFields.REPOSITORY_BRANCH,
                    CodeFields.repositoryBranch(repositoryId, branch))));
        } finally {
            release(searcher);
        }
    }

    /** The number of files and the bytes of their content in the index. */
    long[] totals() throws IOException {
        IndexSearcher searcher = acquire();
        try {
            long files = 0;
            long bytes = 0;
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                NumericDocValues sizes = leaf.reader().getNumericDocValues(CodeFields.SIZE);
                if (sizes == null) {
                    continue;
                }
                for (int doc = sizes.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = sizes.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        files++;
                        bytes += sizes.longValue();
                    }
                }
            }
            return new long[] {files, bytes};
        } finally {
            release(searcher);
        }
    }

    /** The bytes of the index's files on disk. */
    long diskBytes() {
        try (Stream<Path> files = Files.list(((FSDirectory) directory).getDirectory())) {
            return files.mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (NoSuchFileException merged) {
                    return 0; // Lucene deleted it after a merge, between listing and sizing
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reader of the last commit, for tests that check what a restart would find. */
    DirectoryReader openCommitted() throws IOException {
        return DirectoryReader.open(directory);
    }
}
