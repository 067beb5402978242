package io.codara.ci.internal.workflow;

/** An expression that does not parse, with the 1-based column (within the text given to the parser) of the fault. */
public final class ExpressionSyntaxException extends ExpressionException {

    private static final long serialVersionUID = 1L;

    private final int column;
    private final String problem;

    public ExpressionSyntaxException(String problem, int column, String text) {
        super(problem + " (column " + column + " of expression: " + text + ")");
        this.problem = problem;
        this.column = column;
    }

    /** The 1-based column of the fault within the parsed text. */
    public int column() {
        return column;
    }

    /** The fault without its position. */
    public String problem() {
        return problem;
    }

    /** The same fault moved by {@code offset} columns, for an expression embedded in a longer text. */
    ExpressionSyntaxException shifted(int offset, String text) {
        return new ExpressionSyntaxException(problem, column + offset, text);
    }
}
