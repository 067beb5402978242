package io.codara.ci.internal.workflow;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The value rules of the Actions expression language: values are {@code null}, {@link Boolean}, {@link Double},
 * {@link String}, {@link List} (array) or {@link Map} (object); truthiness, GitHub's loose equality and ordering
 * (strings case-insensitively, mixed types coerced to numbers) and conversion to text.
 */
public final class Values {

    private Values() {
    }

    /** Converts a value from a caller (any number, collection or map) to the expression language's types. */
    public static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Double) {
            return value;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(normalize(v)));
            return copy;
        }
        if (value instanceof Object[] array) {
            return normalize(List.of(array));
        }
        return value.toString();
    }

    /** False for {@code false}, {@code 0}, {@code -0}, {@code NaN}, {@code ""} and {@code null}; true otherwise. */
    public static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        return true;
    }

    /** The value as a number: null is 0, booleans 1 and 0, strings parsed (empty is 0, bad is NaN), objects NaN. */
    public static double toNumber(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            return parseNumber(s.strip());
        }
        return Double.NaN;
    }

    /** A number in the language's literal syntax (decimal, exponent, {@code 0x} hex, {@code 0o} octal), else NaN. */
    static double parseNumber(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        try {
            String body = s;
            boolean negative = false;
            if (body.startsWith("-") || body.startsWith("+")) {
                negative = body.startsWith("-");
                body = body.substring(1);
            }
            if (body.startsWith("0x") || body.startsWith("0X")) {
                double d = Long.parseLong(body.substring(2), 16);
                return negative ? -d : d;
            }
            if (body.startsWith("0o") || body.startsWith("0O")) {
                double d = Long.parseLong(body.substring(2), 8);
                return negative ? -d : d;
            }
            if (body.equals("Infinity")) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (!body.matches("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                return Double.NaN;
            }
            double d = Double.parseDouble(body);
            return negative ? -d : d;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The text of a value as interpolation writes it: {@code null} is empty, objects and arrays are named. */
    public static String toText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Number n) {
            return formatNumber(n.doubleValue());
        }
        if (value instanceof List<?>) {
            return "Array";
        }
        if (value instanceof Map<?, ?>) {
            return "Object";
        }
        return value.toString();
    }

    /** A number as GitHub writes it: integers without a fraction, at most 15 significant digits. */
    public static String formatNumber(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(15)).stripTrailingZeros();
        return Math.abs(d) >= 1e15 || Math.abs(d) < 1e-6 ? rounded.toString() : rounded.toPlainString();
    }

    /** GitHub's {@code ==}: same-type comparison (strings ignoring case, objects by identity), else as numbers. */
    public static boolean looseEquals(Object left, Object right) {
        left = scalar(left);
        right = scalar(right);
        if (left == null && right == null) {
            return true;
        }
        if (left instanceof String a && right instanceof String b) {
            return a.equalsIgnoreCase(b);
        }
        if (left instanceof Boolean a && right instanceof Boolean b) {
            return a.equals(b);
        }
        if (isComposite(left) || isComposite(right)) {
            return left == right;
        }
        double a = toNumber(left);
        double b = toNumber(right);
        return a == b;
    }

    /**
     * GitHub's ordering for {@code < <= > >=}: strings against strings ignoring case, anything else as numbers;
     * {@code null} when the two cannot be ordered (a NaN or an object), so every comparison is false.
     */
    public static Integer compare(Object left, Object right) {
        left = scalar(left);
        right = scalar(right);
        if (left instanceof String a && right instanceof String b) {
            return Integer.signum(a.toUpperCase(Locale.ROOT).compareTo(b.toUpperCase(Locale.ROOT)));
        }
        if (isComposite(left) || isComposite(right)) {
            return null;
        }
        double a = toNumber(left);
        double b = toNumber(right);
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return null;
        }
        return Double.compare(a == 0 ? 0 : a, b == 0 ? 0 : b);
    }

    /** Other number types as Double; everything else as it is (composites keep their identity). */
    private static Object scalar(Object value) {
        return value instanceof Number n && !(value instanceof Double) ? n.doubleValue() : value;
    }

    private static boolean isComposite(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?>;
    }

    /** Looks a key up in an object as GitHub does: exactly first, then ignoring case. */
    public static Object property(Map<?, ?> object, String key) {
        if (object.containsKey(key)) {
            return object.get(key);
        }
        for (Map.Entry<?, ?> e : object.entrySet()) {
            if (String.valueOf(e.getKey()).equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }
}
