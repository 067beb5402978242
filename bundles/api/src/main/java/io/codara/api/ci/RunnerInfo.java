package io.codara.api.ci;

import java.util.Set;

/**
 * A runner: one of this node's runner providers, or a registered remote runner on another machine.
 *
 * @param id the runner's id (its provider's, or {@code remote:<name>} with the registered runner's name)
 * @param labels what jobs it can run ({@code runs-on} labels)
 * @param availableSlots how many more jobs it can start now
 * @param kind {@code local} for this node's providers, {@code remote} for a registered runner
 * @param status {@code online} or {@code offline} (a remote runner that has not asked for work lately)
 * @param scope where a remote runner serves ({@code repository owner/name}, {@code organization login} or
 *        {@code site}); {@code node} for a local one
 */
public record RunnerInfo(String id, Set<String> labels, int availableSlots, String kind, String status,
        String scope) {

    public RunnerInfo {
        labels = Set.copyOf(labels);
        kind = kind == null ? "local" : kind;
        status = status == null ? "online" : status;
        scope = scope == null ? "node" : scope;
    }

    /** A runner provider of this node. */
    public RunnerInfo(String id, Set<String> labels, int availableSlots) {
        this(id, labels, availableSlots, "local", "online", "node");
    }
}
