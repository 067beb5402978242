package io.codara.api.ci;

import java.util.Set;

/**
 * A runner registered on this node.
 *
 * @param id the runner's id (its provider's)
 * @param labels what jobs it can run ({@code runs-on} labels)
 * @param availableSlots how many more jobs it can start now
 */
public record RunnerInfo(String id, Set<String> labels, int availableSlots) {

    public RunnerInfo {
        labels = Set.copyOf(labels);
    }
}
