package io.codara.ci.internal.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Expands {@code strategy.matrix} into job instances as GitHub Actions does: the cartesian product of the vectors
 * in the order of their keys (the first key varies slowest); {@code exclude} entries remove every combination they
 * match partially; each {@code include} entry is added to every combination whose original values it does not
 * overwrite (values added by earlier entries may be overwritten), and becomes a combination of its own when it fits
 * none. At most {@value #MAX_COMBINATIONS} combinations.
 */
public final class MatrixExpansion {

    /** The most job instances one matrix may produce. */
    public static final int MAX_COMBINATIONS = 256;

    /**
     * One instance of a job.
     *
     * @param displayName the name shown, such as {@code build (ubuntu, 17)}
     * @param matrix      the matrix values of this instance (empty for a job without a matrix)
     */
    public record JobInstance(String displayName, Map<String, Object> matrix) {
        public JobInstance {
            matrix = OrderedMaps.copy(matrix);
        }
    }

    /** A matrix that cannot be expanded (a bad shape, too many combinations, an expression that failed). */
    public static final class MatrixException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MatrixException(String message) {
            super(message);
        }
    }

    private MatrixExpansion() {
    }

    /**
     * The instances of a job: one without a matrix, otherwise one per combination. Expressions in the matrix and in
     * the job's name are evaluated in {@code context} (with {@code matrix} set per combination for the name).
     *
     * @throws MatrixException when the matrix is invalid
     */
    public static List<JobInstance> expand(Job job, ExpressionContext context) {
        if (!job.hasMatrix()) {
            String name = job.name() == null ? job.id() : render(job.name(), context.with("matrix", Map.of()));
            return List.of(new JobInstance(name, Map.of()));
        }
        List<Map<String, Object>> combinations = combinations(job.strategy().matrix(), context);
        List<JobInstance> out = new ArrayList<>(combinations.size());
        for (Map<String, Object> combination : combinations) {
            out.add(new JobInstance(displayName(job, combination, context), combination));
        }
        return List.copyOf(out);
    }

    private static String render(String template, ExpressionContext context) {
        try {
            return Template.render(template, context);
        } catch (ExpressionException e) {
            throw new MatrixException("job name: " + e.getMessage());
        }
    }

    /** The name GitHub shows: an expression name rendered, else the name (or id) and the values in parentheses. */
    static String displayName(Job job, Map<String, Object> combination, ExpressionContext context) {
        String base = job.name() == null ? job.id() : job.name();
        if (job.name() != null && Template.isTemplate(job.name())) {
            String rendered = render(job.name(), context.with("matrix", combination));
            if (job.name().toLowerCase(Locale.ROOT).contains("matrix")) {
                return rendered;
            }
            base = rendered;
        }
        if (combination.isEmpty()) {
            return base;
        }
        List<String> values = new ArrayList<>();
        combination.values().forEach(v -> flatten(v, values));
        return base + " (" + String.join(", ", values) + ")";
    }

    private static void flatten(Object value, List<String> out) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> flatten(v, out));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> flatten(v, out));
        } else {
            out.add(Values.toText(value));
        }
    }

    /**
     * The combinations of a matrix definition (see {@link Job.Strategy#matrix()}).
     *
     * @throws MatrixException when the definition is invalid
     */
    public static List<Map<String, Object>> combinations(Object definition, ExpressionContext context) {
        Object resolved = resolve(definition, context, "matrix");
        if (!(resolved instanceof Map<?, ?> matrix)) {
            throw new MatrixException("matrix must be a mapping of vectors, got " + kind(resolved));
        }
        Map<String, List<Object>> vectors = new LinkedHashMap<>();
        List<Map<String, Object>> include = List.of();
        List<Map<String, Object>> exclude = List.of();
        for (Map.Entry<?, ?> e : matrix.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = resolve(e.getValue(), context, "matrix." + key);
            if (key.equals("include") || key.equals("exclude")) {
                List<Map<String, Object>> entries = entries(value, key);
                if (key.equals("include")) {
                    include = entries;
                } else {
                    exclude = entries;
                }
            } else {
                if (!(value instanceof List<?> list)) {
                    throw new MatrixException("matrix vector '" + key + "' must be a list, got " + kind(value));
                }
                if (list.isEmpty()) {
                    throw new MatrixException("matrix vector '" + key + "' does not contain any values");
                }
                vectors.put(key, new ArrayList<>(list));
            }
        }
        if (vectors.isEmpty() && include.isEmpty()) {
            throw new MatrixException("matrix must define at least one vector or include entry");
        }
        long product = 1;
        for (List<Object> vector : vectors.values()) {
            product *= vector.size();
            if (product > 1_000_000) {
                break;
            }
        }
        // Exclusions may bring a larger product under the limit; beyond this size it is hopeless.
        if (product > MAX_COMBINATIONS * 64L) {
            throw new MatrixException("a matrix may produce at most " + MAX_COMBINATIONS + " jobs, this one produces "
                    + (product > 1_000_000 ? "more than 1000000" : product));
        }
        List<Map<String, Object>> combos = new ArrayList<>();
        if (!vectors.isEmpty()) {
            combos.add(new LinkedHashMap<>());
            for (Map.Entry<String, List<Object>> vector : vectors.entrySet()) {
                List<Map<String, Object>> next = new ArrayList<>(combos.size() * vector.getValue().size());
                for (Map<String, Object> combo : combos) {
                    for (Object value : vector.getValue()) {
                        Map<String, Object> extended = new LinkedHashMap<>(combo);
                        extended.put(vector.getKey(), value);
                        next.add(extended);
                    }
                }
                combos = next;
            }
        }
        for (Map<String, Object> entry : exclude) {
            for (String key : entry.keySet()) {
                if (!vectors.containsKey(key)) {
                    throw new MatrixException("matrix exclude key '" + key + "' does not match any vector of the"
                            + " matrix (" + String.join(", ", vectors.keySet()) + ")");
                }
            }
            combos.removeIf(combo -> entry.entrySet().stream()
                    .allMatch(e -> sameValue(combo.get(e.getKey()), e.getValue())));
        }
        Set<String> original = vectors.keySet();
        List<Map<String, Object>> added = new ArrayList<>();
        for (Map<String, Object> entry : include) {
            boolean fitted = false;
            for (Map<String, Object> combo : combos) {
                boolean fits = entry.entrySet().stream().allMatch(e -> !original.contains(e.getKey())
                        || sameValue(combo.get(e.getKey()), e.getValue()));
                if (fits) {
                    combo.putAll(entry);
                    fitted = true;
                }
            }
            if (!fitted) {
                added.add(new LinkedHashMap<>(entry));
            }
        }
        combos.addAll(added);
        if (combos.isEmpty()) {
            throw new MatrixException("the matrix has no combinations left after exclude");
        }
        if (combos.size() > MAX_COMBINATIONS) {
            throw new MatrixException("a matrix may produce at most " + MAX_COMBINATIONS + " jobs, this one produces "
                    + combos.size());
        }
        List<Map<String, Object>> out = new ArrayList<>(combos.size());
        combos.forEach(c -> out.add(OrderedMaps.copy(c)));
        return List.copyOf(out);
    }

    /** Whether two matrix values are the same: scalars by their text (so 17 and '17' agree), composites deeply. */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Map<?, ?> || b instanceof Map<?, ?> || a instanceof List<?> || b instanceof List<?>) {
            return Objects.equals(a, b);
        }
        if (a == null || b == null) {
            return a == b;
        }
        return Values.toText(a).equals(Values.toText(b));
    }

    private static List<Map<String, Object>> entries(Object value, String key) {
        if (!(value instanceof List<?> list)) {
            throw new MatrixException("matrix " + key + " must be a list of mappings, got " + kind(value));
        }
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof Map<?, ?> map)) {
                throw new MatrixException("matrix " + key + " entries must be mappings, got " + kind(element));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            map.forEach((k, v) -> entry.put(String.valueOf(k), v));
            out.add(entry);
        }
        return out;
    }

    private static Object resolve(Object value, ExpressionContext context, String where) {
        if (value instanceof String s && Template.isTemplate(s)) {
            try {
                return Values.normalize(Template.parse(s).evaluate(context));
            } catch (ExpressionException e) {
                throw new MatrixException(where + ": " + e.getMessage());
            }
        }
        return Values.normalize(value);
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof String s) {
            return "the string '" + s + "'";
        }
        return Values.toText(value);
    }
}
