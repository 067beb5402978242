package io.codara.review.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.rest.ApiException;

import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The impact of a commit ({@link ImpactAnalysis}) read from the repository's git directory, kept per commit in a
 * bounded in-memory cache: a commit's tree never changes, so neither does its impact.
 */
@Component(service = CommitImpact.class)
public final class CommitImpact {

    private static final int CACHED = 256;

    private final RepositoryDirectories directories;
    private final ImpactAnalysis.Limits limits;
    private final Map<String, ImpactAnalysis.Impact> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ImpactAnalysis.Impact> eldest) {
            return size() > CACHED;
        }
    };

    @Activate
    public CommitImpact(@Reference RepositoryDirectories directories) {
        this(directories, ImpactAnalysis.Limits.DEFAULT);
    }

    private CommitImpact(RepositoryDirectories directories, ImpactAnalysis.Limits limits) {
        this.directories = directories;
        this.limits = limits;
    }

    /** For tests: an analysis with smaller limits. */
    static CommitImpact withLimits(RepositoryDirectories directories, ImpactAnalysis.Limits limits) {
        return new CommitImpact(directories, limits);
    }

    /** The impact of the commit {@code ref} names in {@code repository}; 404 when there is none. */
    ImpactAnalysis.Impact impact(Repository repository, String ref) {
        Path dir = directories.gitDirectory(repository.id());
        if (dir == null || !Files.isDirectory(dir)) {
            throw ApiException.notFound();
        }
        try (org.eclipse.jgit.lib.Repository git = new FileRepositoryBuilder().setGitDir(dir.toFile())
                .setMustExist(true).build(); RevWalk walk = new RevWalk(git)) {
            ObjectId id = git.resolve(ref + "^{commit}");
            if (id == null) {
                throw ApiException.notFound();
            }
            String key = repository.id() + ":" + id.name();
            synchronized (cache) {
                ImpactAnalysis.Impact known = cache.get(key);
                if (known != null) {
                    return known;
                }
            }
            ImpactAnalysis.Impact impact = ImpactAnalysis.analyse(git, walk.parseCommit(id), limits);
            synchronized (cache) {
                cache.put(key, impact);
            }
            return impact;
        } catch (RevisionSyntaxException | MissingObjectException | IncorrectObjectTypeException e) {
            throw ApiException.notFound();
        } catch (IOException e) {
            throw new IllegalStateException("Could not analyse commit " + ref, e);
        }
    }
}
