package io.codara.git.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import io.codara.api.git.GcReport.DiskUsage;
import io.codara.api.git.Repository;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * How big a repository is and how it grew: its git directory on disk (packs and loose objects), its reachable
 * objects by type, the largest files on the default branch with the commits that changed them, and samples of its
 * size taken after pushes and maintenance. Object counts walk every reachable object, so they are kept per set of
 * ref values and recomputed only when a ref moved.
 */
@Component(service = RepositorySizes.class)
public final class RepositorySizes {

    static final int MAX_LARGEST = 100;
    static final int HISTORY = 10;
    static final int GROWTH_SAMPLES = 500;
    private static final int CACHED_COUNTS = 64;

    /** Reachable objects by type. */
    record ObjectCounts(long commits, long trees, long blobs, long tags) {

        long total() {
            return commits + trees + blobs + tags;
        }
    }

    /** A commit that changed a file, and the file's size after it ({@code 0}: deleted). */
    record Change(String sha, Instant date, String author, String headline, long size) {
    }

    record LargeBlob(String path, String sha, long size, List<Change> history) {
    }

    record Sample(Instant sampledAt, DiskUsage usage) {
    }

    record Report(long directoryBytes, DiskUsage disk, long bitmaps, ObjectCounts objects, List<LargeBlob> largest,
            List<Sample> growth) {
    }

