package io.codara.ci.internal.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A valid workflow file of {@code .codara/workflows}, immutable. Strings that may hold {@code ${{ }}} are kept as
 * written (render them with {@link Template}); every expression in them was checked when the file was parsed.
 *
 * @param path        the file's path in the repository
 * @param name        {@code name:}, or the path when absent
 * @param runName     {@code run-name:} (a template), or {@code null}
 * @param on          the events that start it
 * @param env         {@code env:} values (templates)
 * @param defaults    {@code defaults.run}
 * @param concurrency {@code concurrency:}, or {@code null}
 * @param jobs        the jobs in the order of the file
 */
public record Workflow(String path, String name, String runName, Triggers on, Map<String, String> env,
        RunDefaults defaults, Concurrency concurrency, List<Job> jobs) {

    public Workflow {
        env = OrderedMaps.copy(env);
        jobs = List.copyOf(jobs);
        defaults = defaults != null ? defaults : RunDefaults.NONE;
    }

    /**
     * {@code defaults.run}: the shell and working directory of {@code run:} steps that do not set their own.
     *
     * @param shell            the shell, or {@code null}
     * @param workingDirectory the directory (a template), or {@code null}
     */
    public record RunDefaults(String shell, String workingDirectory) {

        public static final RunDefaults NONE = new RunDefaults(null, null);

        /** These defaults over {@code outer}: what is not set here comes from there. */
        public RunDefaults over(RunDefaults outer) {
            return new RunDefaults(shell != null ? shell : outer.shell(),
                    workingDirectory != null ? workingDirectory : outer.workingDirectory());
        }
    }

    /**
     * {@code concurrency:}: runs (or jobs) of one group run one at a time.
     *
     * @param group            the group (a template)
     * @param cancelInProgress whether a new run cancels the one in progress instead of waiting
     */
    public record Concurrency(String group, BooleanSetting cancelInProgress) {
    }

    /** The job with this id. */
    public Optional<Job> job(String id) {
        return jobs.stream().filter(j -> j.id().equals(id)).findFirst();
    }

    /**
     * The jobs in stages: each stage needs only jobs of earlier stages; within a stage, the order of the file.
     * (The parser rejected cycles, so every job is in one stage.)
     */
    public List<List<Job>> stages() {
        Map<String, Job> remaining = new LinkedHashMap<>();
        jobs.forEach(j -> remaining.put(j.id(), j));
        Set<String> done = new LinkedHashSet<>();
        List<List<Job>> stages = new ArrayList<>();
        while (!remaining.isEmpty()) {
            List<Job> stage = remaining.values().stream().filter(j -> done.containsAll(j.needs())).toList();
            if (stage.isEmpty()) {
                throw new IllegalStateException("jobs form a cycle: " + remaining.keySet());
            }
            stage.forEach(j -> remaining.remove(j.id()));
            stage.forEach(j -> done.add(j.id()));
            stages.add(stage);
        }
        return List.copyOf(stages);
    }
}
