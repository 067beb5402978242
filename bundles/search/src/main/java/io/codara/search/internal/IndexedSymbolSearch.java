package io.codara.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.WildcardQuery;

import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.search.LineMatch;
import io.codara.api.search.ReferenceFile;
import io.codara.api.search.ReferenceSearchResult;
import io.codara.api.search.SymbolMatch;
import io.codara.api.search.SymbolSearch;
import io.codara.api.search.SymbolSearchResult;
import io.codara.api.search.TextRange;
import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Symbol search, go to definition and find references over the definitions the {@link CodeIndexer} stored with each
 * file and the identifier tokens of its content. Like every search it asks {@link SearchScope} first which branches
 * the principal may read, and asks the index about those only.
 */
@Component(service = {SymbolSearch.class, IndexedSymbolSearch.class})
public final class IndexedSymbolSearch implements SymbolSearch {

    /** Definitions answered at most by go to definition (a name defined more often is too common to jump to). */
    static final int MAX_DEFINITIONS = 100;

    private final CodeIndex index;
    private final SearchScope scope;

    @Activate
    public IndexedSymbolSearch(@Reference CodeIndex index, @Reference SearchScope scope) {
        this.index = index;
        this.scope = scope;
    }

    /** How a definition's name matches a query's name: the lower, the better. */
    enum NameMatch {
        EXACT, EXACT_IGNORING_CASE, PREFIX, PREFIX_IGNORING_CASE, PARTS, NONE
    }

    static NameMatch match(String query, String name) {
        if (name.equals(query)) {
            return NameMatch.EXACT;
        }
        if (name.equalsIgnoreCase(query)) {
            return NameMatch.EXACT_IGNORING_CASE;
        }
        if (name.startsWith(query)) {
            return NameMatch.PREFIX;
        }
        if (name.regionMatches(true, 0, query, 0, query.length())) {
            return NameMatch.PREFIX_IGNORING_CASE;
        }
        String[] nameParts = Identifiers.parts(name);
        return partsMatch(Identifiers.parts(query), nameParts) || partsMatch(humps(query), nameParts)
                ? NameMatch.PARTS : NameMatch.NONE;
    }

