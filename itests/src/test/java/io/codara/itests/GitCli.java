package io.codara.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real git command line for the end-to-end tests, isolated from the machine's configuration (its own HOME, no
 * system config, never prompting), arguments as a list and no shell. Safe to use from several threads at once.
 */
final class GitCli {

    private final Path home;

    GitCli(Path home) {
        this.home = home;
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one git command did. */
    record Result(List<String> command, int exit, String out, String err) {

        boolean succeeded() {
            return exit == 0;
        }

        Result ok() {
            if (exit != 0) {
                throw new AssertionError("git failed (" + exit + "): " + String.join(" ", command) + "\n" + err + out);
            }
            return this;
        }
    }

    Result run(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Codara Itest", "-c",
                "user.email=itest@example.com", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("GIT_ASKPASS");
        builder.environment().remove("GIT_DIR");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("git did not finish in 180 s: " + String.join(" ", command));
            }
            return new Result(command.subList(7, command.size()), process.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Writes {@code file} in {@code workTree}, commits everything and answers the new commit's id. */
    String commit(Path workTree, String file, String content) {
        try {
            Files.createDirectories(workTree.resolve(file).getParent());
            Files.writeString(workTree.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(workTree, "add", "-A").ok();
        run(workTree, "commit", "-q", "-m", "change " + file).ok();
        return run(workTree, "rev-parse", "HEAD").ok().out().strip();
    }

    /** A clone URL with a token as git users give one. */
    static String url(Http http, String token, String fullName) {
        return http.base().replace("http://", "http://x-access-token:" + token + "@") + "/" + fullName + ".git";
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
