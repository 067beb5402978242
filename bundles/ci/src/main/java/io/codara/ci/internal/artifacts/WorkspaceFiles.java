package io.codara.ci.internal.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Files of a job's workspace as GitHub's actions find them: glob patterns ({@code *} within a directory, {@code **}
 * across directories, {@code ?}, {@code [...]}, {@code !} to exclude, one per line), relative to the workspace or
 * absolute or under {@code ~}; a pattern naming a directory takes everything under it. Also {@code hashFiles} and the
 * zip archives artifacts and caches are stored as. Every path must stay inside the job's directory, symbolic links
 * resolved: the built-in steps run in Codara's own process, outside any sandbox of the job's scripts, so they must not
 * read or write what those scripts could not.
 */
public final class WorkspaceFiles {

    private final Path workspace;
    private final Path home;
    private final Path boundary;

    /** Files under {@code workspace}; {@code ~} in a pattern means {@code home}; nothing outside {@code boundary}. */
    public WorkspaceFiles(Path workspace, Path home, Path boundary) {
        this.workspace = workspace.toAbsolutePath().normalize();
        this.home = home.toAbsolutePath().normalize();
        this.boundary = boundary.toAbsolutePath().normalize();
    }

    /** Files under {@code workspace}, which is also the boundary; {@code ~} in a pattern means {@code home}. */
    public WorkspaceFiles(Path workspace, Path home) {
        this(workspace, home, commonAncestor(List.of(workspace.toAbsolutePath().normalize(),
                home.toAbsolutePath().normalize())));
    }

    /** {@code path} with its links resolved (as far as it exists), refused when outside the boundary. */
    private Path inside(Path path) throws IOException {
        Path existing = path;
        Path rest = Path.of("");
        while (existing != null && !Files.exists(existing)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        Path real = existing == null ? path : existing.toRealPath().resolve(rest).normalize();
        Path realBoundary = Files.exists(boundary) ? boundary.toRealPath() : boundary;
        if (!real.startsWith(realBoundary)) {
            throw new IllegalArgumentException("The path " + path + " is outside the job's directory " + boundary);
        }
        return real;
    }

    /** The files found and the directory their archive names are relative to. */
    public record Found(Path root, List<Path> files) {

        public Found {
            files = List.copyOf(files);
        }

        /** The name of {@code file} in an archive: its path below {@link #root}, with {@code /}. */
        public String entryName(Path file) {
            return root.relativize(file).toString().replace('\\', '/');
        }
    }

    /** The non-empty, trimmed lines of a multi-line input (comments with {@code #} left out). */
    public static List<String> lines(String input) {
        if (input == null) {
            return List.of();
        }
        return input.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /**
     * The regular files the patterns match, sorted, and the least common directory of the patterns' search roots (the
     * directory before the first wildcard, a named file's own directory), as {@code actions/upload-artifact} roots an
     * artifact. Files whose path below the root has a segment starting with a dot are left out unless
     * {@code includeHidden}.
     */
    public Found find(List<String> patterns, boolean includeHidden) throws IOException {
        List<Pattern> excludes = new ArrayList<>();
        List<String> includes = new ArrayList<>();
        for (String pattern : patterns) {
            if (pattern.startsWith("!")) {
                excludes.add(regex(absolute(pattern.substring(1).strip())));
            } else {
                includes.add(absolute(pattern));
            }
        }
        TreeSet<Path> files = new TreeSet<>();
        List<Path> roots = new ArrayList<>();
        for (String include : includes) {
            inside(Path.of(literalPrefix(include)));
            Path searchRoot = Path.of(literalPrefix(include));
            boolean literal = !hasWildcard(include);
            if (literal && Files.isRegularFile(Path.of(include))) {
                roots.add(Path.of(include).getParent());
                files.add(Path.of(include));
                continue;
            }
            roots.add(searchRoot);
            if (!Files.isDirectory(searchRoot)) {
                continue;
            }
            Pattern matcher = literal ? null : regex(include);
            try (Stream<Path> walk = Files.walk(searchRoot)) {
                for (Path path : walk.filter(Files::isRegularFile).toList()) {
                    if (matcher == null || matchesOrUnder(matcher, path, searchRoot)) {
                        files.add(path);
                    }
                }
            }
        }
        Path root = commonAncestor(roots);
        List<Path> kept = new ArrayList<>();
        for (Path file : files) {
            if (!isInside(file)) {
                continue;
            }
            if (excludes.stream().anyMatch(e -> matchesOrUnder(e, file, Path.of("/")))) {
                continue;
            }
            if (!includeHidden && root != null && file.startsWith(root)
                    && hidden(root.relativize(file))) {
                continue;
            }
            kept.add(file);
        }
        return new Found(root == null ? workspace : root, kept);
    }

    /**
     * GitHub's {@code hashFiles}: the SHA-256 over the SHA-256 of each file of the workspace the patterns match (in
     * path order), hex; empty when none matches.
     */
    public String hashFiles(List<String> patterns) {
        try {
            List<String> inWorkspace = new ArrayList<>();
            for (String pattern : patterns) {
                inWorkspace.addAll(lines(pattern));
            }
            List<Path> files = find(inWorkspace, true).files().stream().filter(f -> f.startsWith(workspace)).toList();
            if (files.isEmpty()) {
                return "";
            }
            MessageDigest all = sha256();
            for (Path file : files) {
                MessageDigest one = sha256();
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), one)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                all.update(one.digest());
            }
            return HexFormat.of().formatHex(all.digest());
        } catch (IOException e) {
            throw new IllegalArgumentException("hashFiles failed: " + e.getMessage(), e);
        }
    }

