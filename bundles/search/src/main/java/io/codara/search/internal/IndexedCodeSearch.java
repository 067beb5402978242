package io.codara.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.search.CodeMatch;
import io.codara.api.search.CodeSearch;
import io.codara.api.search.CodeSearchResult;
import io.codara.api.search.Definition;
import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Code search over the {@link CodeIndex}. Which repositories a query may touch is decided first, from the
 * repositories service and the permission service, for this principal and this query: the index is then asked only
 * about those repositories' branches, so a file the asker may not read is never matched, counted or shown. The
 * index's answer is ranked additively so that a file defining a searched symbol comes first, then ordinary files
 * (not tests, vendored, generated or documentation), then by BM25; literals, regular expressions and case-sensitive
 * terms are prefiltered by the index and verified on each candidate's stored content.
 */
@Component(service = {CodeSearch.class, IndexedCodeSearch.class})
public final class IndexedCodeSearch implements CodeSearch {

    /** GitHub answers the first thousand results of a search, no more. */
    static final int MAX_RESULTS = 1000;
    /** Candidates verified at most per query; beyond that the answer is marked incomplete. */
    static final int MAX_CANDIDATES = 5000;
    /**
     * Candidates verified to count the rest once the asked page is full: with more left than this, the count is
     * extrapolated from this many of them. Verifying is reading and scanning each file; counting thousands of files
     * that way cost common literals most of their time.
     */
    static final int COUNT_SAMPLE = 100;
    /** Time a query may spend verifying candidates. */
    static final long VERIFY_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** Definitions outrank everything else, ordinary files outrank the others, then BM25 (far below 10^4). */
    private static final float DEFINITION_BOOST = 1_000_000f;
    private static final float ORDINARY_BOOST = 10_000f;

    /** The stored fields of a match but its content, when verification has read that already. */
    static final Set<String> TEXT_ONLY = Set.of(CodeFields.TEXT);
    private static final Set<String> WITHOUT_TEXT = Set.of(CodeFields.REPOSITORY, CodeFields.BRANCH, CodeFields.PATH,
            CodeFields.SHA, CodeFields.LANGUAGE, CodeFields.DEFINITIONS);

    private final CodeIndex index;
    private final SearchScope scope;

    @Activate
    public IndexedCodeSearch(@Reference CodeIndex index, @Reference SearchScope scope) {
        this.index = index;
        this.scope = scope;
    }

