package io.codara.ci.internal.workflow;

/** An expression that cannot be evaluated (a bad {@code format} string, invalid JSON, a missing callback). */
public class ExpressionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExpressionException(String message) {
        super(message);
    }

    public ExpressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
