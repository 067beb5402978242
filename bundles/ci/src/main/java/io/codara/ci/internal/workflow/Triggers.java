package io.codara.ci.internal.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code on:}: the events that start a workflow, with their filters. An absent event is {@code null}.
 *
 * @param push        {@code push}, or {@code null}
 * @param pullRequest {@code pull_request}, or {@code null}
 * @param dispatch    {@code workflow_dispatch}, or {@code null}
 * @param schedules   {@code schedule} crons (empty when absent)
 */
public record Triggers(Push push, PullRequest pullRequest, Dispatch dispatch, List<CronSchedule> schedules) {

    /** The activity types of {@code pull_request} that start a workflow when {@code types} is not given. */
    public static final List<String> DEFAULT_PULL_REQUEST_TYPES = List.of("opened", "synchronize", "reopened");

    /** The activity types {@code pull_request.types} may name. */
    public static final Set<String> PULL_REQUEST_TYPES = Set.of("assigned", "unassigned", "labeled", "unlabeled",
            "opened", "edited", "closed", "reopened", "synchronize", "converted_to_draft", "ready_for_review", "locked",
            "unlocked", "review_requested", "review_request_removed", "auto_merge_enabled", "auto_merge_disabled",
            "milestoned", "demilestoned", "enqueued", "dequeued");

    public Triggers {
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
    }

    /** Whether this event starts the workflow. */
    public boolean matches(TriggerEvent event) {
        if (event instanceof TriggerEvent.Push p) {
            return push != null && push.matches(p);
        }
        if (event instanceof TriggerEvent.PullRequest pr) {
            return pullRequest != null && pullRequest.matches(pr);
        }
        if (event instanceof TriggerEvent.Dispatch) {
            return dispatch != null;
        }
        TriggerEvent.Schedule s = (TriggerEvent.Schedule) event;
        return schedules.stream().anyMatch(c -> c.expression().equals(s.cron()));
    }

    /** The next time after {@code after} that one of the schedules fires, or {@code null} without schedules. */
    public Instant nextScheduled(Instant after) {
        Instant next = null;
        for (CronSchedule schedule : schedules) {
            Instant candidate = schedule.next(after);
            if (candidate != null && (next == null || candidate.isBefore(next))) {
                next = candidate;
            }
        }
        return next;
    }

    /**
     * {@code on.push}. Each filter is {@code null} when not given. With only branch filters, tag pushes do not
     * match, and the other way round; path filters apply to branch pushes only.
     */
    public record Push(FilterPatterns branches, FilterPatterns branchesIgnore, FilterPatterns tags,
            FilterPatterns tagsIgnore, FilterPatterns paths, FilterPatterns pathsIgnore) {

        /** {@code on: push} without filters. */
        public static final Push ANY = new Push(null, null, null, null, null, null);

        public boolean matches(TriggerEvent.Push event) {
            if (event.deleted()) {
                return false;
            }
            String ref = event.ref();
            boolean branchFilters = branches != null || branchesIgnore != null;
            boolean tagFilters = tags != null || tagsIgnore != null;
            if (ref.startsWith("refs/heads/")) {
                String branch = ref.substring("refs/heads/".length());
                if (!refMatches(branch, branches, branchesIgnore, tagFilters)) {
                    return false;
                }
                return pathsMatch(event.changedPaths(), paths, pathsIgnore);
            }
            if (ref.startsWith("refs/tags/")) {
                return refMatches(ref.substring("refs/tags/".length()), tags, tagsIgnore, branchFilters);
            }
            return false;
        }
    }

    /** {@code on.pull_request}: activity types, base branch filters and path filters. */
    public record PullRequest(List<String> types, FilterPatterns branches, FilterPatterns branchesIgnore,
            FilterPatterns paths, FilterPatterns pathsIgnore) {

        public PullRequest {
            types = types == null || types.isEmpty() ? DEFAULT_PULL_REQUEST_TYPES : List.copyOf(types);
        }

        public boolean matches(TriggerEvent.PullRequest event) {
            if (!types.contains(event.action())) {
                return false;
            }
            String base = event.baseRef().startsWith("refs/heads/")
                    ? event.baseRef().substring("refs/heads/".length()) : event.baseRef();
            return refMatches(base, branches, branchesIgnore, false)
                    && pathsMatch(event.changedPaths(), paths, pathsIgnore);
        }
    }

