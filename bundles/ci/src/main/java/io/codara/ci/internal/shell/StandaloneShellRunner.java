package io.codara.ci.internal.shell;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.codara.api.ci.spi.RunnerProvider;

/**
 * The shell runner outside OSGi, for the {@code codara-runner} program on another machine: the same
 * {@link ShellRunnerProvider} (checkout with {@code git}, clean environment, sandbox, process-tree kill, step command
 * files), configured from plain values instead of Configuration Admin.
 */
public final class StandaloneShellRunner {

    private StandaloneShellRunner() {
    }

    /**
     * A shell runner named {@code name} with its job workspaces under {@code workspaceRoot}; {@code settings} sets
     * any other attribute of the built-in runner's configuration by name ({@code sandbox}, {@code fetch_depth},
     * {@code kill_grace_seconds}, ...), the rest keep their defaults.
     */
    public static RunnerProvider create(String name, Path workspaceRoot, List<String> labels, int maxJobs,
            Map<String, Object> settings) {
        Map<String, Object> values = new java.util.HashMap<>(settings);
        values.put("name", name);
        values.put("workspace_root", workspaceRoot.toAbsolutePath().toString());
        values.put("labels", labels.toArray(String[]::new));
        values.put("max_concurrent_jobs", maxJobs);
        ShellRunnerConfig config = (ShellRunnerConfig) Proxy.newProxyInstance(
                StandaloneShellRunner.class.getClassLoader(), new Class<?>[] {ShellRunnerConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> ShellRunnerConfig.class;
                    case "toString" -> "ShellRunnerConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                });
        return new ShellRunnerProvider(null, config);
    }
}
