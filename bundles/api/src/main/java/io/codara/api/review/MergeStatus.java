package io.codara.api.review;

import java.util.List;

/**
 * Whether a pull request may be merged now, and what stands in the way.
 *
 * @param mergeableState GitHub's {@code clean}, {@code blocked} (a requirement of the base branch's protection is
 *        not met), {@code behind} (the head must be brought up to date with the base), {@code dirty} (conflicts),
 *        {@code unstable} (a status that is not required failed), {@code draft} or {@code unknown} (not computed
 *        yet)
 * @param requirements what is not met, one sentence each (empty when nothing is missing)
 */
public record MergeStatus(String mergeableState, List<String> requirements) {

    public MergeStatus {
        requirements = List.copyOf(requirements);
    }
}
