package io.codara.ci.internal.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed expression of the Actions expression language (see {@link ExpressionParser}); immutable, evaluated
 * against an {@link ExpressionContext}.
 */
public sealed interface Expression {

    /** The value of this expression: {@code null}, Boolean, Double, String, List or Map. */
    Object evaluate(ExpressionContext context);

    /** Whether a status function ({@code success()}, {@code failure()}, {@code cancelled()}, {@code always()}) occurs. */
    boolean usesStatusFunction();

    /** A literal: {@code null}, a boolean, a number or a string. */
    record Literal(Object value) implements Expression {
        @Override
        public Object evaluate(ExpressionContext context) {
            return value;
        }

        @Override
        public boolean usesStatusFunction() {
            return false;
        }
    }

    /** A named context such as {@code github} or {@code matrix}. */
    record Named(String name) implements Expression {
        @Override
        public Object evaluate(ExpressionContext context) {
            return context.get(name);
        }

        @Override
        public boolean usesStatusFunction() {
            return false;
        }
    }

    /** {@code target.name} or {@code target['name']} with a literal key. */
    record Property(Expression target, String name) implements Expression {
        @Override
        public Object evaluate(ExpressionContext context) {
            return access(target.evaluate(context), name);
        }

        @Override
        public boolean usesStatusFunction() {
            return target.usesStatusFunction();
        }
    }

    /** {@code target[index]} with a computed index. */
    record Index(Expression target, Expression index) implements Expression {
        @Override
        public Object evaluate(ExpressionContext context) {
            return access(target.evaluate(context), index.evaluate(context));
        }

        @Override
        public boolean usesStatusFunction() {
            return target.usesStatusFunction() || index.usesStatusFunction();
        }
    }

    /** {@code target.*} or {@code target[*]}: the elements of an array or the values of an object. */
    record Filter(Expression target) implements Expression {
        @Override
        public Object evaluate(ExpressionContext context) {
            Object value = target.evaluate(context);
            FilteredArray out = new FilteredArray();
            if (value instanceof FilteredArray filtered) {
                for (Object element : filtered) {
                    if (element instanceof List<?> list) {
                        out.addAll(list);
                    } else if (element instanceof Map<?, ?> map) {
                        out.addAll(map.values());
                    }
                }
            } else if (value instanceof List<?> list) {
                out.addAll(list);
            } else if (value instanceof Map<?, ?> map) {
                out.addAll(map.values());
            }
            return out;
        }

        @Override
        public boolean usesStatusFunction() {
            return target.usesStatusFunction();
        }
    }

    /** {@code !operand}. */
    record Not(Expression operand) implements Expression {
        @Override
        public Object evaluate(ExpressionContext context) {
            return !Values.truthy(operand.evaluate(context));
        }

        @Override
        public boolean usesStatusFunction() {
            return operand.usesStatusFunction();
        }
    }

    /** The operators of this language with two operands. */
    enum Operator {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), AND("&&"), OR("||");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** {@code left op right}; {@code &&} and {@code ||} short-circuit and yield an operand, not a boolean. */
    record Binary(Operator operator, Expression left, Expression right) implements Expression {
        @Override
        public Object evaluate(ExpressionContext context) {
            Object l = left.evaluate(context);
            switch (operator) {
                case AND:
                    return Values.truthy(l) ? right.evaluate(context) : l;
                case OR:
                    return Values.truthy(l) ? l : right.evaluate(context);
                default:
                    break;
            }
            Object r = right.evaluate(context);
            if (operator == Operator.EQ) {
                return Values.looseEquals(l, r);
            }
            if (operator == Operator.NE) {
                return !Values.looseEquals(l, r);
            }
            Integer order = Values.compare(l, r);
            if (order == null) {
                return false;
            }
            return switch (operator) {
                case LT -> order < 0;
                case LE -> order <= 0;
                case GT -> order > 0;
                default -> order >= 0;
            };
        }

        @Override
        public boolean usesStatusFunction() {
            return left.usesStatusFunction() || right.usesStatusFunction();
        }
    }

    /** A call of one of the built-in functions (names are case-insensitive, stored in lower case). */
    record Call(String function, List<Expression> arguments) implements Expression {

        public Call {
            function = function.toLowerCase(Locale.ROOT);
            arguments = List.copyOf(arguments);
        }

        @Override
        public Object evaluate(ExpressionContext context) {
            return Functions.call(function, arguments, context);
        }

        @Override
        public boolean usesStatusFunction() {
            return Functions.isStatusFunction(function) || arguments.stream().anyMatch(Expression::usesStatusFunction);
        }
    }

    /** The array a {@code *} filter yields: further property access applies to each element. */
    final class FilteredArray extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }

    private static Object access(Object target, Object key) {
        if (target instanceof FilteredArray filtered) {
            FilteredArray out = new FilteredArray();
            for (Object element : filtered) {
                Object value = access(element, key);
                if (value != null) {
                    out.add(value);
                }
            }
            return out;
        }
        if (target instanceof Map<?, ?> map) {
            return Values.property(map, Values.toText(key));
        }
        if (target instanceof List<?> list) {
            if (key instanceof String) {
                double n = Values.toNumber(key);
                if (Double.isNaN(n)) {
                    return null;
                }
                key = n;
            }
            double n = Values.toNumber(key);
            if (Double.isNaN(n) || n < 0 || n != Math.floor(n) || n >= list.size()) {
                return null;
            }
            return list.get((int) n);
        }
        return null;
    }
}
