package io.codara.runner;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The runner's configuration file, written by {@code register} and read by {@code run}: the server's URL, the
 * runner's id, name, labels and credential, where job workspaces go. Readable by its owner only (it holds the
 * credential).
 */
record RunnerConfig(String url, long id, String name, List<String> labels, String credential, Path workDirectory,
        int maxJobs) {

    static RunnerConfig read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        String credential = p.getProperty("credential");
        if (credential == null || credential.isBlank()) {
            throw new IOException(file + " has no credential: run codara-runner register first");
        }
        return new RunnerConfig(p.getProperty("url"), Long.parseLong(p.getProperty("id", "0")), p.getProperty("name"),
                Arrays.stream(p.getProperty("labels", "").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .toList(), credential, Path.of(p.getProperty("work_directory")),
                Integer.parseInt(p.getProperty("max_jobs", "1")));
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("url", url);
        p.setProperty("id", Long.toString(id));
        p.setProperty("name", name);
        p.setProperty("labels", String.join(",", labels));
        p.setProperty("credential", credential);
        p.setProperty("work_directory", workDirectory.toAbsolutePath().toString());
        p.setProperty("max_jobs", Integer.toString(maxJobs));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".runner", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access rules apply
        }
        try (Writer out = Files.newBufferedWriter(temp)) {
            p.store(out, "codara-runner: holds this runner's credential, keep it private");
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
