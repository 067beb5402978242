package io.codara.ci.internal.remote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.codara.ci.internal.remote.RemoteRunners.Runner;

/** GitHub's JSON of self-hosted runners. */
final class RunnerViews {

    /** The labels a runner gets by itself (GitHub's {@code read-only} ones). */
    private static final Set<String> DEFAULT = Set.of("self-hosted", "linux", "macos", "windows", "x64", "x86",
            "arm", "arm64");

    private RunnerViews() {
    }

    static Map<String, Object> runner(Runner runner, RemoteRunners runners) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", runner.id());
        out.put("name", runner.name());
        out.put("os", runner.os());
        out.put("status", runners.online(runner) ? "online" : "offline");
        out.put("busy", runner.busy());
        List<Map<String, Object>> labels = new ArrayList<>();
        for (int i = 0; i < runner.labels().size(); i++) {
            String label = runner.labels().get(i);
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("id", i + 1);
            l.put("name", label);
            l.put("type", DEFAULT.contains(label.toLowerCase(Locale.ROOT)) ? "read-only" : "custom");
            labels.add(l);
        }
        out.put("labels", labels);
        out.put("runner_group_id", 1);
        return out;
    }

    static Map<String, Object> list(List<Runner> list, RemoteRunners runners) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total_count", list.size());
        out.put("runners", list.stream().map(r -> runner(r, runners)).toList());
        return out;
    }
}
