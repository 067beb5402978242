package io.codara.ci.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.codara.api.ci.Artifact;
import io.codara.api.ci.CacheEntry;
import io.codara.api.ci.CiArtifacts;
import io.codara.api.ci.CiCaches;
import io.codara.api.ci.spi.RunnerJob;
import io.codara.api.ci.spi.RunnerStep;
import io.codara.ci.internal.artifacts.WorkspaceFiles;
import io.codara.ci.internal.logs.StepLog;

/**
 * The built-in actions a job's steps may use offline, performed on the job's workspace through the artifact and
 * cache services: {@code actions/upload-artifact}, {@code actions/download-artifact} and {@code actions/cache} (whose
 * save runs after the job's last step, when the job succeeded and the key had no exact hit, as on GitHub).
 */
final class BuiltinSteps {

    /** What a built-in step produced: its outputs, or why it failed; and a cache to save after the job. */
    record Outcome(Map<String, String> outputs, String failure, CacheSave save) {
    }

    /** A cache {@code actions/cache} saves after a successful job. */
    record CacheSave(int step, String key, String version, List<String> paths) {
    }

    private final RunnerJob job;
    private final WorkspaceFiles files;
    private final Path temp;
    private final CiArtifacts artifacts;
    private final CiCaches caches;

    BuiltinSteps(RunnerJob job, Path workspace, Path home, Path temp, CiArtifacts artifacts, CiCaches caches) {
        this.job = job;
        this.files = new WorkspaceFiles(workspace, home, workspace.getParent());
        this.temp = temp;
        this.artifacts = artifacts;
        this.caches = caches;
    }

    /** GitHub's {@code hashFiles} over the workspace. */
    String hashFiles(List<String> patterns) {
        return files.hashFiles(patterns);
    }

    Outcome run(RunnerStep step, Map<String, String> with, StepLog log) throws IOException {
        if (artifacts == null || caches == null) {
            return failure("uses: " + step.uses() + " needs the CI artifact and cache services, which this runner "
                    + "does not have");
        }
        return switch (step.uses()) {
            case RunnerStep.UPLOAD_ARTIFACT -> upload(with, log);
            case RunnerStep.DOWNLOAD_ARTIFACT -> download(with, log);
            case RunnerStep.CACHE -> restore(step, with, log);
            default -> failure("uses: " + step.uses() + " is not a built-in action of this runner");
        };
    }