    /**
     * A typed abbreviation's parts when every capital starts one ({@code gUN} is {@code g, u, n}, where
     * {@link Identifiers#parts} reads {@code UN} as an acronym).
     */
    static String[] humps(String query) {
        List<String> out = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '_' || c == '$' || Character.isUpperCase(c)) {
                if (part.length() > 0) {
                    out.add(part.toString().toLowerCase(Locale.ROOT));
                    part.setLength(0);
                }
                if (c == '_' || c == '$') {
                    continue;
                }
            }
            part.append(c);
        }
        if (part.length() > 0) {
            out.add(part.toString().toLowerCase(Locale.ROOT));
        }
        return out.toArray(String[]::new);
    }

    /**
     * Whether the query's parts start the name's parts in order, the first at the first ({@code pD}, {@code parseDa}
     * and {@code gName} match {@code parseDate}, {@code parseDate} and {@code getUserName}). Taking the earliest part
     * that fits is never worse than a later one, so one greedy pass decides.
     */
    static boolean partsMatch(String[] query, String[] name) {
        if (query.length < 2 || name.length < query.length || !name[0].startsWith(query[0])) {
            return false;
        }
        int k = 1;
        for (int q = 1; q < query.length; q++) {
            while (k < name.length && !name[k].startsWith(query[q])) {
                k++;
            }
            if (k == name.length) {
                return false;
            }
            k++;
        }
        return true;
    }

    @Override
    public SymbolSearchResult search(String query, Principal principal, PageRequest page) {
        CodeQuery parsed = CodeQuery.parse(query, Set.of("kind"), true);
        String name = symbolName(parsed);
        if (page.offset() + page.perPage() > IndexedCodeSearch.MAX_RESULTS) {
            throw new ApiException(422, "Only the first " + IndexedCodeSearch.MAX_RESULTS + " symbols are available");
        }
        Map<String, SearchTarget> targets = scope.targets(parsed, principal);
        if (targets.isEmpty()) {
            return new SymbolSearchResult(0, false, List.of());
        }
        Set<String> kinds = lower(parsed.values("kind", false));
        Set<String> notKinds = lower(parsed.values("kind", true));
        String lower = name.toLowerCase(Locale.ROOT);
        BooleanQuery.Builder names = new BooleanQuery.Builder()
                .add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(CodeFields.SYMBOL, lower))), 100),
                        BooleanClause.Occur.SHOULD)
                .add(new BoostQuery(new ConstantScoreQuery(new PrefixQuery(new Term(CodeFields.SYMBOL, lower))), 10),
                        BooleanClause.Occur.SHOULD);
        for (String[] parts : List.of(Identifiers.parts(name), humps(name))) {
            if (parts.length > 1) {
                StringBuilder initials = new StringBuilder();
                for (String p : parts) {
                    initials.append(p.charAt(0)).append('*');
                }
                names.add(new ConstantScoreQuery(new WildcardQuery(new Term(CodeFields.SYMBOL_INITIALS,
                        initials.toString()))), BooleanClause.Occur.SHOULD);
            }
        }
        BooleanQuery.Builder lucene = new BooleanQuery.Builder();
        IndexedCodeSearch.filters(lucene, parsed, targets.keySet());
        lucene.add(names.setMinimumNumberShouldMatch(1).build(), BooleanClause.Occur.MUST);
        Query files = lucene.build();
        try {
            IndexSearcher searcher = index.acquire();
            try {
                TopDocs top = searcher.search(files, IndexedCodeSearch.MAX_CANDIDATES);
                Set<Integer> ordinary = ordinary(searcher, files);
                List<Found> found = new ArrayList<>();
                for (ScoreDoc hit : top.scoreDocs) {
                    Document doc = searcher.storedFields().document(hit.doc, FILE_FIELDS);
                    SearchTarget target = targets.get(CodeFields.repositoryBranch(
                            Long.parseLong(doc.get(CodeFields.REPOSITORY)), doc.get(CodeFields.BRANCH)));
                    for (String[] d : CodeFields.definitions(doc.get(CodeFields.DEFINITIONS))) {
                        String kind = d[1].toLowerCase(Locale.ROOT);
                        if (!kinds.isEmpty() && !kinds.contains(kind) || notKinds.contains(kind)) {
                            continue;
                        }
                        NameMatch m = match(name, d[0]);
                        if (m != NameMatch.NONE) {
                            found.add(new Found(m, ordinary.contains(hit.doc), symbol(d, target, doc)));
                        }
                    }
                }
                found.sort(Comparator.comparing(Found::match).thenComparing(f -> !f.ordinary())
                        .thenComparingInt(f -> f.symbol().name().length())
                        .thenComparing(f -> f.symbol().repository()).thenComparing(f -> f.symbol().path())
                        .thenComparingInt(f -> f.symbol().line()));
                List<SymbolMatch> items = new ArrayList<>();
                for (int i = (int) page.offset(); i < found.size() && items.size() < page.perPage(); i++) {
                    items.add(found.get(i).symbol());
                }
                return new SymbolSearchResult(found.size(), top.totalHits.value > top.scoreDocs.length, items);
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The code index could not be read", e);
        }
    }

    private static final Set<String> FILE_FIELDS = Set.of(CodeFields.REPOSITORY, CodeFields.BRANCH, CodeFields.PATH,
            CodeFields.LANGUAGE, CodeFields.DEFINITIONS);

    private record Found(NameMatch match, boolean ordinary, SymbolMatch symbol) {
    }

    /** The one symbol name a symbol query asks for. */
    private static String symbolName(CodeQuery parsed) {
        List<String> names = new ArrayList<>();
        for (CodeQuery.Clause c : parsed.clauses) {
            if (c.negated()) {
                throw new ApiException(422, "A symbol search excludes with -kind:, -lang:, -path:, -repo: only");
            }
            if (c.kind() != CodeQuery.Kind.TERM) {
                throw new ApiException(422, "A symbol search takes an identifier (or its start), not " + c.text());
            }
            names.add(c.text());
        }
        if (names.size() != 1) {
            throw new ApiException(422, "A symbol search names one symbol, e.g. parseDate kind:method lang:java");
        }
        return names.get(0);
    }

    private static SymbolMatch symbol(String[] d, SearchTarget target, Document doc) {
        return new SymbolMatch(d[0], d[1], d[2], d[4], target.repository().id(), target.repository().fullName(),
                target.branch(), target.commit(), doc.get(CodeFields.PATH), Integer.parseInt(d[3]),
                doc.get(CodeFields.LANGUAGE));
    }

    /** Which of the documents {@code files} matches are ordinary code (not tests, vendored, generated or docs). */
    static Set<Integer> ordinary(IndexSearcher searcher, Query files) throws IOException {
        Query ordinary = new BooleanQuery.Builder().add(files, BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(CodeFields.FLAGS, CodeFields.ORDINARY)), BooleanClause.Occur.FILTER)
                .build();
        Set<Integer> out = new HashSet<>();
        for (ScoreDoc d : searcher.search(ordinary, IndexedCodeSearch.MAX_CANDIDATES).scoreDocs) {
            out.add(d.doc);
        }
        return out;
    }

    @Override
    public List<SymbolMatch> definitions(String owner, String repository, String name, String ref, String path,
            Integer line, Principal principal) {
        requireIdentifier(name);
        SearchTarget target = scope.target(owner, repository, ref, principal);
        Query files = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(CodeFields.REPOSITORY_BRANCH,
                        CodeFields.repositoryBranch(target.repository().id(), target.branch()))), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(CodeFields.SYMBOL, name.toLowerCase(Locale.ROOT))), BooleanClause.Occur.FILTER)
                .build();
        try {
            IndexSearcher searcher = index.acquire();
            try {
                Set<Integer> ordinary = ordinary(searcher, files);
                List<Found> exact = new ArrayList<>();
                List<Found> ignoringCase = new ArrayList<>();
                for (ScoreDoc hit : searcher.search(files, IndexedCodeSearch.MAX_CANDIDATES).scoreDocs) {
                    Document doc = searcher.storedFields().document(hit.doc, FILE_FIELDS);
                    for (String[] d : CodeFields.definitions(doc.get(CodeFields.DEFINITIONS))) {
                        NameMatch m = match(name, d[0]);
                        if (m == NameMatch.EXACT) {
                            exact.add(new Found(m, ordinary.contains(hit.doc), symbol(d, target, doc)));
                        } else if (m == NameMatch.EXACT_IGNORING_CASE) {
                            ignoringCase.add(new Found(m, ordinary.contains(hit.doc), symbol(d, target, doc)));
                        }
                    }
                }
                List<Found> found = exact.isEmpty() ? ignoringCase : exact;
                String language = path == null ? null : language(searcher, target, path);
                Comparator<Found> order = Comparator.comparingInt((Found f) -> -proximity(f.symbol(), path, language))
                        .thenComparingInt(f -> path != null && line != null && f.symbol().path().equals(path)
                                ? Math.abs(f.symbol().line() - line) : 0)
                        .thenComparing(f -> !f.ordinary())
                        .thenComparing(f -> f.symbol().path()).thenComparingInt(f -> f.symbol().line());
                return found.stream().sorted(order).limit(MAX_DEFINITIONS).map(Found::symbol).toList();
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The code index could not be read", e);
        }
    }

    /**
     * How close a definition is to where its name was used: same file, then same directory (a Java or Go package),
     * then by the depth of the directories they share, and in the same language before another.
     */
    static int proximity(SymbolMatch definition, String usedIn, String usedLanguage) {
        if (usedIn == null) {
            return 0;
        }
        if (definition.path().equals(usedIn)) {
            return 10_000;
        }
        String[] a = directory(definition.path()).split("/");
        String[] b = directory(usedIn).split("/");
        int shared = 0;
        while (shared < a.length && shared < b.length && a[shared].equals(b[shared]) && !a[shared].isEmpty()) {
            shared++;
        }
        boolean sameDirectory = directory(definition.path()).equals(directory(usedIn));
        boolean sameLanguage = usedLanguage != null && usedLanguage.equals(definition.language());
        return (sameDirectory ? 5_000 : 0) + (sameLanguage ? 1_000 : 0) + Math.min(shared, 999);
    }

    private static String directory(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String language(IndexSearcher searcher, SearchTarget target, String path) throws IOException {
        TopDocs top = searcher.search(new TermQuery(CodeFields.keyTerm(target.repository().id(), target.branch(),
                path)), 1);
        return top.scoreDocs.length == 0 ? null
                : searcher.storedFields().document(top.scoreDocs[0].doc, Set.of(CodeFields.LANGUAGE))
                        .get(CodeFields.LANGUAGE);
    }

    @Override
    public ReferenceSearchResult references(String owner, String repository, String name, String ref,
            Principal principal, PageRequest page) {
        requireIdentifier(name);
        SearchTarget target = scope.target(owner, repository, ref, principal);
        // The token index is lower-case and holds identifier parts too: it finds every file that may use the name,
        // and each candidate's lines are then checked for the exact, whole identifier.
        Query files = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(CodeFields.REPOSITORY_BRANCH,
                        CodeFields.repositoryBranch(target.repository().id(), target.branch()))), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(CodeFields.CONTENT, name.toLowerCase(Locale.ROOT))), BooleanClause.Occur.FILTER)
                .build();
        long deadline = System.nanoTime() + IndexedCodeSearch.VERIFY_NANOS;
        try {
            IndexSearcher searcher = index.acquire();
            try {
                TopDocs top = searcher.search(files, IndexedCodeSearch.MAX_CANDIDATES);
                boolean incomplete = top.totalHits.value > top.scoreDocs.length;
                Set<Integer> ordinary = ordinary(searcher, files);
                List<ReferenceFile> found = new ArrayList<>();
                Map<ReferenceFile, Boolean> ordinaryFile = new LinkedHashMap<>();
                long lines = 0;
                for (ScoreDoc hit : top.scoreDocs) {
                    if (System.nanoTime() > deadline) {
                        incomplete = true;
                        break;
                    }
                    Document doc = searcher.storedFields().document(hit.doc);
                    Set<Integer> definitionLines = new HashSet<>();
                    for (String[] d : CodeFields.definitions(doc.get(CodeFields.DEFINITIONS))) {
                        if (d[0].equals(name)) {
                            definitionLines.add(Integer.parseInt(d[3]));
                        }
                    }
                    List<LineMatch> uses = uses(doc.get(CodeFields.TEXT), name, definitionLines);
                    if (!uses.isEmpty()) {
                        ReferenceFile file = new ReferenceFile(doc.get(CodeFields.PATH), doc.get(CodeFields.LANGUAGE), uses);
                        found.add(file);
                        ordinaryFile.put(file, ordinary.contains(hit.doc));
                        lines += uses.size();
                    }
                }
                found.sort(Comparator.comparing((ReferenceFile f) -> !ordinaryFile.get(f)).thenComparing(ReferenceFile::path));
                List<ReferenceFile> items = found.stream().skip(page.offset()).limit(page.perPage()).toList();
                return new ReferenceSearchResult(target.repository().fullName(), target.branch(), target.commit(), lines,
                        found.size(), incomplete, items);
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The code index could not be read", e);
        }
    }

    /** The lines of {@code text} holding {@code name} as a whole identifier, but for {@code skip}. */
    static List<LineMatch> uses(String text, String name, Set<Integer> skip) {
        List<LineMatch> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        // From occurrence to occurrence, counting the newlines passed: one pass over the text.
        int lineNumber = 1;
        int lineStart = 0;
        int counted = 0;
        for (int at = text.indexOf(name); at >= 0; ) {
            for (int k = text.indexOf('\n', counted); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) {
                lineNumber++;
                lineStart = k + 1;
            }
            int end = text.indexOf('\n', at);
            if (end < 0) {
                end = text.length();
            }
            counted = end;
            if (!skip.contains(lineNumber)) {
                String line = text.substring(lineStart, end > lineStart && text.charAt(end - 1) == '\r' ? end - 1 : end);
                List<TextRange> ranges = new ArrayList<>();
                Identifiers.scan(line, 0, line.length(), (t, from, to, bounds, parts) -> {
                    if (to - from == name.length() && line.startsWith(name, from)) {
                        ranges.add(new TextRange(from, to));
                    }
                });
                if (!ranges.isEmpty()) {
                    out.add(new LineMatch(lineNumber, line, ranges));
                }
            }
            at = end < text.length() ? text.indexOf(name, end) : -1;
        }
        return out;
    }

    private static void requireIdentifier(String name) {
        if (name == null || !Identifiers.isIdentifier(name)) {
            throw new ApiException(422, "A symbol is named by one identifier, not " + name);
        }
    }

    private static Set<String> lower(List<String> values) {
        Set<String> out = new HashSet<>();
        values.forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
        return out;
    }
}
