package io.codara.ci.internal.workflow;

/**
 * One problem of a workflow file, at a 1-based line and column.
 *
 * @param path    the file's path in the repository
 * @param line    1-based line
 * @param column  1-based column
 * @param message what is wrong, and how to fix it where that is clear
 */
public record WorkflowError(String path, int line, int column, String message) {

    @Override
    public String toString() {
        return path + ":" + line + ":" + column + ": " + message;
    }
}
