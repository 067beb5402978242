package io.codara.ci.internal.workflow;

import java.util.List;
import java.util.Map;

/** An event that may start workflows, as {@link Triggers#matches} takes it. */
public sealed interface TriggerEvent {

    /**
     * A push of one ref.
     *
     * @param ref          the full ref, such as {@code refs/heads/main} or {@code refs/tags/v1.0}
     * @param changedPaths the paths the push changed, or {@code null} when unknown (path filters then pass)
     * @param created      whether the push created the ref
     * @param deleted      whether the push deleted the ref (no workflow runs for a deleted ref)
     */
    record Push(String ref, List<String> changedPaths, boolean created, boolean deleted) implements TriggerEvent {
        public Push {
            changedPaths = changedPaths == null ? null : List.copyOf(changedPaths);
        }
    }

    /**
     * A pull request activity.
     *
     * @param action       such as {@code opened}, {@code synchronize}, {@code reopened}, {@code closed}
     * @param baseRef      the base branch, short ({@code main}) or full ({@code refs/heads/main})
     * @param changedPaths the paths the pull request changes, or {@code null} when unknown
     */
    record PullRequest(String action, String baseRef, List<String> changedPaths) implements TriggerEvent {
        public PullRequest {
            changedPaths = changedPaths == null ? null : List.copyOf(changedPaths);
        }
    }

    /**
     * A manual start with inputs (check them with {@link Triggers.Dispatch#resolveInputs}).
     *
     * @param inputs the inputs as given
     */
    record Dispatch(Map<String, String> inputs) implements TriggerEvent {
        public Dispatch {
            inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        }
    }

    /**
     * A scheduled time came.
     *
     * @param cron the cron expression that fired, as written in the workflow
     */
    record Schedule(String cron) implements TriggerEvent {
    }
}
