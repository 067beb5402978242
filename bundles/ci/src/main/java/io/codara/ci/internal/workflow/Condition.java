package io.codara.ci.internal.workflow;

import io.codara.ci.internal.workflow.Expression.Binary;
import io.codara.ci.internal.workflow.Expression.Call;
import io.codara.ci.internal.workflow.Expression.Operator;

import java.util.List;

/**
 * An {@code if:} condition. It is an expression with or without {@code ${{ }}}; when it calls no status function it
 * means {@code success() && (condition)}, as in GitHub Actions. An absent condition is {@code success()}.
 *
 * @param source     the condition as written ({@code ""} when absent)
 * @param expression the expression that decides, with the implicit {@code success() &&} applied
 */
public record Condition(String source, Expression expression) {

    /** The condition of a job or step without {@code if:}. */
    public static final Condition SUCCESS = new Condition("", new Call("success", List.of()));

    /**
     * Parses an {@code if:} value; errors carry the column within {@code source}.
     *
     * @throws ExpressionSyntaxException when it does not parse, or mixes text with {@code ${{ }}}
     */
    public static Condition parse(String source) {
        if (source == null || source.isBlank()) {
            return SUCCESS;
        }
        String trimmed = source.strip();
        int lead = source.indexOf(trimmed);
        Expression parsed;
        if (trimmed.contains("${{")) {
            Template template = Template.parse(source);
            List<Object> meaningful = template.parts().stream()
                    .filter(p -> !(p instanceof String s) || !s.isBlank()).toList();
            if (meaningful.size() != 1 || !(meaningful.get(0) instanceof Expression single)) {
                throw new ExpressionSyntaxException("An if: condition must be one expression; write it without"
                        + " '${{ }}' or put all of it inside one '${{ }}'", lead + 1, source);
            }
            parsed = single;
        } else {
            try {
                parsed = ExpressionParser.parse(source);
            } catch (ExpressionSyntaxException e) {
                throw new ExpressionSyntaxException(e.problem(), e.column(), source);
            }
        }
        Expression effective = parsed.usesStatusFunction() ? parsed
                : new Binary(Operator.AND, new Call("success", List.of()), parsed);
        return new Condition(source, effective);
    }

    /** Whether the job or step runs in this context. */
    public boolean test(ExpressionContext context) {
        return Values.truthy(expression.evaluate(context));
    }
}