    private Outcome upload(Map<String, String> with, StepLog log) throws IOException {
        String name = with.getOrDefault("name", "").isBlank() ? "artifact" : with.get("name").strip();
        List<String> paths = WorkspaceFiles.lines(with.get("path"));
        if (paths.isEmpty()) {
            return failure("Input required and not supplied: path");
        }
        String ifNone = with.getOrDefault("if-no-files-found", "").isBlank() ? "warn"
                : with.get("if-no-files-found").strip().toLowerCase(Locale.ROOT);
        if (!List.of("warn", "error", "ignore").contains(ifNone)) {
            return failure("Unrecognized if-no-files-found input. Provided: " + ifNone + ". Available options: "
                    + "warn, error, ignore");
        }
        int retention;
        try {
            retention = with.getOrDefault("retention-days", "").isBlank() ? 0
                    : Integer.parseInt(with.get("retention-days").strip());
        } catch (NumberFormatException e) {
            return failure("Invalid retention-days: " + with.get("retention-days"));
        }
        boolean overwrite = bool(with.get("overwrite"));
        WorkspaceFiles.Found found = files.find(paths, bool(with.get("include-hidden-files")));
        if (found.files().isEmpty()) {
            String message = "No files were found with the provided path: " + String.join(", ", paths)
                    + ". No artifacts will be uploaded.";
            return switch (ifNone) {
                case "error" -> failure(message);
                case "warn" -> {
                    log.line("##[warning]" + message);
                    yield new Outcome(Map.of(), null, null);
                }
                default -> {
                    log.line(message);
                    yield new Outcome(Map.of(), null, null);
                }
            };
        }
        log.line("With the provided path, there will be " + found.files().size() + " file(s) uploaded");
        Path zip = Files.createTempFile(temp, "artifact-", ".zip");
        try {
            WorkspaceFiles.zip(zip, List.of(found), List.of(""));
            Artifact artifact;
            try (InputStream in = Files.newInputStream(zip)) {
                artifact = artifacts.upload(job.runId(), name, in, retention, overwrite);
            } catch (IllegalStateException | IllegalArgumentException e) {
                return failure(e.getMessage());
            }
            log.line("Artifact " + name + " has been successfully uploaded! Final size is " + artifact.sizeInBytes()
                    + " bytes. Artifact ID is " + artifact.id());
            log.line("Artifact digest: " + artifact.digest());
            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("artifact-id", Long.toString(artifact.id()));
            outputs.put("artifact-digest", artifact.digest().replaceFirst("^sha256:", ""));
            // the run page that lists it (a path of the site: the runner does not know the site's address)
            outputs.put("artifact-url", "/" + job.repository() + "/actions/runs/" + job.runId());
            return new Outcome(outputs, null, null);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private Outcome download(Map<String, String> with, StepLog log) throws IOException {
        String name = with.getOrDefault("name", "").strip();
        String pattern = with.getOrDefault("pattern", "").strip();
        boolean merge = bool(with.get("merge-multiple"));
        Path target = files.resolve(with.get("path"));
        List<Artifact> ofRun = artifacts.ofRun(job.runId()).stream().filter(a -> !a.expired()).toList();
        List<Artifact> chosen;
        if (!name.isEmpty()) {
            chosen = ofRun.stream().filter(a -> a.name().equals(name)).toList();
            if (chosen.isEmpty()) {
                return failure("Unable to download artifact(s): Artifact not found for name: " + name);
            }
        } else {
            Pattern glob = pattern.isEmpty() ? null : glob(pattern);
            chosen = ofRun.stream().filter(a -> glob == null || glob.matcher(a.name()).matches()).toList();
            log.line("Found " + chosen.size() + " artifact(s)");
        }
        for (Artifact artifact : chosen) {
            // one named artifact, or merge-multiple: into the path itself; several: each into a directory by name
            Path into = !name.isEmpty() || merge ? target : target.resolve(artifact.name());
            Optional<InputStream> zip = artifacts.open(artifact.id());
            if (zip.isEmpty()) {
                return failure("Unable to download artifact " + artifact.name() + ": it has expired");
            }
            int count;
            try (InputStream in = zip.get()) {
                count = files.extract(in, "", into);
            }
            log.line("Artifact " + artifact.name() + " (ID " + artifact.id() + ", " + count + " files) was "
                    + "downloaded to " + into);
        }
        log.line("Total of " + chosen.size() + " artifact(s) downloaded");
        return new Outcome(Map.of("download-path", target.toString()), null, null);
    }

    private Outcome restore(RunnerStep step, Map<String, String> with, StepLog log) throws IOException {
        String key = with.getOrDefault("key", "").strip();
        List<String> paths = WorkspaceFiles.lines(with.get("path"));
        if (key.isEmpty()) {
            return failure("Input required and not supplied: key");
        }
        if (paths.isEmpty()) {
            return failure("Input required and not supplied: path");
        }
        List<String> restoreKeys = WorkspaceFiles.lines(with.get("restore-keys"));
        String version = version(paths);
        Optional<CacheEntry> entry = caches.restore(job.runId(), key, restoreKeys, version);
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("cache-primary-key", key);
        boolean exact = entry.isPresent() && entry.get().key().equals(key);
        if (entry.isEmpty()) {
            log.line("Cache not found for input keys: " + String.join(", ", prepend(key, restoreKeys)));
            if (bool(with.get("fail-on-cache-miss"))) {
                return failure("Failed to restore cache entry. Exiting as fail-on-cache-miss is set. Input key: "
                        + key);
            }
            outputs.put("cache-hit", "false");
        } else {
            outputs.put("cache-matched-key", entry.get().key());
            outputs.put("cache-hit", Boolean.toString(exact));
            if (!bool(with.get("lookup-only"))) {
                Optional<InputStream> zip = caches.open(entry.get().id());
                if (zip.isEmpty()) {
                    return failure("The cache entry " + entry.get().key() + " has no archive");
                }
                byte[] bytes;
                try (InputStream in = zip.get()) {
                    bytes = in.readAllBytes();
                }
                for (int i = 0; i < paths.size(); i++) {
                    files.extract(new java.io.ByteArrayInputStream(bytes), i + "/", root(paths.get(i)));
                }
            }
            log.line("Cache restored from key: " + entry.get().key() + " (" + entry.get().sizeInBytes() + " B)");
        }
        CacheSave save = exact || bool(with.get("lookup-only")) ? null
                : new CacheSave(step.index(), key, version, paths);
        return new Outcome(outputs, null, save);
    }

    /** Saves a cache after the job; answers the log line. */
    String save(CacheSave save) throws IOException {
        List<WorkspaceFiles.Found> found = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < save.paths().size(); i++) {
            WorkspaceFiles.Found f = files.find(List.of(save.paths().get(i)), true);
            found.add(new WorkspaceFiles.Found(root(save.paths().get(i)), f.files()));
            prefixes.add(i + "/");
        }
        if (found.stream().allMatch(f -> f.files().isEmpty())) {
            return "##[warning]Path Validation Error: Path(s) specified in the action for caching do(es) not exist, "
                    + "hence no cache is being saved.";
        }
        Path zip = Files.createTempFile(temp, "cache-", ".zip");
        try {
            WorkspaceFiles.zip(zip, found, prefixes);
            Optional<CacheEntry> saved;
            try (InputStream in = Files.newInputStream(zip)) {
                saved = caches.save(job.runId(), save.key(), save.version(), in);
            }
            return saved.map(e -> "Cache saved with key: " + e.key() + " (" + e.sizeInBytes() + " B)")
                    .orElse("Failed to save: Unable to reserve cache with key " + save.key()
                            + ", another job may be creating this cache.");
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    /**
     * The directory a cache path is archived from and restored to: the directory before its first wildcard, or the
     * parent of a path without one (the same whether it names a file or a directory, which restore cannot know).
     */
    private Path root(String path) {
        Path resolved = files.resolve(path);
        if (!resolved.toString().matches(".*[*?\\[].*")) {
            return resolved.getParent() == null ? resolved : resolved.getParent();
        }
        Path root = Path.of("/");
        for (Path segment : resolved) {
            String s = segment.toString();
            if (s.contains("*") || s.contains("?") || s.contains("[")) {
                break;
            }
            root = root.resolve(s);
        }
        return root;
    }

    /** The cache version: a hash of the paths, so an entry is only restored for the same paths. */
    static String version(List<String> paths) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update((String.join("|", paths) + "|zip").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> prepend(String key, List<String> more) {
        List<String> all = new ArrayList<>(List.of(key));
        all.addAll(more);
        return all;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    private static boolean bool(String value) {
        return value != null && value.strip().equalsIgnoreCase("true");
    }

    private static Outcome failure(String message) {
        return new Outcome(Map.of(), message, null);
    }
}
