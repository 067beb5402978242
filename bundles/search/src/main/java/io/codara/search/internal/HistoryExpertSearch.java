package io.codara.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import io.codara.api.git.RepositoryDirectories;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.search.Expert;
import io.codara.api.search.ExpertSearch;
import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Expertise from git history: the commits of each readable repository's indexed branch (newest first, within a
 * window and a commit budget, merges left out) that touch the selected paths, each author scored by the lines they
 * changed there, every line weighted {@code 0.5^(age / half-life)}. A commit's email becomes a Codara login only when
 * a user verified that address. What one repository's history yields for one query is cached by commit, so a
 * repeated question costs no walk until the branch moves.
 */
@Component(service = {ExpertSearch.class, HistoryExpertSearch.class}, configurationPid = HistoryExpertSearch.PID)
@Designate(ocd = ExpertSearchConfig.class)
public final class HistoryExpertSearch implements ExpertSearch {

    static final String PID = "io.codara.search.experts";
    /** Repository histories (one per repository, commit and query) kept. */
    private static final int CACHED = 256;

    private final CodeIndex index;
    private final SearchScope scope;
    private final RepositoryDirectories directories;
    private final Accounts accounts;
    private final Clock clock;
    private final Duration halfLife;
    private final Duration window;
    private final int maxCommits;
    private final int maxLinesPerFile;
    private final Map<String, List<Contribution>> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<Contribution>> eldest) {
                    return size() > CACHED;
                }
            });

    @Activate
    public HistoryExpertSearch(@Reference CodeIndex index, @Reference SearchScope scope,
            @Reference RepositoryDirectories directories, @Reference Accounts accounts, ExpertSearchConfig config) {
        this(index, scope, directories, accounts, config, Clock.systemUTC());
    }

    HistoryExpertSearch(CodeIndex index, SearchScope scope, RepositoryDirectories directories, Accounts accounts,
            ExpertSearchConfig config, Clock clock) {
        if (config.half_life_days() <= 0 || config.max_commits() <= 0 || config.window_days() <= 0
                || config.max_lines_per_file() <= 0) {
            throw new IllegalArgumentException("half_life_days, max_commits, window_days and max_lines_per_file of "
                    + PID + " must be positive");
        }
        this.index = index;
        this.scope = scope;
        this.directories = directories;
        this.accounts = accounts;
        this.clock = clock;
        this.halfLife = Duration.ofDays(config.half_life_days());
        this.window = Duration.ofDays(config.window_days());
        this.maxCommits = config.max_commits();
        this.maxLinesPerFile = config.max_lines_per_file();
    }

    /** One author's change to the selected files in one commit. */
    record Contribution(String email, String name, Instant when, int lines) {
    }

    @Override
    public List<Expert> experts(String query, Principal principal, int limit) {
        CodeQuery parsed = CodeQuery.parse(query, Set.of(), false);
        if (!parsed.clauses.isEmpty()) {
            throw new ApiException(422, "An expertise search takes path:, symbol:, repo: and org: only, not "
                    + parsed.clauses.get(0).text());
        }
        List<String> paths = parsed.values("path", false);
        List<String> notPaths = parsed.values("path", true);
        List<String> symbols = parsed.values("symbol", false);
        if (paths.isEmpty() && symbols.isEmpty()) {
            throw new ApiException(422, "An expertise search needs path:dir/or/glob or symbol:Name, e.g. path:src/auth");
        }
        Predicate<String> selected = path -> (paths.isEmpty() || paths.stream().anyMatch(p -> pathMatches(p, path)))
                && notPaths.stream().noneMatch(p -> pathMatches(p, path));
        Instant now = clock.instant();
        Map<String, Author> authors = new HashMap<>();
        for (SearchTarget target : scope.targets(parsed, principal).values()) {
            Predicate<String> files = selected;
            String key = target.repository().id() + "\u0000" + target.commit() + "\u0000" + paths + notPaths;
            if (!symbols.isEmpty()) {
                Set<String> defining = definingFiles(target, symbols);
                if (defining.isEmpty()) {
                    continue;
                }
                files = selected.and(defining::contains);
                key += defining;
            }
            // The window's start moves daily; a cached walk is kept for the day it was made on.
            key += "\u0000" + now.getEpochSecond() / 86_400;
            for (Contribution c : contributions(target, files, key, now)) {
                authors.computeIfAbsent(c.email(), e -> new Author()).add(c, weight(c, now));
            }
        }
        List<Expert> experts = new ArrayList<>();
        authors.forEach((email, a) -> experts.add(new Expert(accounts.findByEmail(email, true).map(Account::login)
                .orElse(null), a.name, email, a.score, a.commits, a.lines, a.last)));
        experts.sort(Comparator.comparingDouble(Expert::score).reversed().thenComparing(Expert::email));
        return experts.subList(0, Math.min(Math.max(limit, 0), experts.size()));
    }

    private double weight(Contribution c, Instant now) {
        double age = Math.max(0, Duration.between(c.when(), now).toSeconds());
        return c.lines() * Math.pow(0.5, age / halfLife.toSeconds());
    }

    /** What one author did to the selected files. */
    private static final class Author {
        String name;
        Instant last;
        double score;
        int commits;
        long lines;

        void add(Contribution c, double weight) {
            score += weight;
            commits++;
            lines += c.lines();
            if (last == null || c.when().isAfter(last)) {
                last = c.when();
                name = c.name();
            }
        }
    }

    private List<Contribution> contributions(SearchTarget target, Predicate<String> files, String key, Instant now) {
        List<Contribution> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        List<Contribution> walked = walk(target, files, now);
        cache.put(key, walked);
        return walked;
    }

    /** The contributions of the commits reachable from the target's commit, newest first, within the bounds. */
    private List<Contribution> walk(SearchTarget target, Predicate<String> files, Instant now) {
        Path gitDir = directories.gitDirectory(target.repository().id());
        if (!Files.isDirectory(gitDir)) {
            return List.of();
        }
        List<Contribution> out = new ArrayList<>();
        try (org.eclipse.jgit.lib.Repository git = new FileRepositoryBuilder().setGitDir(gitDir.toFile())
                .setMustExist(true).setBare().build();
                RevWalk walk = new RevWalk(git);
                DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setRepository(git);
            diff.setDetectRenames(false);
            diff.setPathFilter(new SelectedFiles(files));
            walk.markStart(walk.parseCommit(ObjectId.fromString(target.commit())));
            walk.setRevFilter(CommitTimeRevFilter.after(now.minus(window).toEpochMilli()));
            int read = 0;
            for (RevCommit commit : walk) {
                if (++read > maxCommits) {
                    break;
                }
                if (commit.getParentCount() > 1) {
                    continue; // a merge's changes are its parents' commits' own
                }
                RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
                int lines = 0;
                boolean touched = false;
                for (DiffEntry entry : diff.scan(parent == null ? null : parent.getTree(), commit.getTree())) {
                    touched = true;
                    int changed = 0;
                    for (Edit edit : diff.toFileHeader(entry).toEditList()) {
                        changed += edit.getLengthA() + edit.getLengthB();
                    }
                    lines += Math.min(changed, maxLinesPerFile);
                }
                if (touched) {
                    PersonIdent author = commit.getAuthorIdent();
                    out.add(new Contribution(author.getEmailAddress().toLowerCase(Locale.ROOT), author.getName(),
                            author.getWhenAsInstant(), lines));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The history of " + target.repository().fullName() + " could not be read", e);
        }
        return List.copyOf(out);
    }

    /** The paths of the files of the target's branch that define one of {@code symbols}. */
    private Set<String> definingFiles(SearchTarget target, List<String> symbols) {
        Set<String> out = new TreeSet<>();
        try {
            IndexSearcher searcher = index.acquire();
            try {
                for (String symbol : symbols) {
                    BooleanQuery query = new BooleanQuery.Builder()
                            .add(new TermQuery(new Term(CodeFields.REPOSITORY_BRANCH, CodeFields.repositoryBranch(
                                    target.repository().id(), target.branch()))), BooleanClause.Occur.FILTER)
                            .add(new TermQuery(new Term(CodeFields.SYMBOL, symbol.toLowerCase(Locale.ROOT))),
                                    BooleanClause.Occur.FILTER)
                            .build();
                    for (ScoreDoc hit : searcher.search(query, IndexedCodeSearch.MAX_CANDIDATES).scoreDocs) {
                        Document doc = searcher.storedFields().document(hit.doc, Set.of(CodeFields.PATH,
                                CodeFields.DEFINITIONS));
                        if (CodeFields.definitions(doc.get(CodeFields.DEFINITIONS)).stream()
                                .anyMatch(d -> d[0].equals(symbol))) {
                            out.add(doc.get(CodeFields.PATH));
                        }
                    }
                }
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The code index could not be read", e);
        }
        return out;
    }

    /**
     * {@code path:} as code search reads it: a glob over the whole path or at any depth when it has {@code *} or
     * {@code ?} ({@code *} crossing directories, as in the index), else a substring; case-insensitive.
     */
    static boolean pathMatches(String filter, String path) {
        String f = filter.toLowerCase(Locale.ROOT);
        if (f.startsWith("/")) {
            f = f.substring(1);
        }
        String p = path.toLowerCase(Locale.ROOT);
        if (f.indexOf('*') < 0 && f.indexOf('?') < 0) {
            return !f.isEmpty() && p.contains(f);
        }
        StringBuilder regex = new StringBuilder("(?:.*/)?");
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.matches(regex.toString(), p);
    }

    /** A tree filter that lets the diff see only the selected files (every directory may hold some). */
    private static final class SelectedFiles extends TreeFilter {
        private final Predicate<String> files;

        SelectedFiles(Predicate<String> files) {
            this.files = files;
        }

        @Override
        public boolean include(TreeWalk walker) {
            return walker.isSubtree() || files.test(walker.getPathString());
        }

        @Override
        public boolean shouldBeRecursive() {
            return true;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }

        @Override
        public String toString() {
            return "SELECTED_FILES";
        }
    }

    /** How many repository walks are cached. */
    int cachedWalks() {
        return cache.size();
    }
}