    private final Database database;
    private final GitDirectories directories;
    private final Map<String, ObjectCounts> counts = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ObjectCounts> eldest) {
            return size() > CACHED_COUNTS;
        }
    });

    @Activate
    public RepositorySizes(@Reference GitSchema schema, @Reference Database database,
            @Reference GitDirectories directories) {
        this.database = database;
        this.directories = directories;
    }

    /** The whole report, with the {@code top} largest files of the default branch. */
    Report report(Repository repository, int top) {
        int n = Math.max(1, Math.min(top, MAX_LARGEST));
        Report partial = GitReads.read(directories, repository, (git, walk) -> {
            java.util.Properties stats = statistics(git);
            long directoryBytes = directoryBytes(directories.directory(repository.id()));
            boolean empty = !git.getRefDatabase().hasRefs();
            ObjectCounts objects = empty ? new ObjectCounts(0, 0, 0, 0) : counts(repository, git);
            List<LargeBlob> largest = List.of();
            if (!empty) {
                Ref head = git.exactRef(Constants.R_HEADS + repository.defaultBranch());
                if (head != null && head.getObjectId() != null) {
                    largest = largest(git, walk, walk.parseCommit(head.getObjectId()), n);
                }
            }
            return new Report(directoryBytes, usage(stats), number(stats, "numberOfBitmaps"), objects, largest,
                    List.of());
        });
        return new Report(partial.directoryBytes(), partial.disk(), partial.bitmaps(), partial.objects(),
                partial.largest(), growth(repository.id()));
    }

    /** The repository's objects on disk now. */
    DiskUsage usage(long repositoryId) {
        try (org.eclipse.jgit.lib.Repository git = directories.open(repositoryId)) {
            return usage(statistics(git));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not measure repository " + repositoryId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records a sample of the repository's size now, unless one was taken in the last {@code minIntervalSeconds};
     * answers whether it did.
     */
    boolean sample(long repositoryId, long minIntervalSeconds) throws SQLException {
        DiskUsage usage = usage(repositoryId);
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO git.size_samples (repository_id, pack_bytes,"
                        + " loose_bytes, packs, packed_objects, loose_objects) SELECT ?, ?, ?, ?, ?, ?"
                        + " WHERE EXISTS (SELECT 1 FROM git.repositories WHERE id = ?) AND NOT EXISTS (SELECT 1"
                        + " FROM git.size_samples WHERE repository_id = ? AND sampled_at > clock_timestamp() - ?"
                        + " * interval '1 second') ON CONFLICT DO NOTHING")) {
            s.setLong(1, repositoryId);
            s.setLong(2, usage.packBytes());
            s.setLong(3, usage.looseBytes());
            s.setLong(4, usage.packs());
            s.setLong(5, usage.packedObjects());
            s.setLong(6, usage.looseObjects());
            s.setLong(7, repositoryId);
            s.setLong(8, repositoryId);
            s.setLong(9, Math.max(0, minIntervalSeconds));
            return s.executeUpdate() == 1;
        }
    }

    /** The most recent samples, oldest first. */
    List<Sample> growth(long repositoryId) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT sampled_at, pack_bytes, loose_bytes, packs,"
                        + " packed_objects, loose_objects FROM (SELECT * FROM git.size_samples WHERE repository_id = ?"
                        + " ORDER BY sampled_at DESC LIMIT ?) recent ORDER BY sampled_at")) {
            s.setLong(1, repositoryId);
            s.setInt(2, GROWTH_SAMPLES);
            try (ResultSet rs = s.executeQuery()) {
                List<Sample> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Sample(rs.getTimestamp(1).toInstant(), new DiskUsage(rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6))));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Database failure: " + e.getMessage(), e);
        }
    }

    /** JGit's own accounting of the object directory (what {@code git count-objects -v} tells). */
    static java.util.Properties statistics(org.eclipse.jgit.lib.Repository git) throws IOException {
        try (Git porcelain = Git.wrap(git)) {
            return porcelain.gc().getStatistics();
        } catch (GitAPIException e) {
            throw new IOException("Could not read the object statistics: " + e.getMessage(), e);
        }
    }

    static DiskUsage usage(java.util.Properties stats) {
        return new DiskUsage(number(stats, "sizeOfPackedObjects"), number(stats, "sizeOfLooseObjects"),
                number(stats, "numberOfPackFiles"), number(stats, "numberOfPackedObjects"),
                number(stats, "numberOfLooseObjects"));
    }

    private static long number(java.util.Properties stats, String key) {
        return stats.get(key) instanceof Number n ? n.longValue() : 0;
    }

    private static long directoryBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException gone) {
                    return 0; // a lock or temporary file removed while we walked
                }
            }).sum();
        }
    }

    private ObjectCounts counts(Repository repository, org.eclipse.jgit.lib.Repository git) throws IOException {
        List<Ref> refs = git.getRefDatabase().getRefs();
        StringBuilder key = new StringBuilder().append(repository.id());
        refs.stream().sorted(Comparator.comparing(Ref::getName)).forEach(r -> key.append('\n').append(r.getName())
                .append(' ').append(r.getObjectId() == null ? "-" : r.getObjectId().name()));
        String fingerprint = key.toString();
        ObjectCounts cached = counts.get(fingerprint);
        if (cached != null) {
            return cached;
        }
        long commits = 0;
        long trees = 0;
        long blobs = 0;
        long tags = 0;
        try (ObjectWalk walk = new ObjectWalk(git)) {
            walk.setRetainBody(false);
            for (Ref ref : refs) {
                if (ref.getObjectId() == null) {
                    continue;
                }
                RevObject o = walk.parseAny(ref.getObjectId());
                walk.markStart(o);
            }
            for (RevCommit c = walk.next(); c != null; c = walk.next()) {
                commits++;
            }
            for (RevObject o = walk.nextObject(); o != null; o = walk.nextObject()) {
                switch (o.getType()) {
                    case Constants.OBJ_TREE -> trees++;
                    case Constants.OBJ_BLOB -> blobs++;
                    case Constants.OBJ_TAG -> tags++;
                    default -> {
                    }
                }
            }
        }
        ObjectCounts result = new ObjectCounts(commits, trees, blobs, tags);
        counts.put(fingerprint, result);
        return result;
    }

    private static List<LargeBlob> largest(org.eclipse.jgit.lib.Repository git, RevWalk walk, RevCommit head, int n)
            throws IOException {
        record Entry(String path, ObjectId id, long size) {
        }
        ObjectReader reader = walk.getObjectReader();
        PriorityQueue<Entry> top = new PriorityQueue<>(Comparator.comparingLong(Entry::size));
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(head.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                FileMode mode = tw.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                long size = reader.getObjectSize(tw.getObjectId(0), Constants.OBJ_BLOB);
                if (top.size() < n || size > top.peek().size()) {
                    top.add(new Entry(tw.getPathString(), tw.getObjectId(0), size));
                    if (top.size() > n) {
                        top.poll();
                    }
                }
            }
        }
        List<Entry> sorted = new ArrayList<>(top);
        sorted.sort(Comparator.comparingLong(Entry::size).reversed().thenComparing(Entry::path));
        List<LargeBlob> out = new ArrayList<>();
        for (Entry e : sorted) {
            out.add(new LargeBlob(e.path(), e.id().name(), e.size(), history(git, head, e.path())));
        }
        return out;
    }

    /** The latest commits that changed {@code path}, newest first, with the file's size after each. */
    private static List<Change> history(org.eclipse.jgit.lib.Repository git, RevCommit head, String path)
            throws IOException {
        List<Change> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(git)) {
            walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
            walk.markStart(walk.parseCommit(head));
            for (RevCommit c = walk.next(); c != null && out.size() < HISTORY; c = walk.next()) {
                long size = 0;
                try (TreeWalk tw = TreeWalk.forPath(walk.getObjectReader(), path, c.getTree())) {
                    if (tw != null && tw.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
                        size = walk.getObjectReader().getObjectSize(tw.getObjectId(0), Constants.OBJ_BLOB);
                    }
                }
                out.add(new Change(c.name(), c.getAuthorIdent().getWhenAsInstant(), c.getAuthorIdent().getName(),
                        c.getShortMessage(), size));
            }
        }
        return out;
    }
}
