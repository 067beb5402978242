package io.codara.ci.internal.workflow;

/**
 * A yes/no setting written as a boolean or as an expression, such as {@code continue-on-error:
 * ${{ matrix.experimental }}} or {@code cancel-in-progress: ${{ github.ref != 'refs/heads/main' }}}.
 *
 * @param literal  the value when there is no expression
 * @param template the expression form, or {@code null}
 */
public record BooleanSetting(boolean literal, Template template) {

    public static final BooleanSetting TRUE = new BooleanSetting(true, null);
    public static final BooleanSetting FALSE = new BooleanSetting(false, null);

    /** The value of this setting in a context. */
    public boolean resolve(ExpressionContext context) {
        if (template == null) {
            return literal;
        }
        Object value = template.evaluate(context);
        if (value instanceof String s) {
            return !s.isEmpty() && !s.equalsIgnoreCase("false") && !s.equals("0");
        }
        return Values.truthy(value);
    }
}
