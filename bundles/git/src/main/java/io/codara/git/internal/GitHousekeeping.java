package io.codara.git.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;

import io.codara.api.audit.Actor;
import io.codara.api.git.FsckReport;
import io.codara.api.git.GcReport;
import io.codara.api.git.GcReport.DiskUsage;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryHousekeeping;
import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RepositoryHousekeeping} on JGit: fsck walks every object reachable from every ref (a missing one is
 * reported with where it was expected) and checks each commit, tree and tag with JGit's {@link ObjectChecker} (the
 * checks receive-pack applies); gc runs what background maintenance runs, now, and samples the size after it.
 */
@Component(service = RepositoryHousekeeping.class)
public final class GitHousekeeping implements RepositoryHousekeeping {

    static final int MAX_PROBLEMS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(GitHousekeeping.class);

    private final Repositories repositories;
    private final GitDirectories directories;
    private final RepositorySizes sizes;

    @Activate
    public GitHousekeeping(@Reference Repositories repositories, @Reference GitDirectories directories,
            @Reference RepositorySizes sizes) {
        this.repositories = repositories;
        this.directories = directories;
        this.sizes = sizes;
    }

    @Override
    public FsckReport fsck(String owner, String name, Actor actor) {
        Repository repository = repositories.find(owner, name).orElseThrow(ApiException::notFound);
        LOG.info("{} checks {}", actor.login(), repository.fullName());
        List<String> problems = new ArrayList<>();
        long checked = 0;
        try (org.eclipse.jgit.lib.Repository git = directories.open(repository.id());
                ObjectWalk walk = new ObjectWalk(git)) {
            ObjectReader reader = walk.getObjectReader();
            ObjectChecker checker = new ObjectChecker();
            for (Ref ref : git.getRefDatabase().getRefs()) {
                if (ref.isSymbolic() && ref.getObjectId() == null) {
                    continue; // HEAD of an empty repository
                }
                if (ref.getObjectId() == null) {
                    problems.add("broken ref " + ref.getName() + ": it points at nothing");
                    continue;
                }
                try {
                    walk.markStart(walk.parseAny(ref.getObjectId()));
                } catch (MissingObjectException e) {
                    problems.add("missing " + type(e) + " " + ref.getObjectId().name() + " (ref " + ref.getName() + ")");
                }
            }
            boolean truncated = false;
            try {
                for (RevCommit c = walk.next(); c != null; c = walk.next()) {
                    checked++;
                    check(checker, reader, c, problems);
                }
                for (RevObject o = walk.nextObject(); o != null; o = walk.nextObject()) {
                    checked++;
                    if (o.getType() != Constants.OBJ_BLOB) {
                        check(checker, reader, o, problems);
                    } else if (!reader.has(o)) {
                        problems.add("missing blob " + o.name() + " (at " + walk.getPathString() + ")");
                    }
                    if (problems.size() >= MAX_PROBLEMS) {
                        truncated = true;
                        break;
                    }
                }
            } catch (MissingObjectException e) {
                problems.add("missing " + type(e) + " " + e.getObjectId().name()
                        + " (the walk stopped there, further objects were not checked)");
            } catch (CorruptObjectException e) {
                problems.add("corrupt object: " + e.getMessage() + " (the walk stopped there)");
            }
            return new FsckReport(repository.fullName(), checked, problems, truncated);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not check " + repository.fullName() + ": " + e.getMessage(), e);
        }
    }

    private static void check(ObjectChecker checker, ObjectReader reader, RevObject o, List<String> problems)
            throws IOException {
        ObjectLoader loader;
        try {
            loader = reader.open(o, o.getType());
        } catch (MissingObjectException e) {
            problems.add("missing " + Constants.typeString(o.getType()) + " " + o.name());
            return;
        }
        try {
            checker.check(o, o.getType(), loader.getCachedBytes());
        } catch (CorruptObjectException e) {
            problems.add("corrupt " + Constants.typeString(o.getType()) + " " + o.name() + ": " + e.getMessage());
        }
    }

    private static String type(MissingObjectException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        for (String t : new String[] {"commit", "tree", "blob", "tag"}) {
            if (message.contains(t)) {
                return t;
            }
        }
        return "object";
    }

    @Override
    public GcReport gc(String owner, String name, Actor actor) {
        Repository repository = repositories.find(owner, name).orElseThrow(ApiException::notFound);
        LOG.info("{} repacks {}", actor.login(), repository.fullName());
        DiskUsage before = sizes.usage(repository.id());
        long start = System.nanoTime();
        String outcome;
        try {
            outcome = GarbageCollection.collect(directories, repository);
        } catch (Exception e) {
            throw new IllegalStateException("Could not repack " + repository.fullName() + ": " + e.getMessage(), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        DiskUsage after = sizes.usage(repository.id());
        try {
            sizes.sample(repository.id(), 0);
        } catch (java.sql.SQLException e) {
            LOG.warn("Could not sample the size of {} after a repack: {}", repository.fullName(), e.toString());
        }
        return new GcReport(repository.fullName(), outcome, before, after, took);
    }
}
