package io.codara.git.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

import io.codara.api.git.Repository;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A commit's tree as a tar.gz or a zip, the way {@code git archive} and GitHub's codeload write them: every entry
 * under one top-level directory {@code <owner>-<repo>-<short sha>/}, directories included, executable files
 * {@code 0755}, others {@code 0644}, symlinks as symlinks, submodules as empty directories, every time the
 * commit's. Streamed blob by blob: nothing holds a whole archive or a whole large file in memory.
 */
@Component(service = RepositoryArchives.class)
public final class RepositoryArchives {

    /** The two formats GitHub serves. */
    enum Format {
        TAR_GZ(".tar.gz", "application/x-gzip"), ZIP(".zip", "application/zip");

        final String suffix;
        final String mediaType;

        Format(String suffix, String mediaType) {
            this.suffix = suffix;
            this.mediaType = mediaType;
        }
    }

    /** The commit an archive is of and the name it goes by ({@code owner-repo-shortsha}). */
    record Archive(String sha, String name) {
    }

    private final GitDirectories directories;

    @Activate
    public RepositoryArchives(@Reference GitDirectories directories) {
        this.directories = directories;
    }

    /** The commit {@code ref} names ({@code null}: the default branch) and its archive's name; 404/409 otherwise. */
    Archive resolve(Repository repository, String ref) {
        return GitReads.read(directories, repository, (git, walk) -> {
            RevCommit commit = GitReads.commitOrFail(git, walk, repository, ref);
            return new Archive(commit.name(), name(repository, commit.name()));
        });
    }

    static String name(Repository repository, String sha) {
        return repository.owner() + "-" + repository.name() + "-" + sha.substring(0, 7);
    }

    /** Writes the archive of commit {@code sha} (as {@link #resolve} found it) to {@code out}. */
    void write(Repository repository, String sha, Format format, OutputStream out) {
        GitReads.read(directories, repository, (git, walk) -> {
            RevCommit commit = walk.parseCommit(org.eclipse.jgit.lib.ObjectId.fromString(sha));
            String prefix = name(repository, sha) + "/";
            Date time = new Date(commit.getCommitTime() * 1000L);
            ObjectReader reader = walk.getObjectReader();
            try (Writer writer = format == Format.ZIP ? new ZipWriter(out, sha) : new TarWriter(out)) {
                writer.directory(prefix, time);
                try (TreeWalk tw = new TreeWalk(reader)) {
                    tw.addTree(commit.getTree());
                    tw.setRecursive(false);
                    while (tw.next()) {
                        String path = prefix + tw.getPathString();
                        FileMode mode = tw.getFileMode(0);
                        if (mode == FileMode.TREE) {
                            writer.directory(path + "/", time);
                            tw.enterSubtree();
                        } else if (mode == FileMode.GITLINK) {
                            writer.directory(path + "/", time);
                        } else if (mode == FileMode.SYMLINK) {
                            byte[] target = reader.open(tw.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(Revisions.MAX_PATH);
                            writer.symlink(path, new String(target, StandardCharsets.UTF_8), time);
                        } else {
                            ObjectLoader blob = reader.open(tw.getObjectId(0), Constants.OBJ_BLOB);
                            writer.file(path, mode == FileMode.EXECUTABLE_FILE ? 0755 : 0644, blob, time);
                        }
                    }
                }
            }
            return null;
        });
    }

    private interface Writer extends AutoCloseable {

        void directory(String path, Date time) throws IOException;

        void file(String path, int mode, ObjectLoader blob, Date time) throws IOException;

        void symlink(String path, String target, Date time) throws IOException;

        @Override
        void close() throws IOException;
    }

    private static final class TarWriter implements Writer {

        private final GZIPOutputStream gzip;
        private final TarArchiveOutputStream tar;

        TarWriter(OutputStream out) throws IOException {
            gzip = new GZIPOutputStream(new NonClosing(out), 64 << 10);
            tar = new TarArchiveOutputStream(gzip, StandardCharsets.UTF_8.name());
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
        }

        @Override
        public void directory(String path, Date time) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(path);
            entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
            entry.setModTime(time);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        }

        @Override
        public void file(String path, int mode, ObjectLoader blob, Date time) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(path);
            entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode);
            entry.setSize(blob.getSize());
            entry.setModTime(time);
            tar.putArchiveEntry(entry);
            blob.copyTo(tar);
            tar.closeArchiveEntry();
        }

        @Override
        public void symlink(String path, String target, Date time) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(path, TarConstants.LF_SYMLINK);
            entry.setLinkName(target);
            entry.setModTime(time);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        }

        @Override
        public void close() throws IOException {
            tar.finish();
            tar.close(); // closes the gzip stream, which writes its trailer; the response stream stays open
        }
    }

    private static final class ZipWriter implements Writer {

        private final ZipArchiveOutputStream zip;

        ZipWriter(OutputStream out, String sha) {
            zip = new ZipArchiveOutputStream(new NonClosing(out));
            zip.setEncoding(StandardCharsets.UTF_8.name());
            zip.setUseZip64(Zip64Mode.AsNeeded);
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            zip.setComment(sha); // as git archive does: unzip -z shows the commit
        }

        @Override
        public void directory(String path, Date time) throws IOException {
            ZipArchiveEntry entry = new ZipArchiveEntry(path);
            entry.setUnixMode(UnixStat.DIR_FLAG | 0755);
            entry.setTime(time.getTime());
            zip.putArchiveEntry(entry);
            zip.closeArchiveEntry();
        }

        @Override
        public void file(String path, int mode, ObjectLoader blob, Date time) throws IOException {
            ZipArchiveEntry entry = new ZipArchiveEntry(path);
            entry.setUnixMode(UnixStat.FILE_FLAG | mode);
            entry.setSize(blob.getSize());
            entry.setTime(time.getTime());
            zip.putArchiveEntry(entry);
            blob.copyTo(zip);
            zip.closeArchiveEntry();
        }

        @Override
        public void symlink(String path, String target, Date time) throws IOException {
            byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
            ZipArchiveEntry entry = new ZipArchiveEntry(path);
            entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
            entry.setSize(bytes.length);
            entry.setTime(time.getTime());
            zip.putArchiveEntry(entry);
            zip.write(bytes);
            zip.closeArchiveEntry();
        }

        @Override
        public void close() throws IOException {
            zip.finish();
            zip.close();
        }
    }

    /** Keeps the response stream open when an archive stream closes; the container closes it. */
    private static final class NonClosing extends java.io.FilterOutputStream {

        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** Whether {@code file} names an archive, and which: {@code <ref>.tar.gz} or {@code <ref>.zip}. */
    static Format format(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(Format.TAR_GZ.suffix)) {
            return Format.TAR_GZ;
        }
        return lower.endsWith(Format.ZIP.suffix) ? Format.ZIP : null;
    }
}
