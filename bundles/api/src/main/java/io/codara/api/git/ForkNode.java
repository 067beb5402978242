package io.codara.api.git;

import java.util.List;

/**
 * A repository in a fork network and its forks.
 *
 * @param repository the repository
 * @param forks its forks that the viewer may see, oldest first, up to the depth asked for
 * @param truncated whether it has forks beyond that depth
 */
public record ForkNode(Repository repository, List<ForkNode> forks, boolean truncated) {

    public ForkNode {
        forks = List.copyOf(forks);
    }
}