    /** Writes {@code found}'s files to a zip archive at {@code zip}, each under {@code prefix} + its entry name. */
    public static void zip(Path zip, List<Found> found, List<String> prefixes) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < found.size(); i++) {
                Found f = found.get(i);
                for (Path file : f.files()) {
                    ZipEntry entry = new ZipEntry(prefixes.get(i) + f.entryName(file));
                    entry.setTime(Files.getLastModifiedTime(file).toMillis());
                    out.putNextEntry(entry);
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        }
    }

    /**
     * Extracts the entries of {@code zip} whose names start with {@code prefix} (the prefix removed) into
     * {@code target}, replacing files; answers how many files. An entry that would land outside {@code target} is an
     * error.
     */
    public int extract(InputStream zip, String prefix, Path target) throws IOException {
        inside(target.toAbsolutePath().normalize());
        return unzip(zip, prefix, target, this);
    }

    /** {@link #extract} without a boundary but the target itself. */
    public static int unzip(InputStream zip, String prefix, Path target) throws IOException {
        return unzip(zip, prefix, target, null);
    }

    private static int unzip(InputStream zip, String prefix, Path target, WorkspaceFiles files) throws IOException {
        Path base = target.toAbsolutePath().normalize();
        Files.createDirectories(base);
        int count = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (!entry.getName().startsWith(prefix)) {
                    continue;
                }
                String name = entry.getName().substring(prefix.length());
                Path path = base.resolve(name).normalize();
                if (!path.startsWith(base) || path.equals(base)) {
                    throw new IOException("archive entry " + entry.getName() + " is outside the target directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                // a directory on the way may be a link a script made: the file must still land inside
                Path parent = path.getParent().toRealPath();
                if (!parent.startsWith(base.toRealPath()) || files != null && !files.isInside(parent)) {
                    throw new IOException("archive entry " + entry.getName() + " would be written through a link "
                            + "outside the target directory");
                }
                Files.copy(in, parent.resolve(path.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                count++;
            }
        }
        return count;
    }

    /** A path as given, relative to the workspace, or under the home directory for {@code ~}. */
    public Path resolve(String path) {
        return Path.of(absolute(path == null || path.isBlank() ? "." : path.strip()));
    }

    private String absolute(String pattern) {
        String p = pattern.strip();
        if (p.equals("~") || p.startsWith("~/")) {
            return normalize(home + p.substring(1));
        }
        if (p.startsWith("/")) {
            return normalize(p);
        }
        return normalize(workspace + "/" + p);
    }

    /** Whether a file, its links resolved, is inside the boundary (a link out of it is left out, not followed). */
    private boolean isInside(Path file) {
        try {
            inside(file);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /** Removes {@code ./} and resolves {@code ..} segments before the first wildcard, keeps a trailing slash off. */
    private static String normalize(String pattern) {
        String prefix = literalPrefix(pattern);
        String rest = pattern.substring(Math.min(pattern.length(), prefix.length()));
        String normal = Path.of(prefix.isEmpty() ? "/" : prefix).normalize().toString();
        String joined = rest.isEmpty() ? normal : (normal.endsWith("/") ? normal : normal + "/")
                + (rest.startsWith("/") ? rest.substring(1) : rest);
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static boolean hasWildcard(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
    }

    /** The directory part of a pattern before its first segment with a wildcard (the whole path when none). */
    private static String literalPrefix(String pattern) {
        if (!hasWildcard(pattern)) {
            return pattern;
        }
        int wildcard = 0;
        while (wildcard < pattern.length() && "*?[".indexOf(pattern.charAt(wildcard)) < 0) {
            wildcard++;
        }
        int slash = pattern.lastIndexOf('/', wildcard);
        return slash <= 0 ? "/" : pattern.substring(0, slash);
    }

    /** A glob over absolute paths as a regular expression ({@code **}/ also matches no directory). */
    static Pattern regex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (glob.startsWith("**/", i)) {
                    regex.append("(?:.*/)?");
                    i += 3;
                    continue;
                }
                if (glob.startsWith("**", i)) {
                    regex.append(".*");
                    i += 2;
                    continue;
                }
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 1);
                if (end < 0) {
                    regex.append("\\[");
                } else {
                    String set = glob.substring(i + 1, end);
                    regex.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                    i = end;
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return Pattern.compile(regex.toString());
    }

    /** Whether {@code path} or one of its directories up to {@code stop} matches. */
    private static boolean matchesOrUnder(Pattern pattern, Path path, Path stop) {
        for (Path p = path; p != null && p.startsWith(stop); p = p.getParent()) {
            if (pattern.matcher(p.toString()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean hidden(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static Path commonAncestor(List<Path> paths) {
        Path common = null;
        for (Path path : paths) {
            if (path == null) {
                continue;
            }
            if (common == null) {
                common = path;
                continue;
            }
            while (!path.startsWith(common)) {
                common = common.getParent();
            }
        }
        return common;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
