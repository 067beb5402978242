package io.codara.ci.internal.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The built-in functions of the expression language, with their arities (checked when an expression is parsed). */
final class Functions {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Arity of each function: minimum and maximum argument count ({@code Integer.MAX_VALUE} for any). */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("contains", new int[] {2, 2}),
            Map.entry("startswith", new int[] {2, 2}),
            Map.entry("endswith", new int[] {2, 2}),
            Map.entry("format", new int[] {1, Integer.MAX_VALUE}),
            Map.entry("join", new int[] {1, 2}),
            Map.entry("tojson", new int[] {1, 1}),
            Map.entry("fromjson", new int[] {1, 1}),
            Map.entry("hashfiles", new int[] {1, Integer.MAX_VALUE}),
            Map.entry("success", new int[] {0, 0}),
            Map.entry("failure", new int[] {0, 0}),
            Map.entry("cancelled", new int[] {0, 0}),
            Map.entry("always", new int[] {0, 0}));

    private Functions() {
    }

    /** The {@code [min, max]} argument counts of a function, or {@code null} when there is no such function. */
    static int[] arity(String name) {
        return ARITY.get(name.toLowerCase(Locale.ROOT));
    }

    static boolean isStatusFunction(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "success", "failure", "cancelled", "always" -> true;
            default -> false;
        };
    }

    static Object call(String name, List<Expression> arguments, ExpressionContext context) {
        List<Object> args = new ArrayList<>(arguments.size());
        for (Expression argument : arguments) {
            args.add(argument.evaluate(context));
        }
        return switch (name) {
            case "contains" -> contains(args.get(0), args.get(1));
            case "startswith" -> lower(args.get(0)).startsWith(lower(args.get(1)));
            case "endswith" -> lower(args.get(0)).endsWith(lower(args.get(1)));
            case "format" -> format(Values.toText(args.get(0)), args.subList(1, args.size()));
            case "join" -> join(args.get(0), args.size() > 1 ? Values.toText(args.get(1)) : ",");
            case "tojson" -> toJson(args.get(0));
            case "fromjson" -> fromJson(Values.toText(args.get(0)));
            case "hashfiles" -> hashFiles(args, context);
            case "success" -> !context.status().failed() && !context.status().cancelled();
            case "failure" -> context.status().failed();
            case "cancelled" -> context.status().cancelled();
            case "always" -> true;
            default -> throw new ExpressionException("Unrecognized function: '" + name + "'");
        };
    }

    private static String lower(Object value) {
        return Values.toText(value).toLowerCase(Locale.ROOT);
    }

    private static boolean contains(Object search, Object item) {
        if (search instanceof List<?> list) {
            for (Object element : list) {
                if (Values.looseEquals(element, item)) {
                    return true;
                }
            }
            return false;
        }
        return lower(search).contains(lower(item));
    }

    /** {@code format('{0} {1}', a, b)}: {@code {{} and {@code }}} escape braces; any other brace is an error. */
    static String format(String pattern, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '{') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                    out.append('{');
                    i += 2;
                    continue;
                }
                int close = pattern.indexOf('}', i);
                String index = close < 0 ? "" : pattern.substring(i + 1, close);
                if (!index.matches("\\d{1,9}")) {
                    throw new ExpressionException("The following format string is invalid: " + pattern);
                }
                int n = Integer.parseInt(index);
                if (n >= args.size()) {
                    throw new ExpressionException("The following format string references more arguments than were"
                            + " supplied: " + pattern);
                }
                out.append(Values.toText(args.get(n)));
                i = close + 1;
            } else if (c == '}') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw new ExpressionException("The following format string is invalid: " + pattern);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String join(Object value, String separator) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>(list.size());
            list.forEach(element -> parts.add(Values.toText(element)));
            return String.join(separator, parts);
        }
        return Values.toText(value);
    }

    /** JSON as GitHub's {@code toJSON} writes it: pretty, two spaces of indentation. */
    static String toJson(Object value) {
        StringBuilder out = new StringBuilder();
        writeJson(Values.normalize(value), out, "");
        return out.toString();
    }

    private static void writeJson(Object value, StringBuilder out, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Double d) {
            out.append(Double.isFinite(d) ? Values.formatNumber(d) : "null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            String inner = indent + "  ";
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                writeJson(list.get(i), out, inner);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            String inner = indent + "  ";
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(inner);
                quote(String.valueOf(e.getKey()), out);
                out.append(": ");
                writeJson(e.getValue(), out, inner);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else {
            quote(value.toString(), out);
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static Object fromJson(String text) {
        if (text.isBlank()) {
            throw new ExpressionException("fromJSON: empty input");
        }
        try {
            return Values.normalize(JSON.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw new ExpressionException("fromJSON: invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Object hashFiles(List<Object> args, ExpressionContext context) {
        if (context.hashFiles() == null) {
            throw new ExpressionException("hashFiles() is only available where the workspace exists (in steps)");
        }
        List<String> patterns = new ArrayList<>(args.size());
        args.forEach(arg -> patterns.add(Values.toText(arg)));
        return context.hashFiles().hash(List.copyOf(patterns));
    }
}