    private static boolean refMatches(String name, FilterPatterns include, FilterPatterns ignore,
            boolean onlyOtherKindFiltered) {
        if (include != null) {
            return include.matches(name);
        }
        if (ignore != null) {
            return !ignore.matches(name);
        }
        return !onlyOtherKindFiltered;
    }

    private static boolean pathsMatch(List<String> changed, FilterPatterns include, FilterPatterns ignore) {
        if (changed == null || (include == null && ignore == null)) {
            return true;
        }
        if (include != null) {
            return changed.stream().anyMatch(include::matches);
        }
        return changed.stream().anyMatch(p -> !ignore.matches(p));
    }

    /** {@code on.workflow_dispatch}, with its inputs in the order of the file. */
    public record Dispatch(Map<String, DispatchInput> inputs) {

        public Dispatch {
            inputs = OrderedMaps.copy(inputs);
        }

        /**
         * The values of the inputs for a start with {@code given} values: booleans as Boolean, numbers as Double,
         * the rest as String; missing inputs take their default (or {@code ""}, {@code false}).
         */
        public InputResolution resolveInputs(Map<String, String> given) {
            Map<String, Object> values = new LinkedHashMap<>();
            List<String> errors = new ArrayList<>();
            Map<String, String> provided = given == null ? Map.of() : given;
            for (String name : provided.keySet()) {
                if (!inputs.containsKey(name)) {
                    errors.add("unknown input '" + name + "'" + (inputs.isEmpty() ? "; this workflow takes no inputs"
                            : "; known inputs: " + String.join(", ", inputs.keySet())));
                }
            }
            for (DispatchInput input : inputs.values()) {
                String raw = provided.get(input.name());
                if (raw == null) {
                    if (input.defaultValue() != null) {
                        values.put(input.name(), input.defaultValue());
                    } else if (input.required()) {
                        errors.add("input '" + input.name() + "' is required");
                    } else {
                        values.put(input.name(), input.type() == DispatchInput.Type.BOOLEAN ? Boolean.FALSE : "");
                    }
                    continue;
                }
                try {
                    values.put(input.name(), input.convert(raw));
                } catch (IllegalArgumentException e) {
                    errors.add(e.getMessage());
                }
            }
            return new InputResolution(errors.isEmpty() ? values : Map.of(), errors);
        }
    }

    /**
     * The checked values of a manual start.
     *
     * @param values the input values by name (empty when there are errors)
     * @param errors what is wrong with the given inputs
     */
    public record InputResolution(Map<String, Object> values, List<String> errors) {
        public InputResolution {
            values = OrderedMaps.copy(values);
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * One input of {@code workflow_dispatch}.
     *
     * @param name         the input's name
     * @param description  {@code description:}, or {@code null}
     * @param required     {@code required:}
     * @param type         {@code type:}, {@link Type#STRING} by default
     * @param defaultValue {@code default:} converted to the type, or {@code null}
     * @param options      {@code options:} of a choice
     */
    public record DispatchInput(String name, String description, boolean required, Type type, Object defaultValue,
            List<String> options) {

        /** The input types. */
        public enum Type {
            STRING, BOOLEAN, CHOICE, NUMBER, ENVIRONMENT
        }

        public DispatchInput {
            options = options == null ? List.of() : List.copyOf(options);
        }

        /**
         * A given value as this input's type.
         *
         * @throws IllegalArgumentException saying why the value does not fit
         */
        public Object convert(String raw) {
            switch (type) {
                case BOOLEAN:
                    if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
                        return Boolean.parseBoolean(raw);
                    }
                    throw new IllegalArgumentException("input '" + name + "' must be true or false, got '" + raw
                            + "'");
                case NUMBER:
                    double d = Values.parseNumber(raw.strip());
                    if (raw.isBlank() || Double.isNaN(d)) {
                        throw new IllegalArgumentException("input '" + name + "' must be a number, got '" + raw
                                + "'");
                    }
                    return d;
                case CHOICE:
                    if (!options.contains(raw)) {
                        throw new IllegalArgumentException("input '" + name + "' must be one of " + options
                                + ", got '" + raw + "'");
                    }
                    return raw;
                default:
                    if (required && raw.isEmpty()) {
                        throw new IllegalArgumentException("input '" + name + "' is required");
                    }
                    return raw;
            }
        }
    }
}
