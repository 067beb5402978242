package io.codara.ci.internal.workflow;

import java.util.ArrayList;
import java.util.List;

/**
 * A string with {@code ${{ expression }}} parts, as workflow values are written; parsed once, rendered per context.
 *
 * @param source the text as written
 * @param parts  literal text (String) and expressions, in order
 */
public record Template(String source, List<Object> parts) {

    public Template {
        parts = List.copyOf(parts);
    }

    /**
     * Parses a string; expression errors are reported with the column in {@code source} (1-based).
     *
     * @throws ExpressionSyntaxException for an unclosed {@code ${{} or a bad expression
     */
    public static Template parse(String source) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            int open = source.indexOf("${{", i);
            if (open < 0) {
                parts.add(source.substring(i));
                break;
            }
            if (open > i) {
                parts.add(source.substring(i, open));
            }
            int close = closing(source, open + 3);
            if (close < 0) {
                throw new ExpressionSyntaxException("Unclosed '${{': expected '}}'", open + 1, source);
            }
            String inner = source.substring(open + 3, close);
            try {
                parts.add(ExpressionParser.parse(inner));
            } catch (ExpressionSyntaxException e) {
                int column = e.problem().startsWith("Expected an expression") ? 1 : e.column();
                throw new ExpressionSyntaxException(e.problem(), open + 3 + column, source);
            }
            i = close + 2;
        }
        return new Template(source, parts);
    }

    /** The offset of the {@code }}} closing an expression that starts at {@code from}, skipping quoted strings. */
    private static int closing(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '}' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    /** Whether the text contains {@code ${{}: such a value is parsed as a template. */
    public static boolean isTemplate(String text) {
        return text != null && text.contains("${{");
    }

    /** Whether this template has at least one expression. */
    public boolean hasExpressions() {
        return parts.stream().anyMatch(Expression.class::isInstance);
    }

    /** The expressions of this template, in order. */
    public List<Expression> expressions() {
        return parts.stream().filter(Expression.class::isInstance).map(Expression.class::cast).toList();
    }

    /** The text with every expression replaced by its value's text. */
    public String render(ExpressionContext context) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            out.append(part instanceof Expression e ? Values.toText(e.evaluate(context)) : (String) part);
        }
        return out.toString();
    }

    /**
     * The value of this template: when it is exactly one expression (blanks around allowed), that expression's value
     * (so {@code ${{ matrix.versions }}} can be an array); otherwise the rendered text.
     */
    public Object evaluate(ExpressionContext context) {
        Expression single = null;
        for (Object part : parts) {
            if (part instanceof Expression e) {
                if (single != null) {
                    return render(context);
                }
                single = e;
            } else if (!((String) part).isBlank()) {
                return render(context);
            }
        }
        return single != null ? single.evaluate(context) : render(context);
    }

    /** Renders {@code text} once (parsing it on the way); {@code null} stays {@code null}. */
    public static String render(String text, ExpressionContext context) {
        return text == null ? null : parse(text).render(context);
    }
}
