package io.codara.ci.internal.shell;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

import io.codara.api.storage.StorageLayout;

/** Real shell runners for tests outside this package, configured from a map over the defaults. */
public final class ShellRunners {

    private ShellRunners() {
    }

    /** A shell runner with its workspaces under {@code root}, no sandbox and a one-second kill grace. */
    public static ShellRunnerProvider shell(Path root, Map<String, Object> overrides) {
        return shell(root, overrides, null, null);
    }

    /** A shell runner whose built-in steps use these artifact and cache services. */
    public static ShellRunnerProvider shell(Path root, Map<String, Object> overrides,
            io.codara.api.ci.CiArtifacts artifacts, io.codara.api.ci.CiCaches caches) {
        Map<String, Object> values = new java.util.HashMap<>(overrides);
        values.putIfAbsent("kill_grace_seconds", 1);
        values.putIfAbsent("sandbox", "none");
        ShellRunnerConfig config = (ShellRunnerConfig) Proxy.newProxyInstance(ShellRunners.class.getClassLoader(),
                new Class<?>[] {ShellRunnerConfig.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
        StorageLayout layout = () -> root;
        return new ShellRunnerProvider(layout, config, java.time.Clock.systemUTC(), artifacts, caches);
    }

    /** Stops a runner as its component's deactivation would. */
    public static void stop(ShellRunnerProvider runner) {
        runner.deactivate();
    }
}
