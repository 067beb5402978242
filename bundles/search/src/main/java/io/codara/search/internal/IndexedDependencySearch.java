package io.codara.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.search.DeclaredDependency;
import io.codara.api.search.DependencySearch;
import io.codara.api.search.DependentsResult;
import io.codara.api.search.RepositoryDependencies;
import io.codara.api.security.Principal;
import io.codara.search.internal.dependencies.Dependency;
import io.codara.search.internal.dependencies.VersionRequirement;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Answers dependency questions from the dependency documents of the {@link CodeIndex}. Like every search it starts
 * from {@link SearchScope}: the index is asked only about the branches of repositories the asker may read now, so a
 * private repository's dependencies are never listed, matched or counted for anyone else. Version ranges are
 * compared by {@link VersionRequirement}, after the index has narrowed the declarations down by name.
 */
@Component(service = {DependencySearch.class, IndexedDependencySearch.class})
public final class IndexedDependencySearch implements DependencySearch {

    /** Declarations of one package name read per search at most; beyond that the answer is marked incomplete. */
    static final int MAX_DECLARATIONS = 20_000;

    /** Files that record the versions a manifest's requirements resolved to. */
    private static final Set<String> LOCKFILES = Set.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
            "pnpm-lock.yaml", "Cargo.lock", "Gemfile.lock", "gems.locked");

    private static final Comparator<DeclaredDependency> BY_PLACE = Comparator.comparing(DeclaredDependency::manifest)
            .thenComparingInt(DeclaredDependency::line).thenComparing(DeclaredDependency::ecosystem)
            .thenComparing(DeclaredDependency::name);

    private final CodeIndex index;
    private final SearchScope scope;

    @Activate
    public IndexedDependencySearch(@Reference CodeIndex index, @Reference SearchScope scope) {
        this.index = index;
        this.scope = scope;
    }

    @Override
    public RepositoryDependencies dependencies(String owner, String name, String ref, Principal principal) {
        Repository repository = scope.readable(owner + "/" + name, principal).orElseThrow(ApiException::notFound);
        String branch = ref == null || ref.isBlank() ? repository.defaultBranch() : ref;
        String commit = index.branches(repository.id()).get(branch);
        if (commit == null) {
            if (branch.equals(repository.defaultBranch())) {
                return new RepositoryDependencies(repository.id(), repository.fullName(), branch, null, List.of());
            }
            throw new ApiException(404, "Branch " + branch + " of " + repository.fullName() + " is not indexed: only"
                    + " default branches and the branches the search configuration names are");
        }
        Query query = new TermQuery(new Term(CodeFields.DEP_REPOSITORY_BRANCH,
                CodeFields.repositoryBranch(repository.id(), branch)));
        List<DeclaredDependency> declared = new ArrayList<>();
        read(query, Integer.MAX_VALUE, (doc, d) -> declared.add(declared(d)));
        declared.sort(BY_PLACE);
        return new RepositoryDependencies(repository.id(), repository.fullName(), branch, commit, declared);
    }

    @Override
    public DependentsResult dependents(String name, String ecosystem, String range, Principal principal,
            PageRequest page) {
        if (name == null || name.isBlank()) {
            throw new ApiException(422, "Name the package: q=lodash, q=org.slf4j:slf4j-api, q=requests");
        }
        String eco = ecosystem == null || ecosystem.isBlank() ? null : ecosystem.strip().toLowerCase(Locale.ROOT);
        if (eco != null && !VersionRequirement.knows(eco)) {
            throw new ApiException(422, "Unknown ecosystem " + ecosystem
                    + ": one of cargo, go, maven, npm, nuget, pypi, rubygems");
        }
        String wanted = range == null || range.isBlank() ? null : range.strip();
        if (wanted != null && eco != null && !VersionRequirement.isRange(eco, wanted)) {
            throw new ApiException(422, wanted + " is no version range of " + eco);
        }
        Map<String, SearchTarget> targets = scope.targets(principal, null, null);
        if (targets.isEmpty()) {
            return new DependentsResult(0, false, List.of());
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermInSetQuery(CodeFields.DEP_REPOSITORY_BRANCH, targets.keySet().stream().map(BytesRef::new)
                        .toList()), BooleanClause.Occur.FILTER)
                .add(new TermInSetQuery(CodeFields.DEP_NAME_LOWER, names(name.strip(), eco).stream()
                        .map(BytesRef::new).toList()), BooleanClause.Occur.FILTER);
        if (eco != null) {
            query.add(new TermQuery(new Term(CodeFields.DEP_ECOSYSTEM, eco)), BooleanClause.Occur.FILTER);
        }
        // by full name, then branch: the order of the pages
        Map<String, List<Dependency>> found = new TreeMap<>();
        Map<String, SearchTarget> targetOf = new LinkedHashMap<>();
        boolean incomplete = read(query.build(), MAX_DECLARATIONS, (doc, d) -> {
            SearchTarget target = targets.get(CodeFields.repositoryBranch(
                    Long.parseLong(doc.get(CodeFields.DEP_REPOSITORY)), doc.get(CodeFields.DEP_BRANCH)));
            String order = target.repository().fullName().toLowerCase(Locale.ROOT) + "\u0000" + target.branch();
            targetOf.put(order, target);
            found.computeIfAbsent(order, k -> new ArrayList<>()).add(d);
        });
        Map<String, List<DeclaredDependency>> matching = new TreeMap<>();
        if (wanted == null) {
            found.forEach((order, declared) -> matching.put(order, declared.stream()
                    .map(IndexedDependencySearch::declared).toList()));
        } else {
            Set<String> ecosystems = new TreeSet<>();
            boolean readable = false;
            for (Map.Entry<String, List<Dependency>> e : found.entrySet()) {
                List<DeclaredDependency> matched = new ArrayList<>();
                for (Dependency d : e.getValue()) {
                    ecosystems.add(d.ecosystem());
                    if (!VersionRequirement.knows(d.ecosystem()) || !VersionRequirement.isRange(d.ecosystem(), wanted)) {
                        continue;
                    }
                    readable = true;
                    if (matches(d, e.getValue(), wanted)) {
                        matched.add(declared(d));
                    }
                }
                if (!matched.isEmpty()) {
                    matching.put(e.getKey(), matched);
                }
            }
            if (eco == null && !ecosystems.isEmpty() && !readable) {
                throw new ApiException(422, wanted + " is no version range of " + String.join(" or ", ecosystems)
                        + ", the ecosystems of " + name.strip());
            }
        }
        List<RepositoryDependencies> items = new ArrayList<>();
        long position = 0;
        for (Map.Entry<String, List<DeclaredDependency>> e : matching.entrySet()) {
            if (position++ < page.offset() || items.size() >= page.perPage()) {
                continue;
            }
            SearchTarget t = targetOf.get(e.getKey());
            List<DeclaredDependency> declared = new ArrayList<>(e.getValue());
            declared.sort(BY_PLACE);
            items.add(new RepositoryDependencies(t.repository().id(), t.repository().fullName(), t.branch(),
                    t.commit(), declared));
        }
        return new DependentsResult(matching.size(), incomplete, items);
    }

    /**
     * Whether {@code d} may use a version within {@code range}. A manifest's requirement next to a lockfile that
     * resolves the same package is judged by the versions the lockfile resolves: {@code ^4.17.0} locked at 4.17.21
     * does not use 4.17.20, whatever the requirement admits.
     */
    private static boolean matches(Dependency d, List<Dependency> sameName, String range) {
        if (LOCKFILES.contains(fileName(d.manifest()))) {
            return VersionRequirement.matches(d, range);
        }
        String directory = directory(d.manifest());
        List<Dependency> locked = sameName.stream()
                .filter(l -> l.ecosystem().equals(d.ecosystem()) && l.name().equalsIgnoreCase(d.name())
                        && l.version() != null && LOCKFILES.contains(fileName(l.manifest()))
                        && directory(l.manifest()).equals(directory))
                .toList();
        if (locked.isEmpty()) {
            return VersionRequirement.matches(d, range);
        }
        return locked.stream().anyMatch(l -> VersionRequirement.satisfies(l.ecosystem(), l.version(), range));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String directory(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The indexed forms of a queried name: lower case, and PEP 503's normal form for Python packages. */
    private static Set<String> names(String name, String ecosystem) {
        Set<String> names = new LinkedHashSet<>();
        String lower = name.toLowerCase(Locale.ROOT);
        names.add(lower);
        if (ecosystem == null || ecosystem.equals("pypi")) {
            names.add(lower.replaceAll("[-_.]+", "-"));
        }
        return names;
    }

    private static DeclaredDependency declared(Dependency d) {
        return new DeclaredDependency(d.ecosystem(), d.name(), d.requirement(), d.version(), d.scope(), d.manifest(),
                d.line());
    }

    private interface DeclarationConsumer {
        void accept(Document doc, Dependency dependency);
    }

    /** Hands each declaration {@code query} finds (at most {@code limit}) over; whether there were more. */
    private boolean read(Query query, int limit, DeclarationConsumer consumer) {
        try {
            IndexSearcher searcher = index.acquire();
            try {
                int count = searcher.count(query);
                if (count == 0) {
                    return false;
                }
                TopDocs top = searcher.search(query, Math.min(count, limit));
                for (ScoreDoc hit : top.scoreDocs) {
                    Document doc = searcher.storedFields().document(hit.doc);
                    consumer.accept(doc, CodeFields.dependency(doc));
                }
                return count > limit;
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The code index could not be read", e);
        }
    }
}
