package io.codara.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import io.codara.api.git.RepositoryDirectories;
import io.codara.api.rest.ApiException;
import io.codara.api.search.ExcerptLine;
import io.codara.api.search.FrameLocation;
import io.codara.api.search.ParsedTrace;
import io.codara.api.search.StackTraceSearch;
import io.codara.api.search.StackTraceSearchResult;
import io.codara.api.search.TraceFrame;
import io.codara.api.security.Principal;
import io.codara.search.internal.stacktrace.FrameLocator;
import io.codara.search.internal.stacktrace.StackFrame;
import io.codara.search.internal.stacktrace.StackTrace;
import io.codara.search.internal.stacktrace.StackTraceParser;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Finds the code of a pasted stack trace: {@link StackTraceParser} reads the traces, {@link FrameLocator} turns each
 * frame into path suffixes, and the code index finds the files of readable branches (from {@link SearchScope}) whose
 * paths end with them, through a reversed-path field where a suffix is a prefix. Per frame, the longest suffix that
 * matches anything wins, as the locator's contract says. When the text names a commit, or a version with a tag
 * {@code v1.4.2} or {@code 1.4.2}, that a repository has, the excerpt is read from git at that commit: the frame's
 * line numbers are that commit's.
 */
@Component(service = {StackTraceSearch.class, IndexedStackTraceSearch.class})
public final class IndexedStackTraceSearch implements StackTraceSearch {

    /** Pasted text longer than this is no stack trace a person pastes. */
    static final int MAX_TEXT = 1 << 20;
    /** Distinct frames searched at most. */
    static final int MAX_FRAMES = 60;
    /** Files per frame at most (a bare file name such as index.js can match many). */
    static final int MAX_FILES_PER_FRAME = 10;
    static final int MAX_RESULTS = 100;
    /** Lines shown either side of a frame's line. */
    static final int CONTEXT = 3;
    /** Files larger than this are not read from history; the indexed text is shown instead. */
    private static final int MAX_BLOB_BYTES = 1 << 20;

    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{7,40}");
    private static final Set<String> CALLABLE_KINDS = Set.of("function", "method", "constructor");

    private final CodeIndex index;
    private final SearchScope scope;
    private final RepositoryDirectories directories;
    private final StackTraceParser parser = new StackTraceParser();
    private final FrameLocator locator = new FrameLocator();

    @Activate
    public IndexedStackTraceSearch(@Reference CodeIndex index, @Reference SearchScope scope,
            @Reference RepositoryDirectories directories) {
        this.index = index;
        this.scope = scope;
        this.directories = directories;
    }

    /** A frame to search, where it is in the pasted traces. */
    private record Searched(int position, int traceIndex, int frameIndex, StackFrame frame, List<String> revisions) {
    }

    /** An indexed file found for a frame. */
    private record Hit(Searched searched, SearchTarget target, String path, String sha, String text,
            String definitions, int components) {
    }

