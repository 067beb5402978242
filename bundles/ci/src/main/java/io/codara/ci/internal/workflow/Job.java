package io.codara.ci.internal.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One job of a workflow.
 *
 * @param id              the key under {@code jobs:}
 * @param name            {@code name:} (a template), or {@code null}
 * @param needs           the ids of the jobs that must finish first
 * @param condition       {@code if:}
 * @param runsOn          {@code runs-on:}
 * @param env             {@code env:} values (templates)
 * @param defaults        {@code defaults.run} of the job
 * @param timeoutMinutes  {@code timeout-minutes:}, 360 by default
 * @param continueOnError {@code continue-on-error:}
 * @param strategy        {@code strategy:}, or {@code null}
 * @param services        {@code services:} by id
 * @param container       {@code container:}, or {@code null}
 * @param outputs         {@code outputs:} (templates)
 * @param concurrency     {@code concurrency:} of the job, or {@code null}
 * @param steps           the steps in order
 * @param line            the 1-based line of the job's key
 */
public record Job(String id, String name, List<String> needs, Condition condition, RunsOn runsOn,
        Map<String, String> env, Workflow.RunDefaults defaults, int timeoutMinutes, BooleanSetting continueOnError,
        Strategy strategy, Map<String, Service> services, Container container, Map<String, String> outputs,
        Workflow.Concurrency concurrency, List<Step> steps, int line) {

    /** The timeout of a job without {@code timeout-minutes}. */
    public static final int DEFAULT_TIMEOUT_MINUTES = 360;

    public Job {
        needs = List.copyOf(needs);
        env = OrderedMaps.copy(env);
        services = OrderedMaps.copy(services);
        outputs = OrderedMaps.copy(outputs);
        steps = List.copyOf(steps);
        condition = condition != null ? condition : Condition.SUCCESS;
        defaults = defaults != null ? defaults : Workflow.RunDefaults.NONE;
        continueOnError = continueOnError != null ? continueOnError : BooleanSetting.FALSE;
    }

    /** Whether the job has a matrix. */
    public boolean hasMatrix() {
        return strategy != null && strategy.matrix() != null;
    }

    /**
     * {@code runs-on:}: {@code shell}, {@code docker:<image>} or the labels a registered runner must have. Labels
     * may hold {@code ${{ }}} (such as {@code ${{ matrix.os }}}): {@link #resolve} them per job instance.
     *
     * @param labels the labels as written
     */
    public record RunsOn(List<String> labels) {

        /** What kind of runner a job asks for. */
        public enum Kind {
            /** The built-in shell runner. */
            SHELL,
            /** A Docker container of {@link #image()}. */
            DOCKER,
            /** A registered runner with all these labels. */
            LABELS
        }

        public RunsOn {
            labels = List.copyOf(labels);
        }

        public Kind kind() {
            if (labels.size() == 1 && labels.get(0).equals("shell")) {
                return Kind.SHELL;
            }
            if (labels.size() == 1 && labels.get(0).startsWith("docker:")) {
                return Kind.DOCKER;
            }
            return Kind.LABELS;
        }

        /** The Docker image of {@code docker:<image>}, or {@code null}. */
        public String image() {
            return kind() == Kind.DOCKER ? labels.get(0).substring("docker:".length()).strip() : null;
        }

        /** The labels with their expressions evaluated; a label that evaluates to an array gives its elements. */
        public RunsOn resolve(ExpressionContext context) {
            List<String> out = new ArrayList<>();
            for (String label : labels) {
                if (!Template.isTemplate(label)) {
                    out.add(label);
                    continue;
                }
                Object value = Template.parse(label).evaluate(context);
                if (value instanceof List<?> list) {
                    list.forEach(v -> out.add(Values.toText(v)));
                } else {
                    out.add(Values.toText(value));
                }
            }
            return new RunsOn(out);
        }
    }

    /**
     * {@code strategy:}.
     *
     * @param matrix      {@code matrix:} as a value: a map of vectors (lists) and {@code include}/{@code exclude}
     *                    lists, where any part may instead be a {@code ${{ }}} string; or one such string
     * @param failFast    {@code fail-fast:}, true by default
     * @param maxParallel {@code max-parallel:}, or {@code null} for no limit
     */
    public record Strategy(Object matrix, boolean failFast, Integer maxParallel) {
    }

    /**
     * A service container.
     *
     * @param image   the image (a template)
     * @param env     its environment (templates)
     * @param ports   port mappings as written
     * @param volumes volume mappings as written
     * @param options further {@code docker create} options, or {@code null}
     */
    public record Service(String image, Map<String, String> env, List<String> ports, List<String> volumes,
            String options) {

        public Service {
            env = OrderedMaps.copy(env);
            ports = List.copyOf(ports);
            volumes = List.copyOf(volumes);
        }
    }

    /**
     * {@code container:}: the image the job's steps run in.
     *
     * @param image   the image (a template)
     * @param env     its environment (templates)
     * @param ports   port mappings as written
     * @param volumes volume mappings as written
     * @param options further {@code docker create} options, or {@code null}
     */
    public record Container(String image, Map<String, String> env, List<String> ports, List<String> volumes,
            String options) {

        public Container {
            env = OrderedMaps.copy(env);
            ports = List.copyOf(ports);
            volumes = List.copyOf(volumes);
        }
    }
}
