package io.codara.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import io.codara.api.rest.ApiException;
import io.codara.api.search.Definition;
import io.codara.api.search.SemanticMatch;
import io.codara.api.search.SemanticSearch;
import io.codara.api.search.SemanticSearchResult;
import io.codara.api.search.spi.CandidateFile;
import io.codara.api.search.spi.RankedFile;
import io.codara.api.search.spi.SemanticCandidates;
import io.codara.api.search.spi.SemanticRanker;
import io.codara.api.security.Principal;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Natural-language code search: the readable branches come from {@link SearchScope}, the index offers their files as
 * {@link SemanticCandidates}, and the {@link SemanticRanker} of highest service ranking (ties: the oldest) orders
 * them. A ranker can only rank what it was handed: a file it returns from elsewhere is dropped, so a plugin cannot
 * widen what the asker sees.
 */
@Component(service = {SemanticSearch.class, IndexedSemanticSearch.class})
public final class IndexedSemanticSearch implements SemanticSearch {

    /** Longer questions are no question a person types. */
    static final int MAX_QUESTION = 500;
    /** Files answered at most. */
    static final int MAX_LIMIT = 100;
    /** Candidates handed to a ranker at most per call. */
    static final int MAX_CANDIDATES = 500;

    private final CodeIndex index;
    private final SearchScope scope;
    private final List<Ranked> rankers = new CopyOnWriteArrayList<>();

    private record Ranked(SemanticRanker ranker, int ranking, long serviceId) {
    }

    @Activate
    public IndexedSemanticSearch(@Reference CodeIndex index, @Reference SearchScope scope) {
        this.index = index;
        this.scope = scope;
    }

    @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRanker(SemanticRanker ranker, Map<String, Object> properties) {
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        long id = properties.get(Constants.SERVICE_ID) instanceof Long l ? l : 0L;
        rankers.add(new Ranked(ranker, ranking, id));
    }

    void removeRanker(SemanticRanker ranker) {
        rankers.removeIf(r -> r.ranker() == ranker);
    }

    /** The ranker in charge now. */
    SemanticRanker ranker() {
        return rankers.stream().min(Comparator.comparingInt((Ranked r) -> -r.ranking()).thenComparingLong(Ranked::serviceId))
                .map(Ranked::ranker).orElseThrow(() -> new ApiException(503, "No semantic ranker is available"));
    }

    @Override
    public SemanticSearchResult search(String question, String repository, Principal principal, int limit) {
        if (question == null || question.isBlank()) {
            throw new ApiException(422, "Ask a question about the code, e.g. where do we parse dates");
        }
        if (question.length() > MAX_QUESTION) {
            throw new ApiException(422, "A question is at most " + MAX_QUESTION + " characters");
        }
        if (repository != null && !repository.matches("[^\\s/]+/[^\\s/]+")) {
            throw new ApiException(422, "repo names a repository as owner/name, not " + repository);
        }
        int wanted = Math.max(1, Math.min(limit, MAX_LIMIT));
        Map<String, SearchTarget> targets = scope.targets(
                CodeQuery.parse(repository == null ? "" : "repo:" + repository, Set.of(), false), principal);
        SemanticRanker ranker = ranker();
        if (targets.isEmpty()) {
            return new SemanticSearchResult(ranker.getClass().getName(), List.of());
        }
        IndexCandidates candidates = new IndexCandidates(targets);
        List<SemanticMatch> items = new ArrayList<>();
        for (RankedFile r : ranker.rank(question, candidates, wanted)) {
            CandidateFile f = r.file();
            if (!candidates.handedOut.containsKey(f)) {
                continue; // not from this search's candidates: the asker may not be allowed to read it
            }
            items.add(new SemanticMatch(f.repositoryId(), f.repository(), f.branch(), f.commit(), f.path(),
                    f.language(), r.score(), r.lines(), r.matchedTerms()));
            if (items.size() == wanted) {
                break;
            }
        }
        return new SemanticSearchResult(ranker.getClass().getName(), items);
    }

    /** The files of one search's readable branches, found through the identifier, comment and path tokens. */
    final class IndexCandidates implements SemanticCandidates {
        private final Map<String, SearchTarget> targets;
        final Map<CandidateFile, Boolean> handedOut = Collections.synchronizedMap(new IdentityHashMap<>());

        IndexCandidates(Map<String, SearchTarget> targets) {
            this.targets = targets;
        }

        @Override
        public List<CandidateFile> matching(List<Set<String>> groups, int limit) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            int clauses = 0;
            for (Set<String> group : groups) {
                List<BytesRef> words = group.stream().map(w -> w.toLowerCase(Locale.ROOT))
                        .filter(Identifiers::isIdentifier).distinct().map(BytesRef::new).toList();
                if (words.isEmpty() || clauses == BooleanQuery.getMaxClauseCount()) {
                    continue;
                }
                // One point per group matched, wherever: files that touch more of the question come first.
                any.add(new ConstantScoreQuery(new BooleanQuery.Builder()
                        .add(new TermInSetQuery(CodeFields.CONTENT, words), BooleanClause.Occur.SHOULD)
                        .add(new TermInSetQuery(CodeFields.COMMENTS, words), BooleanClause.Occur.SHOULD)
                        .add(new TermInSetQuery(CodeFields.PATH_TOKENS, words), BooleanClause.Occur.SHOULD)
                        .build()), BooleanClause.Occur.SHOULD);
                clauses++;
            }
            if (clauses == 0) {
                return List.of();
            }
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            IndexedCodeSearch.filters(query, CodeQuery.parse("", Set.of(), false), targets.keySet());
            query.add(any.setMinimumNumberShouldMatch(1).build(), BooleanClause.Occur.MUST);
            query.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(CodeFields.FLAGS,
                    CodeFields.ORDINARY))), 0.5f), BooleanClause.Occur.SHOULD);
            Query files = query.build();
            try {
                IndexSearcher searcher = index.acquire();
                try {
                    Set<Integer> ordinary = IndexedSymbolSearch.ordinary(searcher, files);
                    List<CandidateFile> out = new ArrayList<>();
                    for (ScoreDoc hit : searcher.search(files, Math.max(1, Math.min(limit, MAX_CANDIDATES))).scoreDocs) {
                        Document doc = searcher.storedFields().document(hit.doc);
                        SearchTarget target = targets.get(CodeFields.repositoryBranch(
                                Long.parseLong(doc.get(CodeFields.REPOSITORY)), doc.get(CodeFields.BRANCH)));
                        List<Definition> definitions = new ArrayList<>();
                        for (String[] d : CodeFields.definitions(doc.get(CodeFields.DEFINITIONS))) {
                            definitions.add(new Definition(d[0], d[1], d[2], Integer.parseInt(d[3])));
                        }
                        CandidateFile file = new CandidateFile(target.repository().id(), target.repository().fullName(),
                                target.branch(), target.commit(), doc.get(CodeFields.PATH), doc.get(CodeFields.LANGUAGE),
                                ordinary.contains(hit.doc), doc.get(CodeFields.TEXT), definitions);
                        handedOut.put(file, Boolean.TRUE);
                        out.add(file);
                    }
                    return out;
                } finally {
                    index.release(searcher);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("The code index could not be read", e);
            }
        }
    }
}
