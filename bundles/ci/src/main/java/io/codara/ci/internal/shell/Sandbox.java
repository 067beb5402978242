package io.codara.ci.internal.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Where a step's processes run: directly on the host, or inside a bubblewrap sandbox that sees the host's system
 * directories read-only, its own job directory read-write (at the same path, so {@code $GITHUB_WORKSPACE} means the
 * same inside and out), a private {@code /tmp}, {@code /proc} and {@code /dev}, and new user, IPC, PID, UTS and cgroup
 * namespaces. The network is shared by default: builds fetch their dependencies, and a runner that must not reach the
 * network is configured with {@code sandbox_network=false}. With its own PID namespace and {@code --die-with-parent},
 * nothing started in the sandbox outlives it.
 *
 * @param bwrap the bubblewrap executable, or {@code null} when steps run unsandboxed
 * @param network whether sandboxed steps share the host's network
 * @param readOnly the host paths bound read-only
 * @param notice why the sandbox is off although asked for ({@code auto}), or {@code null}
 * @param error why jobs cannot run ({@code bwrap} asked for but unusable), or {@code null}
 */
record Sandbox(Path bwrap, boolean network, List<String> readOnly, String notice, String error) {

    /** Unsandboxed. */
    static final Sandbox NONE = new Sandbox(null, true, List.of(), null, null);

    /** Resolves the configured mode ({@code auto}, {@code bwrap}, {@code none}) by trying bubblewrap once. */
    static Sandbox configure(String mode, boolean network, List<String> readOnly, String path) {
        String normalized = mode == null ? "auto" : mode.strip().toLowerCase(Locale.ROOT);
        if (normalized.equals("none")) {
            return NONE;
        }
        if (!normalized.equals("auto") && !normalized.equals("bwrap")) {
            throw new IllegalArgumentException("sandbox must be auto, bwrap or none, not '" + mode + "'");
        }
        Path bwrap = find("bwrap", path);
        String problem = bwrap == null ? "bwrap is not installed (on " + path + ")" : probe(bwrap, network);
        if (problem == null) {
            return new Sandbox(bwrap, network, List.copyOf(readOnly), null, null);
        }
        if (normalized.equals("bwrap")) {
            return new Sandbox(null, network, List.of(), null, "the bubblewrap sandbox is required but unusable: "
                    + problem);
        }
        return new Sandbox(null, network, List.of(), "steps run without a sandbox: " + problem, null);
    }

    /** Whether steps run inside bubblewrap. */
    boolean active() {
        return bwrap != null;
    }

    /** The command that runs {@code command} in the sandbox with {@code jobDir} writable, in {@code workDir}. */
    List<String> wrap(List<String> command, Path jobDir, Path workDir) {
        if (!active()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--unshare-all"));
        if (network) {
            wrapped.add("--share-net");
        }
        for (String entry : readOnly) {
            Path host = Path.of(entry);
            if (Files.isSymbolicLink(host)) {
                try {
                    wrapped.addAll(List.of("--symlink", Files.readSymbolicLink(host).toString(), entry));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read the link " + entry, e);
                }
            } else if (Files.isDirectory(host)) {
                wrapped.addAll(List.of("--ro-bind", entry, entry));
            }
        }
        wrapped.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--hostname", "codara-runner",
                "--bind", jobDir.toString(), jobDir.toString(), "--chdir", workDir.toString(), "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Why bubblewrap cannot make a sandbox here, or {@code null} when it can. */
    private static String probe(Path bwrap, boolean network) {
        List<String> command = new ArrayList<>(List.of(bwrap.toString(), "--ro-bind", "/", "/", "--unshare-all"));
        if (network) {
            command.add("--share-net");
        }
        command.addAll(List.of("--", "true"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "bwrap did not answer within 10 s";
            }
            String output = new String(process.getInputStream().readAllBytes()).strip();
            return process.exitValue() == 0 ? null
                    : "bwrap cannot create namespaces (exit " + process.exitValue() + "): " + output;
        } catch (IOException e) {
            return "bwrap cannot be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while trying bwrap";
        }
    }

    /** The executable {@code name} on {@code path}, or {@code null}. */
    static Path find(String name, String path) {
        for (String directory : path.split(":")) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
