package io.codara.api.git;

/**
 * What {@link BranchUpdates#update} did.
 *
 * @param status whether the branch moved, and why not
 * @param message why it did not move (the protection rule's refusal, say), or {@code null} when it moved
 */
public record BranchUpdate(Status status, String message) {

    /** The outcomes of a branch update. */
    public enum Status {
        /** The branch moved (or was deleted). */
        UPDATED,
        /** The branch was not at the expected commit (it moved meanwhile, or is gone). */
        MOVED,
        /** Its protection rule refused the update for this actor. */
        REFUSED
    }

    /** Whether the branch moved. */
    public boolean updated() {
        return status == Status.UPDATED;
    }
}
