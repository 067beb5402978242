package io.codara.ci.internal.workflow;

import java.util.List;
import java.util.Optional;

/**
 * What parsing a workflow file gave: the workflow when the file is valid, otherwise every error found.
 *
 * @param workflow the workflow, {@code null} when there are errors
 * @param errors   all errors of the file in the order of the file, empty when it is valid
 */
public record WorkflowParseResult(Workflow workflow, List<WorkflowError> errors) {

    public WorkflowParseResult {
        errors = List.copyOf(errors);
        if (workflow != null && !errors.isEmpty()) {
            throw new IllegalArgumentException("a workflow with errors is not valid");
        }
    }

    /** Whether the file is a valid workflow. */
    public boolean valid() {
        return errors.isEmpty();
    }

    /** The workflow, when the file is valid. */
    public Optional<Workflow> asOptional() {
        return Optional.ofNullable(workflow);
    }
}
