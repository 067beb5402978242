package io.codara.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

/**
 * Reads and checks candidate files several at a time, on the calling thread and the common fork-join pool's
 * (git grep also searches on every core): reading a candidate's stored content is most of a verified query's time.
 * Batches keep the caller in control, so it stops as soon as it has what it needs.
 */
final class CandidateVerifier {

    /** Marks a candidate that was not checked because the query ran out of time first. */
    static final String UNCHECKED = new String("unchecked");

    private final IndexSearcher searcher;
    private final LineMatcher matcher;
    private final int threads;

    CandidateVerifier(IndexSearcher searcher, LineMatcher matcher, int threads) {
        this.searcher = searcher;
        this.matcher = matcher;
        this.threads = Math.max(1, threads);
    }

    /** With the calling thread and every thread of the common pool. */
    CandidateVerifier(IndexSearcher searcher, LineMatcher matcher) {
        this(searcher, matcher, ForkJoinPool.getCommonPoolParallelism() + 1);
    }

    /** How many candidates a batch should hold to keep every thread busy. */
    int batch() {
        return 16 * threads;
    }

    /**
     * For each of {@code candidates[which[k]]}: its content when it matches, null when it does not, or
     * {@link #UNCHECKED} when time ran out before it was read (then every later one may be unchecked too).
     */
    String[] verify(ScoreDoc[] candidates, int[] which) {
        String[] out = new String[which.length];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean late = new AtomicBoolean();
        Runnable work = () -> {
            StoredFields stored; // not thread-safe: one per thread
            try {
                stored = searcher.storedFields();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int k; (k = next.getAndIncrement()) < which.length; ) {
                if (late.get()) {
                    out[k] = UNCHECKED;
                    continue;
                }
                try {
                    String text = stored.document(candidates[which[k]].doc, IndexedCodeSearch.TEXT_ONLY)
                            .get(CodeFields.TEXT);
                    out[k] = text != null && matcher.matches(text) ? text : null;
                } catch (LineMatcher.Timeout timeout) {
                    late.set(true);
                    out[k] = UNCHECKED;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        List<ForkJoinTask<?>> helpers = new ArrayList<>();
        for (int h = 1; h < threads && h < which.length; h++) {
            helpers.add(ForkJoinPool.commonPool().submit(work));
        }
        work.run();
        for (ForkJoinTask<?> helper : helpers) {
            helper.join(); // rethrows what failed on a helper thread
        }
        return out;
    }
}
