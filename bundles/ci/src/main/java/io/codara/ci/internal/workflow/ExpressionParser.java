package io.codara.ci.internal.workflow;

import io.codara.ci.internal.workflow.Expression.Binary;
import io.codara.ci.internal.workflow.Expression.Operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the Actions expression language: literals ({@code null}, {@code true}, {@code false}, numbers with
 * exponents or {@code 0x} hex, {@code 'strings'} with {@code ''} escapes), the named contexts, property access
 * ({@code a.b}, {@code a['b']}, {@code a.*.b}), {@code ! < <= > >= == != && ||}, parentheses and the built-in
 * functions. Errors carry the 1-based column in the text.
 */
public final class ExpressionParser {

    private enum Kind { NUMBER, STRING, WORD, PUNCT, END }

    private record Token(Kind kind, String text, Object value, int offset) {
    }

    /** The deepest nesting of parentheses, brackets, calls and {@code !} (GitHub's limit too). */
    static final int MAX_DEPTH = 50;
    /** The longest expression accepted (GitHub's limit). */
    static final int MAX_LENGTH = 21_000;

    private final String text;
    private final List<Token> tokens;
    private int position;
    private int depth;

    private ExpressionParser(String text) {
        this.text = text;
        this.tokens = lex(text);
    }

    /** Parses one expression (without {@code ${{ }}}). */
    public static Expression parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionSyntaxException("Expression is longer than " + MAX_LENGTH + " characters", 1, text);
        }
        ExpressionParser parser = new ExpressionParser(text);
        if (parser.peek().kind == Kind.END) {
            throw new ExpressionSyntaxException("Expected an expression", 1, text);
        }
        Expression expression = parser.or();
        Token rest = parser.peek();
        if (rest.kind != Kind.END) {
            throw parser.error("Unexpected symbol: '" + rest.text + "'", rest);
        }
        return expression;
    }

    private ExpressionSyntaxException error(String message, Token at) {
        return new ExpressionSyntaxException(message, at.offset + 1, text);
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        return tokens.get(position++);
    }

    private boolean accept(String punct) {
        Token t = peek();
        if (t.kind == Kind.PUNCT && t.text.equals(punct)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String punct) {
        Token t = peek();
        if (!accept(punct)) {
            throw error(t.kind == Kind.END ? "Unexpected end of expression, expected '" + punct + "'"
                    : "Unexpected symbol: '" + t.text + "', expected '" + punct + "'", t);
        }
    }

    private Expression or() {
        enter();
        Expression left = and();
        while (accept("||")) {
            left = new Binary(Operator.OR, left, and());
        }
        depth--;
        return left;
    }

    /** Counts one level of nesting; a hostile file must not overflow the stack of the thread that parses it. */
    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("Expression nests deeper than " + MAX_DEPTH + " levels", peek());
        }
    }

    private Expression and() {
        Expression left = equality();
        while (accept("&&")) {
            left = new Binary(Operator.AND, left, equality());
        }
        return left;
    }

    private Expression equality() {
        Expression left = comparison();
        while (true) {
            if (accept("==")) {
                left = new Binary(Operator.EQ, left, comparison());
            } else if (accept("!=")) {
                left = new Binary(Operator.NE, left, comparison());
            } else {
                return left;
            }
        }
    }

    private Expression comparison() {
        Expression left = unary();
        while (true) {
            if (accept("<")) {
                left = new Binary(Operator.LT, left, unary());
            } else if (accept("<=")) {
                left = new Binary(Operator.LE, left, unary());
            } else if (accept(">")) {
                left = new Binary(Operator.GT, left, unary());
            } else if (accept(">=")) {
                left = new Binary(Operator.GE, left, unary());
            } else {
                return left;
            }
        }
    }

    private Expression unary() {
        if (accept("!")) {
            enter();
            Expression operand = unary();
            depth--;
            return new Expression.Not(operand);
        }
        return postfix(primary());
    }

    private Expression postfix(Expression target) {
        while (true) {
            if (accept(".")) {
                Token t = next();
                if (t.kind == Kind.PUNCT && t.text.equals("*")) {
                    target = new Expression.Filter(target);
                } else if (t.kind == Kind.WORD) {
                    target = new Expression.Property(target, t.text);
                } else {
                    throw error(t.kind == Kind.END ? "Unexpected end of expression after '.'"
                            : "Unexpected symbol: '" + t.text + "' after '.'", t);
                }
            } else if (accept("[")) {
                if (accept("*")) {
                    target = new Expression.Filter(target);
                } else {
                    Expression index = or();
                    target = index instanceof Expression.Literal literal && literal.value() instanceof String s
                            ? new Expression.Property(target, s) : new Expression.Index(target, index);
                }
                expect("]");
            } else {
                return target;
            }
        }
    }

    private Expression primary() {
        Token t = next();
        switch (t.kind) {
            case NUMBER:
            case STRING:
                return new Expression.Literal(t.value);
            case WORD:
                return word(t);
            case PUNCT:
                if (t.text.equals("(")) {
                    Expression inner = or();
                    expect(")");
                    return inner;
                }
                throw error("Unexpected symbol: '" + t.text + "'", t);
            default:
                throw error("Unexpected end of expression", t);
        }
    }

    private Expression word(Token t) {
        String lower = t.text.toLowerCase(Locale.ROOT);
        if (accept("(")) {
            int[] arity = Functions.arity(lower);
            if (arity == null) {
                throw error("Unrecognized function: '" + t.text + "'", t);
            }
            List<Expression> arguments = new ArrayList<>();
            if (!accept(")")) {
                do {
                    arguments.add(or());
                } while (accept(","));
                expect(")");
            }
            if (arguments.size() < arity[0] || arguments.size() > arity[1]) {
                String expected = arity[0] == arity[1] ? String.valueOf(arity[0])
                        : arity[1] == Integer.MAX_VALUE ? "at least " + arity[0] : arity[0] + " to " + arity[1];
                throw error("Function '" + t.text + "' takes " + expected + " argument" + (arity[1] == 1 ? "" : "s")
                        + ", got " + arguments.size(), t);
            }
            return new Expression.Call(lower, arguments);
        }
        switch (t.text) {
            case "true":
                return new Expression.Literal(Boolean.TRUE);
            case "false":
                return new Expression.Literal(Boolean.FALSE);
            case "null":
                return new Expression.Literal(null);
            case "NaN":
                return new Expression.Literal(Double.NaN);
            case "Infinity":
                return new Expression.Literal(Double.POSITIVE_INFINITY);
            default:
                break;
        }
        if (!ExpressionContext.NAMES.contains(lower)) {
            throw error("Unrecognized named-value: '" + t.text + "'", t);
        }
        return new Expression.Named(lower);
    }

    private static boolean wordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean wordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            boolean operandBefore = !out.isEmpty() && endsOperand(out.get(out.size() - 1));
            if (c == '\'') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new ExpressionSyntaxException("Unterminated string", start + 1, s);
                    }
                    char d = s.charAt(i);
                    if (d == '\'') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                            value.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(d);
                    i++;
                }
                out.add(new Token(Kind.STRING, s.substring(start, i), value.toString(), start));
            } else if (Character.isDigit(c) || (c == '.' && !operandBefore && i + 1 < s.length()
                    && Character.isDigit(s.charAt(i + 1))) || ((c == '-' || c == '+') && i + 1 < s.length()
                    && (Character.isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '.'))) {
                i++;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
                        || ((s.charAt(i) == '-' || s.charAt(i) == '+')
                        && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')
                        && !s.substring(start, i).toLowerCase(Locale.ROOT).contains("x")))) {
                    i++;
                }
                String literal = s.substring(start, i);
                double value = Values.parseNumber(literal);
                if (Double.isNaN(value)) {
                    throw new ExpressionSyntaxException("Unexpected symbol: '" + literal + "' (not a number)",
                            start + 1, s);
                }
                out.add(new Token(Kind.NUMBER, literal, value, start));
            } else if (wordStart(c)) {
                while (i < s.length() && wordPart(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.WORD, s.substring(start, i), null, start));
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                String punct;
                if (two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=")
                        || two.equals("&&") || two.equals("||")) {
                    punct = two;
                } else if ("()[].,!<>*".indexOf(c) >= 0) {
                    punct = String.valueOf(c);
                } else {
                    throw new ExpressionSyntaxException("Unexpected symbol: '" + c + "'", start + 1, s);
                }
                i += punct.length();
                out.add(new Token(Kind.PUNCT, punct, null, start));
            }
        }
        out.add(new Token(Kind.END, "", null, s.length()));
        return out;
    }

    private static boolean endsOperand(Token t) {
        return t.kind == Kind.NUMBER || t.kind == Kind.STRING || t.kind == Kind.WORD
                || (t.kind == Kind.PUNCT && (t.text.equals(")") || t.text.equals("]") || t.text.equals("*")));
    }
}