    @Override
    public StackTraceSearchResult search(String text, String repository, Principal principal) {
        if (text == null || text.isBlank()) {
            throw new ApiException(400, "The body holds no text: paste a stack trace (or a log excerpt with one)");
        }
        if (text.length() > MAX_TEXT) {
            throw new ApiException(422, "The text is longer than " + MAX_TEXT + " characters: paste the trace only");
        }
        List<StackTrace> traces = parser.parse(text);
        if (traces.isEmpty()) {
            throw new ApiException(422, "No stack trace was found in the text: paste its frames too (Java 'at"
                    + " com.acme.Foo.bar(Foo.java:42)', Python 'File \"app.py\", line 7, in main', Node"
                    + " 'at main (/app/index.js:3:9)', Go, .NET)");
        }
        String only = repository == null || repository.isBlank() ? null : repository.strip();
        if (only != null && scope.readable(only, principal).isEmpty()) {
            throw ApiException.notFound();
        }
        Map<String, SearchTarget> targets = scope.targets(principal, only, null);
        List<ParsedTrace> parsed = traces.stream().map(IndexedStackTraceSearch::parsed).toList();
        List<Searched> frames = new ArrayList<>();
        boolean incomplete = framesToSearch(traces, frames);
        if (targets.isEmpty()) {
            return new StackTraceSearchResult(parsed, incomplete, List.of());
        }
        List<Hit> hits = new ArrayList<>();
        try {
            IndexSearcher searcher = index.acquire();
            try {
                Query readable = new TermInSetQuery(CodeFields.REPOSITORY_BRANCH,
                        targets.keySet().stream().map(BytesRef::new).toList());
                for (Searched searched : frames) {
                    incomplete |= find(searcher, readable, targets, searched, hits);
                }
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The code index could not be read", e);
        }
        Map<Long, Set<Integer>> framesPerRepository = new HashMap<>();
        for (Hit h : hits) {
            framesPerRepository.computeIfAbsent(h.target().repository().id(), k -> new HashSet<>())
                    .add(h.searched().position());
        }
        hits.sort(Comparator.<Hit, Boolean>comparing(h -> h.searched().frame().library())
                .thenComparing(h -> -framesPerRepository.get(h.target().repository().id()).size())
                .thenComparing(h -> -h.components())
                .thenComparing(h -> h.searched().position())
                .thenComparing(h -> h.target().repository().fullName())
                .thenComparing(Hit::path));
        if (hits.size() > MAX_RESULTS) {
            incomplete = true;
        }
        List<FrameLocation> items = new ArrayList<>();
        try (History history = new History()) {
            for (Hit h : hits.subList(0, Math.min(hits.size(), MAX_RESULTS))) {
                items.add(location(h, framesPerRepository.get(h.target().repository().id()).size(), history));
            }
        }
        return new StackTraceSearchResult(parsed, incomplete, items);
    }

    /** Application frames first, then library frames, each in trace order, once each; whether some were left out. */
    private static boolean framesToSearch(List<StackTrace> traces, List<Searched> out) {
        Set<String> seen = new HashSet<>();
        List<Searched> library = new ArrayList<>();
        List<Searched> application = new ArrayList<>();
        for (int t = 0; t < traces.size(); t++) {
            StackTrace trace = traces.get(t);
            for (int f = 0; f < trace.frames().size(); f++) {
                StackFrame frame = trace.frames().get(f);
                if (seen.add(frame.language() + "\u0000" + frame.file() + "\u0000" + frame.line() + "\u0000"
                        + frame.module() + "\u0000" + frame.function())) {
                    (frame.library() ? library : application).add(new Searched(0, t, f, frame, trace.revisions()));
                }
            }
        }
        List<Searched> all = new ArrayList<>(application);
        all.addAll(library);
        for (int i = 0; i < all.size() && i < MAX_FRAMES; i++) {
            Searched s = all.get(i);
            out.add(new Searched(i, s.traceIndex(), s.frameIndex(), s.frame(), s.revisions()));
        }
        return all.size() > MAX_FRAMES;
    }

    /** Adds the files of the first (longest) candidate path of a frame that any has; whether some were left out. */
    private boolean find(IndexSearcher searcher, Query readable, Map<String, SearchTarget> targets, Searched searched,
            List<Hit> hits) throws IOException {
        for (String candidate : locator.candidatePaths(searched.frame())) {
            String reversed = CodeFields.reversedPath(candidate);
            Query query = new BooleanQuery.Builder()
                    .add(readable, BooleanClause.Occur.FILTER)
                    .add(new BooleanQuery.Builder()
                            .add(new TermQuery(new Term(CodeFields.PATH_REVERSED, reversed)), BooleanClause.Occur.SHOULD)
                            .add(new PrefixQuery(new Term(CodeFields.PATH_REVERSED, reversed + "/")),
                                    BooleanClause.Occur.SHOULD)
                            .setMinimumNumberShouldMatch(1).build(), BooleanClause.Occur.FILTER)
                    .build();
            TopDocs top = searcher.search(query, MAX_FILES_PER_FRAME + 1, Sort.INDEXORDER);
            if (top.scoreDocs.length == 0) {
                continue;
            }
            int components = candidate.split("/").length;
            for (int i = 0; i < top.scoreDocs.length && i < MAX_FILES_PER_FRAME; i++) {
                ScoreDoc hit = top.scoreDocs[i];
                Document doc = searcher.storedFields().document(hit.doc);
                SearchTarget target = targets.get(CodeFields.repositoryBranch(
                        Long.parseLong(doc.get(CodeFields.REPOSITORY)), doc.get(CodeFields.BRANCH)));
                hits.add(new Hit(searched, target, doc.get(CodeFields.PATH), doc.get(CodeFields.SHA),
                        doc.get(CodeFields.TEXT), doc.get(CodeFields.DEFINITIONS), components));
            }
            return top.scoreDocs.length > MAX_FILES_PER_FRAME;
        }
        return false;
    }

    private FrameLocation location(Hit h, int repositoryFrames, History history) {
        StackFrame frame = h.searched().frame();
        String commit = h.target().commit();
        String revision = null;
        String content = h.text();
        boolean indexedContent = true;
        Optional<History.Version> old = history.read(h.target().repository().id(), h.searched().revisions(), h.path());
        if (old.isPresent()) {
            commit = old.get().commit();
            revision = old.get().revision();
            indexedContent = old.get().blob().equals(h.sha());
            content = old.get().text();
        }
        String function = indexedContent ? function(h.definitions(), frame.line()) : null;
        return new FrameLocation(h.searched().traceIndex(), h.searched().frameIndex(), traceFrame(frame),
                h.target().repository().id(), h.target().repository().fullName(), h.target().branch(), commit,
                revision, h.path(), frame.line(), function, h.components() > 1 ? "path" : "file_name",
                repositoryFrames, excerpt(content, frame.line()));
    }

    /** The lines around {@code line}, that line marked; empty when the text has no such line. */
    static List<ExcerptLine> excerpt(String text, int line) {
        if (text == null || line < 1) {
            return List.of();
        }
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        if (line > count) {
            return List.of();
        }
        List<ExcerptLine> out = new ArrayList<>();
        for (int n = Math.max(1, line - CONTEXT); n <= Math.min(count, line + CONTEXT); n++) {
            String l = lines[n - 1];
            out.add(new ExcerptLine(n, l.endsWith("\r") ? l.substring(0, l.length() - 1) : l, n == line));
        }
        return out;
    }

    /**
     * The function, method or constructor defined nearest above {@code line} (as {@code Container.name} when it has
     * a container), from a file's stored definitions; {@code null} when none is known.
     */
    static String function(String definitions, int line) {
        if (line < 1) {
            return null;
        }
        String best = null;
        int bestLine = 0;
        for (String[] f : CodeFields.definitions(definitions)) {
            if (!CALLABLE_KINDS.contains(f[1])) {
                continue;
            }
            int at = Integer.parseInt(f[3]);
            if (at <= line && at > bestLine) {
                bestLine = at;
                best = f[2] == null ? f[0] : f[2] + "." + f[0];
            }
        }
        return best;
    }

    private static ParsedTrace parsed(StackTrace trace) {
        return new ParsedTrace(trace.language(), trace.exception(), trace.message(),
                trace.frames().stream().map(IndexedStackTraceSearch::traceFrame).toList(), trace.revisions());
    }

    private static TraceFrame traceFrame(StackFrame f) {
        return new TraceFrame(f.language(), f.function(), f.file(), f.line(), f.module(), f.library());
    }

    /** The repositories' git histories, opened read-only as needed during one search. */
    private final class History implements AutoCloseable {

        /** A file's content at the commit a trace names. */
        record Version(String commit, String revision, String blob, String text) {
        }

        private final Map<Long, Optional<org.eclipse.jgit.lib.Repository>> opened = new HashMap<>();
        /** Repository id and revision to the commit, when the repository has it. */
        private final Map<String, Optional<RevCommit>> resolved = new LinkedHashMap<>();

        /** The file at the first of {@code revisions} that the repository has, when the file is there. */
        Optional<Version> read(long repositoryId, List<String> revisions, String path) {
            if (revisions.isEmpty()) {
                return Optional.empty();
            }
            Optional<org.eclipse.jgit.lib.Repository> git = opened.computeIfAbsent(repositoryId, this::open);
            if (git.isEmpty()) {
                return Optional.empty();
            }
            try {
                for (String revision : revisions) {
                    Optional<RevCommit> commit = resolved.get(repositoryId + ":" + revision);
                    if (commit == null) {
                        commit = resolve(git.get(), revision);
                        resolved.put(repositoryId + ":" + revision, commit);
                    }
                    if (commit.isEmpty()) {
                        continue;
                    }
                    // The first revision the repository has is the trace's; when the file is not there, the caller
                    // shows the indexed content rather than the file at some other revision.
                    try (TreeWalk walk = TreeWalk.forPath(git.get(), path, commit.get().getTree())) {
                        if (walk == null) {
                            return Optional.empty();
                        }
                        ObjectId blob = walk.getObjectId(0);
                        ObjectLoader loader = git.get().open(blob, Constants.OBJ_BLOB);
                        if (loader.getSize() > MAX_BLOB_BYTES) {
                            return Optional.empty();
                        }
                        return Optional.of(new Version(commit.get().name(), revision, blob.name(),
                                new String(loader.getCachedBytes(MAX_BLOB_BYTES), StandardCharsets.UTF_8)));
                    }
                }
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("Repository " + repositoryId + " could not be read", e);
            }
        }

        private Optional<org.eclipse.jgit.lib.Repository> open(long repositoryId) {
            Path dir = directories.gitDirectory(repositoryId);
            if (!Files.isDirectory(dir)) {
                return Optional.empty(); // deleted since it was indexed
            }
            try {
                return Optional.of(new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).setBare()
                        .build());
            } catch (IOException e) {
                throw new UncheckedIOException("Repository " + repositoryId + " could not be opened", e);
            }
        }

        /** A commit id (full or abbreviated) or a version tagged {@code v<version>} or {@code <version>}. */
        private static Optional<RevCommit> resolve(org.eclipse.jgit.lib.Repository git, String revision)
                throws IOException {
            List<String> names = COMMIT_ID.matcher(revision.toLowerCase(Locale.ROOT)).matches() ? List.of(revision)
                    : List.of(Constants.R_TAGS + "v" + revision, Constants.R_TAGS + revision);
            for (String name : names) {
                ObjectId id;
                try {
                    id = git.resolve(name + "^{commit}");
                } catch (AmbiguousObjectException ambiguous) {
                    continue; // an abbreviated id of several objects names none of them for sure
                } catch (RevisionSyntaxException | IncorrectObjectTypeException notACommit) {
                    continue; // a tag of a tree or blob, or a name git cannot read: no commit to show
                }
                if (id == null) {
                    continue;
                }
                try (RevWalk walk = new RevWalk(git)) {
                    return Optional.of(walk.parseCommit(id));
                } catch (MissingObjectException gone) {
                    continue; // a shallow or pruned object: the repository does not have that commit
                }
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            opened.values().forEach(g -> g.ifPresent(org.eclipse.jgit.lib.Repository::close));
        }
    }
}