    @Override
    public CodeSearchResult search(String query, Principal principal, PageRequest page) {
        CodeQuery parsed = CodeQuery.parse(query);
        if (page.offset() + page.perPage() > MAX_RESULTS) {
            throw new ApiException(422, "Only the first " + MAX_RESULTS + " search results are available");
        }
        Map<String, SearchTarget> targets = scope.targets(parsed, principal);
        if (targets.isEmpty()) {
            return new CodeSearchResult(0, false, List.of());
        }
        Query lucene = query(parsed, targets.keySet());
        long deadline = System.nanoTime() + VERIFY_NANOS;
        LineMatcher matcher = new LineMatcher(parsed, deadline);
        try {
            IndexSearcher searcher = index.acquire();
            try {
                return parsed.needsVerification() ? verified(searcher, lucene, parsed, matcher, targets, page)
                        : direct(searcher, lucene, parsed, matcher, targets, page);
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The code index could not be read", e);
        }
    }

    private CodeSearchResult direct(IndexSearcher searcher, Query lucene, CodeQuery parsed, LineMatcher matcher,
            Map<String, SearchTarget> targets, PageRequest page) throws IOException {
        int wanted = (int) page.offset() + page.perPage();
        TopDocs top = searcher.search(lucene, new TopScoreDocCollectorManager(wanted, null, Integer.MAX_VALUE));
        List<CodeMatch> items = new ArrayList<>();
        boolean incomplete = false;
        for (int i = (int) page.offset(); i < top.scoreDocs.length; i++) {
            ScoreDoc hit = top.scoreDocs[i];
            try {
                items.add(match(searcher, hit, parsed, matcher, targets, null));
            } catch (LineMatcher.Timeout late) {
                incomplete = true; // the file matches; only its lines could not all be found in time
                items.add(match(searcher, hit, parsed, null, targets, null));
            }
        }
        return new CodeSearchResult(top.totalHits.value, incomplete, items);
    }

    private CodeSearchResult verified(IndexSearcher searcher, Query lucene, CodeQuery parsed, LineMatcher matcher,
            Map<String, SearchTarget> targets, PageRequest page) throws IOException {
        TopDocs top = searcher.search(lucene, new TopScoreDocCollectorManager(MAX_CANDIDATES, null, Integer.MAX_VALUE));
        boolean beyond = top.totalHits.value > MAX_CANDIDATES; // candidates that are never verified
        boolean incomplete = false;
        ScoreDoc[] candidates = top.scoreDocs;
        long wanted = page.offset() + page.perPage();
        long count = 0;
        List<CodeMatch> items = new ArrayList<>();
        CandidateVerifier verifier = new CandidateVerifier(searcher, matcher);
        for (int from = 0; from < candidates.length; from += verifier.batch()) {
            int[] which = IntStream.range(from, Math.min(candidates.length, from + verifier.batch())).toArray();
            String[] texts = verifier.verify(candidates, which);
            for (int k = 0; k < which.length; k++) {
                int i = which[k];
                if (texts[k] == CandidateVerifier.UNCHECKED) {
                    return new CodeSearchResult(count, true, items);
                }
                if (texts[k] == null) {
                    continue;
                }
                count++;
                if (count > page.offset() && items.size() < page.perPage()) {
                    try {
                        items.add(match(searcher, candidates[i], parsed, matcher, targets, texts[k]));
                    } catch (LineMatcher.Timeout late) {
                        incomplete = true;
                        items.add(match(searcher, candidates[i], parsed, null, targets, texts[k]));
                    }
                }
                if (count >= wanted && candidates.length - i - 1 > COUNT_SAMPLE) {
                    // The page is full: the candidates left only count, so a spread sample of them stands for all
                    // of them. Beyond MAX_CANDIDATES the sample spreads over every hit, as the best scored ones may
                    // not be like the rest; the page, from the best scored, is complete either way.
                    ScoreDoc[] pool = beyond ? allHits(searcher, lucene) : candidates;
                    return estimated(verifier, pool, beyond ? 0 : i + 1, top.totalHits.value - i - 1, count,
                            incomplete, items);
                }
            }
        }
        return new CodeSearchResult(count, incomplete || beyond, items);
    }

    /** Every document {@code lucene} matches, in index order. */
    private static ScoreDoc[] allHits(IndexSearcher searcher, Query lucene) throws IOException {
        List<ScoreDoc> hits = new ArrayList<>();
        searcher.search(new ConstantScoreQuery(lucene), new SimpleCollector() {
            private int base;

            @Override
            protected void doSetNextReader(LeafReaderContext context) {
                base = context.docBase;
            }

            @Override
            public void collect(int doc) {
                hits.add(new ScoreDoc(base + doc, 0));
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        return hits.toArray(ScoreDoc[]::new);
    }

    /**
     * A result whose count adds to {@code count} the share of {@link #COUNT_SAMPLE} candidates spread over
     * {@code candidates[from..]} that match (the well and the badly scored alike), applied to the {@code rest}
     * candidates left.
     */
    private static CodeSearchResult estimated(CandidateVerifier verifier, ScoreDoc[] candidates, int from, long rest,
            long count, boolean incomplete, List<CodeMatch> items) {
        int left = candidates.length - from;
        // One candidate at a random place in each of COUNT_SAMPLE equal strata: spread over all of them, and no
        // aliasing with a period in the index's order. A fixed seed gives the same estimate every time.
        SplittableRandom random = new SplittableRandom(COUNT_SAMPLE);
        int[] sample = IntStream.range(0, COUNT_SAMPLE).map(s -> {
            int start = (int) ((long) s * left / COUNT_SAMPLE);
            int end = (int) ((long) (s + 1) * left / COUNT_SAMPLE);
            return from + start + random.nextInt(Math.max(1, end - start));
        }).toArray();
        long matched = 0;
        for (String text : verifier.verify(candidates, sample)) {
            if (text == CandidateVerifier.UNCHECKED) {
                return new CodeSearchResult(count, true, items);
            }
            if (text != null) {
                matched++;
            }
        }
        return new CodeSearchResult(count + Math.round((double) matched * rest / COUNT_SAMPLE), incomplete, items,
                true);
    }

    private CodeMatch match(IndexSearcher searcher, ScoreDoc hit, CodeQuery parsed, LineMatcher matcher,
            Map<String, SearchTarget> targets, String text) throws IOException {
        Document doc = text == null ? searcher.storedFields().document(hit.doc)
                : searcher.storedFields().document(hit.doc, WITHOUT_TEXT);
        long repositoryId = Long.parseLong(doc.get(CodeFields.REPOSITORY));
        String branch = doc.get(CodeFields.BRANCH);
        SearchTarget target = targets.get(CodeFields.repositoryBranch(repositoryId, branch));
        String content = text != null ? text : doc.get(CodeFields.TEXT);
        return new CodeMatch(repositoryId, target.repository().fullName(), branch, target.commit(),
                doc.get(CodeFields.PATH), doc.get(CodeFields.SHA), doc.get(CodeFields.LANGUAGE), hit.score,
                matcher == null || content == null ? List.of() : matcher.lines(content),
                definitions(doc.get(CodeFields.DEFINITIONS), parsed));
    }

    /** The file's definitions whose names the query asks for (as a term or a {@code symbol:}). */
    private static List<Definition> definitions(String stored, CodeQuery parsed) {
        if (stored == null) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        for (CodeQuery.Clause c : parsed.clauses) {
            if (c.kind() == CodeQuery.Kind.TERM && !c.negated()) {
                names.add(c.text().toLowerCase(Locale.ROOT));
            }
        }
        for (String symbol : parsed.values("symbol", false)) {
            names.add(symbol.toLowerCase(Locale.ROOT));
        }
        List<Definition> out = new ArrayList<>();
        for (String[] f : CodeFields.definitions(stored)) {
            if (names.contains(f[0].toLowerCase(Locale.ROOT))) {
                out.add(new Definition(f[0], f[1], f[2], Integer.parseInt(f[3])));
            }
        }
        return out;
    }

    /** The Lucene query: which documents may match (exactly, or before verification), and how they rank. */
    static Query query(CodeQuery parsed, Set<String> repositoryBranches) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        filters(query, parsed, repositoryBranches);
        anyOf(query, parsed.values("symbol", false), v -> new TermQuery(new Term(CodeFields.SYMBOL, v)));
        for (String symbol : lower(parsed.values("symbol", true))) {
            query.add(new TermQuery(new Term(CodeFields.SYMBOL, symbol)), BooleanClause.Occur.MUST_NOT);
        }
        for (CodeQuery.Clause c : parsed.clauses) {
            switch (c.kind()) {
                case TERM -> {
                    if (!c.negated()) {
                        query.add(new BooleanQuery.Builder()
                                .add(tokens(CodeFields.CONTENT, c.text()), BooleanClause.Occur.SHOULD)
                                .add(tokens(CodeFields.PATH_TOKENS, c.text()), BooleanClause.Occur.SHOULD)
                                .build(), BooleanClause.Occur.MUST);
                        query.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(CodeFields.SYMBOL,
                                c.text().toLowerCase(Locale.ROOT)))), DEFINITION_BOOST), BooleanClause.Occur.SHOULD);
                    } else if (!parsed.caseSensitive) {
                        query.add(tokens(CodeFields.CONTENT, c.text()), BooleanClause.Occur.MUST_NOT);
                    } // a negated term under case:yes is excluded by verification only: the index ignores case
                }
                case LITERAL, REGEX -> {
                    if (!c.negated()) {
                        RegexPrefilter.Need need = c.kind() == CodeQuery.Kind.REGEX ? RegexPrefilter.analyse(c.text())
                                : new RegexPrefilter.Literal(c.text());
                        Query prefilter = RegexPrefilter.query(need, CodeFields.TRIGRAMS);
                        if (prefilter != null) {
                            query.add(prefilter, BooleanClause.Occur.FILTER);
                        }
                        if (c.kind() == CodeQuery.Kind.LITERAL) {
                            // Scored by the identifiers it contains; matched by the trigrams and verification.
                            Identifiers.scan(c.text(), 0, c.text().length(), (s, start, end, bounds, parts) -> query.add(
                                    tokens(CodeFields.CONTENT, s.subSequence(start, end).toString()),
                                    BooleanClause.Occur.SHOULD));
                        }
                    }
                }
            }
        }
        query.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(CodeFields.FLAGS, CodeFields.ORDINARY))),
                ORDINARY_BOOST), BooleanClause.Occur.SHOULD);
        return query.build();
    }

    /**
     * Adds what every kind of search filters on: the readable branches ({@code repositoryBranches}) and the query's
     * {@code lang:} and {@code path:} filters.
     */
    static void filters(BooleanQuery.Builder query, CodeQuery parsed, Set<String> repositoryBranches) {
        List<BytesRef> keys = repositoryBranches.stream().map(BytesRef::new).toList();
        query.add(new TermInSetQuery(CodeFields.REPOSITORY_BRANCH, keys), BooleanClause.Occur.FILTER);
        anyOf(query, parsed.values("lang", false), v -> new TermQuery(new Term(CodeFields.LANGUAGE_LOWER, v)));
        for (String lang : lower(parsed.values("lang", true))) {
            query.add(new TermQuery(new Term(CodeFields.LANGUAGE_LOWER, lang)), BooleanClause.Occur.MUST_NOT);
        }
        anyOf(query, parsed.values("path", false), IndexedCodeSearch::pathQuery);
        for (String path : parsed.values("path", true)) {
            query.add(pathQuery(path), BooleanClause.Occur.MUST_NOT);
        }
    }

    private static void anyOf(BooleanQuery.Builder query, List<String> values,
            java.util.function.Function<String, Query> one) {
        if (values.isEmpty()) {
            return;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String v : values) {
            any.add(one.apply(v.toLowerCase(Locale.ROOT)), BooleanClause.Occur.SHOULD);
        }
        query.add(any.setMinimumNumberShouldMatch(1).build(), BooleanClause.Occur.FILTER);
    }

    /**
     * An identifier term as the index holds it: a single part anywhere, a decorated identifier whole, several parts
     * in a row within one identifier.
     */
    static Query tokens(String field, String term) {
        String lower = term.toLowerCase(Locale.ROOT);
        String[] parts = Identifiers.parts(term);
        if (parts.length == 0 || parts.length == 1 && !parts[0].equals(lower)) {
            return new TermQuery(new Term(field, lower));
        }
        if (parts.length == 1) {
            return new TermQuery(new Term(field, parts[0]));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        for (int i = 0; i < parts.length; i++) {
            phrase.add(new Term(field, parts[i]), i);
        }
        return new BooleanQuery.Builder()
                .add(phrase.build(), BooleanClause.Occur.SHOULD)
                .add(new TermQuery(new Term(field, lower)), BooleanClause.Occur.SHOULD)
                .build();
    }

    /**
     * {@code path:} as a glob over the whole path, or at any depth ({@code *.java}, {@code src/**}), or as a
     * substring when it has no wildcard; case-insensitive.
     */
    static Query pathQuery(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.startsWith("/")) {
            v = v.substring(1);
        }
        if (v.isEmpty()) {
            return new MatchNoDocsQuery();
        }
        if (v.indexOf('*') < 0 && v.indexOf('?') < 0) {
            return new WildcardQuery(new Term(CodeFields.PATH_LOWER, "*" + escape(v) + "*"));
        }
        String wildcard = escapeExceptGlob(v.replace("**", "*"));
        return new BooleanQuery.Builder()
                .add(new WildcardQuery(new Term(CodeFields.PATH_LOWER, wildcard)), BooleanClause.Occur.SHOULD)
                .add(new WildcardQuery(new Term(CodeFields.PATH_LOWER, "*/" + wildcard)), BooleanClause.Occur.SHOULD)
                .build();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    private static String escapeExceptGlob(String s) {
        return s.replace("\\", "\\\\");
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }
}
