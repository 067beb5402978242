package io.codara.api.ci;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Workflow runs as administrators and tools see them across repositories (the shell's {@code codara:ci-runs}): the
 * newest runs, cancelling one, and the runners of this node. Users reach runs through the REST API, which checks
 * their access; this service does not.
 */
@ProviderType
public interface WorkflowRuns {

    /**
     * The newest runs, newest first.
     *
     * @param repositoryId one repository's runs, or {@code null} for every repository's
     * @param status a run status ({@code queued}, {@code in_progress}, {@code completed}) or conclusion
     *        ({@code success}, {@code failure}, {@code cancelled}...), or {@code null} for all
     * @param limit at most this many (1 to 1000)
     */
    List<RunSummary> recent(Long repositoryId, String status, int limit);

    /** Cancels a run (queued jobs are cancelled, running ones stopped); empty when there is no such run. */
    Optional<RunSummary> cancel(long runId);

    /** This node's runners and the registered remote runners, with what they can run and their free slots. */
    List<RunnerInfo> runners();
}
