package io.codara.ci.internal.workflow;

import io.codara.ci.internal.workflow.Job.RunsOn;
import io.codara.ci.internal.workflow.Step.BuiltinAction;
import io.codara.ci.internal.workflow.Triggers.DispatchInput;
import io.codara.ci.internal.workflow.Workflow.Concurrency;
import io.codara.ci.internal.workflow.Workflow.RunDefaults;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a workflow file (GitHub Actions syntax) into a {@link Workflow}, or collects every error of the file with
 * its line and column. It walks snakeyaml's node tree, so it knows where each value was written; scalars are read
 * by YAML 1.2 rules ({@code on}, {@code yes} and {@code no} stay strings), and every {@code ${{ }}} expression is
 * parsed on the way. Thread-safe: all state lives in one parse.
 */
public final class WorkflowParser {

    private static final Set<String> WORKFLOW_KEYS = keys("name", "run-name", "on", "env", "defaults", "concurrency",
            "permissions", "jobs");
    private static final Set<String> JOB_KEYS = keys("name", "needs", "if", "runs-on", "env", "defaults",
            "timeout-minutes", "continue-on-error", "strategy", "services", "container", "outputs", "steps",
            "permissions", "concurrency");
    private static final Set<String> STEP_KEYS = keys("id", "name", "if", "run", "shell", "working-directory", "env",
            "uses", "with", "timeout-minutes", "continue-on-error");
    private static final Set<String> EVENTS = keys("push", "pull_request", "workflow_dispatch", "schedule");
    private static final Set<String> PUSH_KEYS = keys("branches", "branches-ignore", "tags", "tags-ignore", "paths",
            "paths-ignore");
    private static final Set<String> PULL_REQUEST_KEYS = keys("types", "branches", "branches-ignore", "paths",
            "paths-ignore");
    private static final Set<String> DISPATCH_KEYS = keys("inputs");
    private static final Set<String> INPUT_KEYS = keys("description", "required", "default", "type", "options");
    private static final Set<String> DEFAULTS_KEYS = keys("run");
    private static final Set<String> RUN_DEFAULTS_KEYS = keys("shell", "working-directory");
    private static final Set<String> CONCURRENCY_KEYS = keys("group", "cancel-in-progress");
    private static final Set<String> STRATEGY_KEYS = keys("matrix", "fail-fast", "max-parallel");
    private static final Set<String> CONTAINER_KEYS = keys("image", "env", "ports", "volumes", "options",
            "credentials");
    private static final Set<String> CREDENTIALS_KEYS = keys("username", "password");
    private static final Set<String> SHELLS = keys("bash", "sh", "pwsh", "python");
    private static final Pattern WORKFLOW_FILE = Pattern.compile("\\.codara/workflows/[^/]+\\.ya?ml");
    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern HEX_OR_OCTAL = Pattern.compile("0x[0-9a-fA-F]+|0o[0-7]+");

    private static Set<String> keys(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }

    /** Whether a repository path is a workflow file: {@code .codara/workflows/*.yml} or {@code *.yaml}, not nested. */
    public static boolean isWorkflowFile(String path) {
        return WORKFLOW_FILE.matcher(path).matches();
    }

    /** Parses the text of the workflow file at {@code path}. */
    public WorkflowParseResult parse(String path, String text) {
        return new Parse(path, text).run();
    }

    /** The state of one parse: the source and the errors found so far. */
    private static final class Parse {
        private final String path;
        private final String text;
        private final String[] lines;
        private final List<WorkflowError> errors = new ArrayList<>();

        Parse(String path, String text) {
            this.path = path;
            this.text = text;
            this.lines = text.split("\r?\n", -1);
        }

        WorkflowParseResult run() {
            Node root;
            try {
                LoaderOptions options = new LoaderOptions();
                options.setMaxAliasesForCollections(50);
                options.setNestingDepthLimit(50);
                Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options),
                        new Resolver(), options);
                root = composer.getSingleNode();
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
                String context = e.getContext() != null ? e.getContext() + ": " : "";
                add(mark, "invalid YAML: " + context + problem);
                return result(null);
            } catch (YAMLException e) {
                errors.add(new WorkflowError(path, 1, 1, "invalid YAML: " + e.getMessage()));
                return result(null);
            }
            if (root == null) {
                errors.add(new WorkflowError(path, 1, 1, "the workflow file is empty; it needs 'on' and 'jobs'"));
                return result(null);
            }
            Map<String, NodeTuple> top = mapping(root, "the workflow", WORKFLOW_KEYS);
            if (top == null) {
                return result(null);
            }
            String name = top.containsKey("name") ? string(value(top, "name"), "name") : null;
            String runName = top.containsKey("run-name") ? template(value(top, "run-name"), "run-name") : null;
            Triggers on = null;
            if (top.containsKey("on")) {
                on = triggers(value(top, "on"));
            } else {
                add(root.getStartMark(), "missing 'on': say which events start the workflow, such as 'on: push'");
            }
            Map<String, String> env = top.containsKey("env") ? env(value(top, "env"), "env") : Map.of();
            RunDefaults defaults = top.containsKey("defaults") ? defaults(value(top, "defaults")) : RunDefaults.NONE;
            Concurrency concurrency = top.containsKey("concurrency") ? concurrency(value(top, "concurrency")) : null;
            List<Job> jobs = List.of();
            if (top.containsKey("jobs")) {
                jobs = jobs(top.get("jobs"));
            } else {
                add(root.getStartMark(), "missing 'jobs': a workflow needs at least one job");
            }
            if (!errors.isEmpty()) {
                return result(null);
            }
            return result(new Workflow(path, name != null ? name : path, runName, on, env, defaults, concurrency,
                    jobs));
        }

        private WorkflowParseResult result(Workflow workflow) {
            List<WorkflowError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(WorkflowError::line).thenComparingInt(WorkflowError::column));
            return new WorkflowParseResult(workflow, sorted);
        }

        // ---------------------------------------------------------------------------------------- errors

        private void add(Mark mark, String message) {
            int line = mark == null ? 1 : mark.getLine() + 1;
            int column = mark == null ? 1 : mark.getColumn() + 1;
            errors.add(new WorkflowError(path, line, column, message));
        }

        private void add(Node node, String message) {
            add(node.getStartMark(), message);
        }

        private void add(int[] position, String message) {
            errors.add(new WorkflowError(path, position[0], position[1], message));
        }

        /**
         * The 1-based line and column of offset {@code offset} in the value of a scalar: exact for single-line
         * scalars and literal blocks ({@code |}), the scalar's start otherwise.
         */
        private int[] position(ScalarNode node, int offset) {
            Mark start = node.getStartMark();
            String value = node.getValue();
            DumperOptions.ScalarStyle style = node.getScalarStyle();
            int line = start.getLine() + 1;
            int column = start.getColumn() + 1;
            if (style == DumperOptions.ScalarStyle.LITERAL) {
                int lineIndex = 0;
                int lineStart = 0;
                for (int i = 0; i < offset && i < value.length(); i++) {
                    if (value.charAt(i) == '\n') {
                        lineIndex++;
                        lineStart = i + 1;
                    }
                }
                int fileLine = start.getLine() + 1 + lineIndex;
                if (fileLine < lines.length) {
                    String source = lines[fileLine];
                    int valueLineEnd = value.indexOf('\n', lineStart);
                    String valueLine = value.substring(lineStart, valueLineEnd < 0 ? value.length() : valueLineEnd);
                    int indent = source.length() - valueLine.length();
                    if (indent >= 0 && source.endsWith(valueLine)) {
                        return new int[] {fileLine + 1, indent + (offset - lineStart) + 1};
                    }
                }
                return new int[] {line, column};
            }
            if (value.indexOf('\n') >= 0 || style == DumperOptions.ScalarStyle.FOLDED) {
                return new int[] {line, column};
            }
            boolean quoted = style == DumperOptions.ScalarStyle.SINGLE_QUOTED
                    || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED;
            if (quoted && start.getLine() < lines.length) {
                int written = writtenOffset(lines[start.getLine()], start.getColumn() + 1, offset,
                        style == DumperOptions.ScalarStyle.DOUBLE_QUOTED);
                return new int[] {line, column + 1 + written};
            }
            return new int[] {line, column + offset + (quoted ? 1 : 0)};
        }

        /**
         * How far into the written text of a one-line quoted scalar (starting at {@code from} in {@code source})
         * the value's offset {@code offset} lies: escapes ({@code \\t}, {@code \\u00e9}, {@code ''}) are longer
         * written than read.
         */
        static int writtenOffset(String source, int from, int offset, boolean doubleQuoted) {
            int i = from;
            for (int read = 0; read < offset && i < source.length(); read++) {
                char c = source.charAt(i);
                if (doubleQuoted && c == '\\' && i + 1 < source.length()) {
                    char kind = source.charAt(i + 1);
                    i += kind == 'x' ? 4 : kind == 'u' ? 6 : kind == 'U' ? 10 : 2;
                } else if (!doubleQuoted && c == '\'' && i + 1 < source.length() && source.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    i++;
                }
            }
            return i - from;
        }

        private static String suggestion(String key, Set<String> allowed) {
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String candidate : allowed) {
                int d = distance(key.toLowerCase(Locale.ROOT), candidate);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = candidate;
                }
            }
            boolean close = best != null && (bestDistance <= Math.max(1, Math.min(3, key.length() / 3))
                    || (key.length() >= 4 && best.startsWith(key.toLowerCase(Locale.ROOT)))
                    || (best.length() >= 4 && key.toLowerCase(Locale.ROOT).startsWith(best)));
            return close ? "; did you mean '" + best + "'?" : "; expected one of " + String.join(", ", allowed);
        }

        /** Edit distance where swapping two neighbouring letters counts as one edit (optimal string alignment). */
        static int distance(String a, String b) {
            int[][] d = new int[a.length() + 1][b.length() + 1];
            for (int i = 0; i <= a.length(); i++) {
                d[i][0] = i;
            }
            for (int j = 0; j <= b.length(); j++) {
                d[0][j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                    if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                    }
                }
            }
            return d[a.length()][b.length()];
        }

        // ---------------------------------------------------------------------------------------- node helpers

        private static String kind(Node node) {
            if (node instanceof MappingNode) {
                return "a mapping";
            }
            if (node instanceof SequenceNode) {
                return "a list";
            }
            ScalarNode scalar = (ScalarNode) node;
            Object value = scalarValue(scalar);
            if (value == null) {
                return "nothing";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            if (value instanceof Double) {
                return "a number";
            }
            return "a string";
        }

        private static Node value(Map<String, NodeTuple> map, String key) {
            return map.get(key).getValueNode();
        }

        /**
         * The entries of a mapping by key, in order, after checking that the node is a mapping with scalar keys,
         * no duplicates and (when {@code allowed} is given) only known keys. {@code null} when it is no mapping.
         */
        private Map<String, NodeTuple> mapping(Node node, String what, Set<String> allowed) {
            if (!(node instanceof MappingNode mapping)) {
                add(node, what + " must be a mapping, got " + kind(node));
                return null;
            }
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode scalarKey)) {
                    add(keyNode, "keys of " + what + " must be plain names, got " + kind(keyNode));
                    continue;
                }
                String key = scalarKey.getValue();
                if (key.equals("<<")) {
                    add(keyNode, "merge keys ('<<') are not supported in " + what + "; anchors and aliases are");
                    continue;
                }
                if (out.containsKey(key)) {
                    add(keyNode, "duplicate key '" + key + "' in " + what + " (first at line "
                            + (out.get(key).getKeyNode().getStartMark().getLine() + 1) + ")");
                    continue;
                }
                if (allowed != null && !allowed.contains(key)) {
                    add(keyNode, "unknown key '" + key + "' in " + what + suggestion(key, allowed));
                    continue;
                }
                out.put(key, tuple);
            }
            return out;
        }

        /** A scalar's text; {@code null} (with an error) for a collection or an empty value. */
        private String string(Node node, String what) {
            if (!(node instanceof ScalarNode scalar)) {
                add(node, what + " must be a string, got " + kind(node));
                return null;
            }
            if (scalarValue(scalar) == null) {
                add(node, what + " must not be empty");
                return null;
            }
            return scalar.getValue();
        }

        /** A scalar's text whose {@code ${{ }}} expressions are checked. */
        private String template(Node node, String what) {
            String value = string(node, what);
            if (value != null) {
                checkTemplate((ScalarNode) node, value, what);
            }
            return value;
        }

        private void checkTemplate(ScalarNode node, String value, String what) {
            if (!Template.isTemplate(value)) {
                return;
            }
            try {
                Template.parse(value);
            } catch (ExpressionSyntaxException e) {
                add(position(node, e.column() - 1), "invalid expression in " + what + ": " + e.problem());
            }
        }

        /** A scalar by YAML 1.2 core rules, as a language value; quoted scalars are always strings. */
        private static Object scalarValue(ScalarNode node) {
            String v = node.getValue();
            if (node.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
                return v;
            }
            switch (v) {
                case "", "~", "null", "Null", "NULL":
                    return null;
                case "true", "True", "TRUE":
                    return Boolean.TRUE;
                case "false", "False", "FALSE":
                    return Boolean.FALSE;
                case ".inf", ".Inf", ".INF", "+.inf":
                    return Double.POSITIVE_INFINITY;
                case "-.inf", "-.Inf", "-.INF":
                    return Double.NEGATIVE_INFINITY;
                case ".nan", ".NaN", ".NAN":
                    return Double.NaN;
                default:
                    break;
            }
            if (INT.matcher(v).matches() || FLOAT.matcher(v).matches() || HEX_OR_OCTAL.matcher(v).matches()) {
                double d = Values.parseNumber(v);
                // Keep the text where a number would lose how it was written (3.10, 007): it is what people meant.
                return Values.formatNumber(d).equals(v.startsWith("+") ? v.substring(1) : v) ? d : v;
            }
            return v;
        }

        private Boolean bool(Node node, String what) {
            if (node instanceof ScalarNode scalar && scalarValue(scalar) instanceof Boolean b) {
                return b;
            }
            add(node, what + " must be true or false, got " + kind(node));
            return null;
        }

        private BooleanSetting boolOrExpression(Node node, String what) {
            if (node instanceof ScalarNode scalar && Template.isTemplate(scalar.getValue())) {
                try {
                    return new BooleanSetting(false, Template.parse(scalar.getValue()));
                } catch (ExpressionSyntaxException e) {
                    add(position(scalar, e.column() - 1), "invalid expression in " + what + ": " + e.problem());
                    return BooleanSetting.FALSE;
                }
            }
            Boolean b = bool(node, what);
            return b != null && b ? BooleanSetting.TRUE : BooleanSetting.FALSE;
        }

        private Integer positiveInt(Node node, String what) {
            if (node instanceof ScalarNode scalar && scalarValue(scalar) instanceof Double d && d == Math.rint(d)
                    && d >= 1 && d <= Integer.MAX_VALUE) {
                return d.intValue();
            }
            add(node, what + " must be a positive whole number, got "
                    + (node instanceof ScalarNode s ? "'" + s.getValue() + "'" : kind(node)));
            return null;
        }

        /** A string or a list of strings (as {@code needs}, {@code branches} or {@code runs-on} take them). */
        private List<ScalarNode> stringList(Node node, String what) {
            List<ScalarNode> out = new ArrayList<>();
            if (node instanceof ScalarNode scalar) {
                if (scalarValue(scalar) == null) {
                    add(node, what + " must not be empty");
                } else {
                    out.add(scalar);
                }
                return out;
            }
            if (node instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    if (item instanceof ScalarNode scalar && scalarValue(scalar) != null) {
                        out.add(scalar);
                    } else {
                        add(item, "entries of " + what + " must be strings, got " + kind(item));
                    }
                }
                return out;
            }
            add(node, what + " must be a string or a list of strings, got a mapping");
            return out;
        }

        /** A mapping of names to scalar values (env, with, outputs), with their expressions checked. */
        private Map<String, String> env(Node node, String what) {
            Map<String, NodeTuple> entries = mapping(node, what, null);
            Map<String, String> out = new LinkedHashMap<>();
            if (entries == null) {
                return out;
            }
            for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
                Node value = e.getValue().getValueNode();
                if (!(value instanceof ScalarNode scalar)) {
                    add(value, what + "." + e.getKey() + " must be a string, number or boolean, got " + kind(value));
                    continue;
                }
                Object plain = scalarValue(scalar);
                String text = plain == null ? "" : scalar.getValue();
                checkTemplate(scalar, text, what + "." + e.getKey());
                out.put(e.getKey(), text);
            }
            return out;
        }

        // ---------------------------------------------------------------------------------------- workflow parts

        private RunDefaults defaults(Node node) {
            Map<String, NodeTuple> map = mapping(node, "defaults", DEFAULTS_KEYS);
            if (map == null || !map.containsKey("run")) {
                return RunDefaults.NONE;
            }
            Map<String, NodeTuple> run = mapping(value(map, "run"), "defaults.run", RUN_DEFAULTS_KEYS);
            if (run == null) {
                return RunDefaults.NONE;
            }
            String shell = run.containsKey("shell") ? shell(value(run, "shell"), "defaults.run.shell") : null;
            String dir = run.containsKey("working-directory")
                    ? template(value(run, "working-directory"), "defaults.run.working-directory") : null;
            return new RunDefaults(shell, dir);
        }

        private String shell(Node node, String what) {
            String shell = string(node, what);
            if (shell != null && !SHELLS.contains(shell) && !shell.contains("{0}")) {
                add(node, what + ": unknown shell '" + shell + "'; use bash, sh, pwsh, python or a command with {0}"
                        + " for the script file");
            }
            return shell;
        }

        private Concurrency concurrency(Node node) {
            if (node instanceof ScalarNode) {
                String group = template(node, "concurrency");
                return group == null ? null : new Concurrency(group, BooleanSetting.FALSE);
            }
            Map<String, NodeTuple> map = mapping(node, "concurrency", CONCURRENCY_KEYS);
            if (map == null) {
                return null;
            }
            if (!map.containsKey("group")) {
                add(node, "concurrency needs a 'group'");
                return null;
            }
            String group = template(value(map, "group"), "concurrency.group");
            BooleanSetting cancel = map.containsKey("cancel-in-progress")
                    ? boolOrExpression(value(map, "cancel-in-progress"), "concurrency.cancel-in-progress")
                    : BooleanSetting.FALSE;
            return group == null ? null : new Concurrency(group, cancel);
        }

        // ---------------------------------------------------------------------------------------- triggers

        private Triggers triggers(Node node) {
            Map<String, Node> events = new LinkedHashMap<>();
            Map<String, Node> eventKeys = new HashMap<>();
            int named = 0;
            if (node instanceof ScalarNode || node instanceof SequenceNode) {
                for (ScalarNode event : stringList(node, "on")) {
                    named++;
                    if (checkEvent(event, event.getValue())) {
                        if (events.containsKey(event.getValue())) {
                            add(event, "event '" + event.getValue() + "' is listed twice");
                        }
                        events.put(event.getValue(), null);
                    }
                }
            } else {
                Map<String, NodeTuple> map = mapping(node, "on", null);
                if (map == null) {
                    return null;
                }
                named = ((MappingNode) node).getValue().size();
                for (Map.Entry<String, NodeTuple> e : map.entrySet()) {
                    if (checkEvent(e.getValue().getKeyNode(), e.getKey())) {
                        events.put(e.getKey(), e.getValue().getValueNode());
                        eventKeys.put(e.getKey(), e.getValue().getKeyNode());
                    }
                }
            }
            if (named == 0) {
                add(node, "'on' names no event; use push, pull_request, workflow_dispatch or schedule");
            }
            Triggers.Push push = null;
            Triggers.PullRequest pullRequest = null;
            Triggers.Dispatch dispatch = null;
            List<CronSchedule> schedules = new ArrayList<>();
            for (Map.Entry<String, Node> e : events.entrySet()) {
                Node config = e.getValue();
                boolean empty = config == null || (config instanceof ScalarNode s && scalarValue(s) == null);
                switch (e.getKey()) {
                    case "push" -> push = empty ? Triggers.Push.ANY : push(config);
                    case "pull_request" -> pullRequest = empty
                            ? new Triggers.PullRequest(null, null, null, null, null) : pullRequest(config);
                    case "workflow_dispatch" -> dispatch = empty ? new Triggers.Dispatch(Map.of()) : dispatch(config);
                    default -> {
                        if (empty) {
                            add(eventKeys.getOrDefault("schedule", node), "schedule needs a list of '- cron: ...' entries");
                        } else {
                            schedules.addAll(schedules(config));
                        }
                    }
                }
            }
            return new Triggers(push, pullRequest, dispatch, schedules);
        }

        private boolean checkEvent(Node at, String event) {
            if (EVENTS.contains(event)) {
                return true;
            }
            String hint = suggestion(event, EVENTS);
            add(at, "event '" + event + "' is not supported: Codara starts workflows on push, pull_request,"
                    + " workflow_dispatch and schedule" + (hint.startsWith("; did") ? hint : ""));
            return false;
        }

        private FilterPatterns patterns(Map<String, NodeTuple> map, String key, String event) {
            if (!map.containsKey(key)) {
                return null;
            }
            String what = "on." + event + "." + key;
            List<ScalarNode> items = stringList(value(map, key), what);
            List<String> patterns = new ArrayList<>();
            for (ScalarNode item : items) {
                try {
                    FilterPatterns.compile(item.getValue().startsWith("!") ? item.getValue().substring(1)
                            : item.getValue());
                    patterns.add(item.getValue());
                } catch (IllegalArgumentException e) {
                    add(item, what + ": " + e.getMessage());
                }
            }
            FilterPatterns compiled = FilterPatterns.of(patterns);
            if (compiled.onlyNegative()) {
                add(value(map, key), what + " has only '!' patterns; start with a pattern that includes, such as"
                        + " '**'");
            }
            if (key.endsWith("-ignore") && patterns.stream().anyMatch(p -> p.startsWith("!"))) {
                add(value(map, key), what + " cannot hold '!' patterns; use " + key.replace("-ignore", "")
                        + " with '!' instead");
            }
            return compiled;
        }

        private void exclusive(Map<String, NodeTuple> map, String a, String event) {
            String b = a + "-ignore";
            if (map.containsKey(a) && map.containsKey(b)) {
                add(map.get(b).getKeyNode(), "on." + event + " cannot have both " + a + " and " + b + "; use " + a
                        + " with '!' patterns");
            }
        }

        private Triggers.Push push(Node node) {
            Map<String, NodeTuple> map = mapping(node, "on.push", PUSH_KEYS);
            if (map == null) {
                return null;
            }
            exclusive(map, "branches", "push");
            exclusive(map, "tags", "push");
            exclusive(map, "paths", "push");
            return new Triggers.Push(patterns(map, "branches", "push"), patterns(map, "branches-ignore", "push"),
                    patterns(map, "tags", "push"), patterns(map, "tags-ignore", "push"),
                    patterns(map, "paths", "push"), patterns(map, "paths-ignore", "push"));
        }

        private Triggers.PullRequest pullRequest(Node node) {
            Map<String, NodeTuple> map = mapping(node, "on.pull_request", PULL_REQUEST_KEYS);
            if (map == null) {
                return null;
            }
            exclusive(map, "branches", "pull_request");
            exclusive(map, "paths", "pull_request");
            List<String> types = new ArrayList<>();
            if (map.containsKey("types")) {
                for (ScalarNode type : stringList(value(map, "types"), "on.pull_request.types")) {
                    if (Triggers.PULL_REQUEST_TYPES.contains(type.getValue())) {
                        types.add(type.getValue());
                    } else {
                        add(type, "unknown pull_request type '" + type.getValue() + "'"
                                + suggestion(type.getValue(), new LinkedHashSet<>(List.of("opened", "synchronize",
                                "reopened", "closed", "edited", "labeled", "unlabeled", "ready_for_review",
                                "converted_to_draft", "assigned", "unassigned", "review_requested",
                                "review_request_removed", "locked", "unlocked", "auto_merge_enabled",
                                "auto_merge_disabled", "milestoned", "demilestoned", "enqueued", "dequeued"))));
                    }
                }
            }
            return new Triggers.PullRequest(types, patterns(map, "branches", "pull_request"),
                    patterns(map, "branches-ignore", "pull_request"), patterns(map, "paths", "pull_request"),
                    patterns(map, "paths-ignore", "pull_request"));
        }

        private Triggers.Dispatch dispatch(Node node) {
            Map<String, NodeTuple> map = mapping(node, "on.workflow_dispatch", DISPATCH_KEYS);
            if (map == null || !map.containsKey("inputs")) {
                return new Triggers.Dispatch(Map.of());
            }
            Node inputsNode = value(map, "inputs");
            if (inputsNode instanceof ScalarNode s && scalarValue(s) == null) {
                return new Triggers.Dispatch(Map.of());
            }
            Map<String, NodeTuple> inputs = mapping(inputsNode, "on.workflow_dispatch.inputs", null);
            Map<String, DispatchInput> out = new LinkedHashMap<>();
            if (inputs == null) {
                return new Triggers.Dispatch(out);
            }
            for (Map.Entry<String, NodeTuple> e : inputs.entrySet()) {
                DispatchInput input = input(e.getKey(), e.getValue());
                if (input != null) {
                    out.put(e.getKey(), input);
                }
            }
            return new Triggers.Dispatch(out);
        }

        private DispatchInput input(String name, NodeTuple tuple) {
            String what = "input '" + name + "'";
            if (!ID.matcher(name).matches()) {
                add(tuple.getKeyNode(), what + ": names start with a letter or '_' and hold letters, digits, '-'"
                        + " and '_'");
            }
            Node node = tuple.getValueNode();
            if (node instanceof ScalarNode s && scalarValue(s) == null) {
                return new DispatchInput(name, null, false, DispatchInput.Type.STRING, null, List.of());
            }
            Map<String, NodeTuple> map = mapping(node, what, INPUT_KEYS);
            if (map == null) {
                return null;
            }
            String description = map.containsKey("description") ? string(value(map, "description"),
                    what + " description") : null;
            boolean required = map.containsKey("required") && Boolean.TRUE.equals(bool(value(map, "required"),
                    what + " required"));
            DispatchInput.Type type = DispatchInput.Type.STRING;
            if (map.containsKey("type")) {
                String t = string(value(map, "type"), what + " type");
                try {
                    type = t == null ? type : DispatchInput.Type.valueOf(t.toUpperCase(Locale.ROOT));
                    if (t != null && !t.equals(t.toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException(t);
                    }
                } catch (IllegalArgumentException e) {
                    add(value(map, "type"), what + ": unknown type '" + t + "'; use string, boolean, choice, number"
                            + " or environment");
                    return null;
                }
            }
            List<String> options = new ArrayList<>();
            if (map.containsKey("options")) {
                if (type != DispatchInput.Type.CHOICE) {
                    add(map.get("options").getKeyNode(), what + ": options apply to type choice only");
                }
                Node optionsNode = value(map, "options");
                if (optionsNode instanceof SequenceNode) {
                    stringList(optionsNode, what + " options").forEach(o -> options.add(o.getValue()));
                } else {
                    add(optionsNode, what + " options must be a list, got " + kind(optionsNode));
                }
            }
            if (type == DispatchInput.Type.CHOICE && options.isEmpty()) {
                add(map.containsKey("options") ? value(map, "options") : tuple.getKeyNode(),
                        what + " of type choice needs a non-empty list of options");
                return null;
            }
            DispatchInput input = new DispatchInput(name, description, required, type, null, options);
            Object defaultValue = null;
            if (map.containsKey("default")) {
                Node d = value(map, "default");
                if (!(d instanceof ScalarNode scalar)) {
                    add(d, what + " default must be a single value, got " + kind(d));
                    return null;
                }
                try {
                    Object plain = scalarValue(scalar);
                    defaultValue = input.convert(plain == null ? "" : plain instanceof String s ? s
                            : scalar.getValue());
                } catch (IllegalArgumentException e) {
                    add(d, "default of " + e.getMessage());
                    return null;
                }
            }
            return new DispatchInput(name, description, required, type, defaultValue, options);
        }

        private List<CronSchedule> schedules(Node node) {
            List<CronSchedule> out = new ArrayList<>();
            if (!(node instanceof SequenceNode sequence)) {
                add(node, "schedule must be a list of '- cron: ...' entries, got " + kind(node));
                return out;
            }
            for (Node item : sequence.getValue()) {
                Map<String, NodeTuple> map = mapping(item, "a schedule entry", keys("cron"));
                if (map == null) {
                    continue;
                }
                if (!map.containsKey("cron")) {
                    add(item, "a schedule entry needs 'cron'");
                    continue;
                }
                String cron = string(value(map, "cron"), "cron");
                if (cron == null) {
                    continue;
                }
                try {
                    out.add(CronSchedule.parse(cron));
                } catch (CronSchedule.CronException e) {
                    add(position((ScalarNode) value(map, "cron"), e.column() - 1), "invalid cron '" + cron + "': "
                            + e.getMessage());
                }
            }
            return out;
        }

        // ---------------------------------------------------------------------------------------- jobs

        private List<Job> jobs(NodeTuple jobsTuple) {
            Node node = jobsTuple.getValueNode();
            Map<String, NodeTuple> map = mapping(node, "jobs", null);
            if (map == null) {
                return List.of();
            }
            if (map.isEmpty()) {
                add(node, "jobs must hold at least one job");
                return List.of();
            }
            List<Job> jobs = new ArrayList<>();
            Map<String, List<ScalarNode>> needsNodes = new LinkedHashMap<>();
            for (Map.Entry<String, NodeTuple> e : map.entrySet()) {
                String id = e.getKey();
                if (!ID.matcher(id).matches()) {
                    add(e.getValue().getKeyNode(), "job id '" + id + "' is invalid: it must start with a letter or"
                            + " '_' and hold only letters, digits, '-' and '_'");
                }
                Job job = job(id, e.getValue(), needsNodes);
                if (job != null) {
                    jobs.add(job);
                }
            }
            for (Map.Entry<String, List<ScalarNode>> e : needsNodes.entrySet()) {
                for (ScalarNode need : e.getValue()) {
                    if (need.getValue().equals(e.getKey())) {
                        add(need, "job '" + e.getKey() + "' needs itself");
                    } else if (!map.containsKey(need.getValue())) {
                        add(need, "job '" + e.getKey() + "' needs '" + need.getValue() + "', which is not a job of"
                                + " this workflow" + suggestion(need.getValue(), map.keySet()));
                    }
                }
            }
            reportCycles(needsNodes, map);
            return jobs;
        }

        private void reportCycles(Map<String, List<ScalarNode>> needsNodes, Map<String, NodeTuple> jobs) {
            Map<String, List<String>> graph = new LinkedHashMap<>();
            needsNodes.forEach((id, needs) -> graph.put(id, needs.stream().map(ScalarNode::getValue)
                    .filter(n -> jobs.containsKey(n) && !n.equals(id)).toList()));
            Map<String, Integer> state = new HashMap<>();
            Set<String> reported = new LinkedHashSet<>();
            for (String start : graph.keySet()) {
                List<String> pathStack = new ArrayList<>();
                findCycle(start, graph, state, pathStack, reported, jobs);
            }
        }

        /** Depth-first search: state 1 = on the current path, 2 = done. */
        private void findCycle(String id, Map<String, List<String>> graph, Map<String, Integer> state,
                List<String> stack, Set<String> reported, Map<String, NodeTuple> jobs) {
            Integer s = state.get(id);
            if (s != null && s == 2) {
                return;
            }
            if (s != null && s == 1) {
                List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(id), stack.size()));
                cycle.add(id);
                String first = cycle.stream().min(Comparator.comparingInt(j -> jobs.get(j).getKeyNode()
                        .getStartMark().getLine())).orElse(id);
                if (reported.add(String.join(",", cycle.stream().sorted().toList()))) {
                    add(jobs.get(first).getKeyNode(), "jobs depend on each other in a cycle: "
                            + String.join(" -> ", cycle));
                }
                return;
            }
            state.put(id, 1);
            stack.add(id);
            for (String need : graph.getOrDefault(id, List.of())) {
                findCycle(need, graph, state, stack, reported, jobs);
            }
            stack.remove(stack.size() - 1);
            state.put(id, 2);
        }

        private Job job(String id, NodeTuple tuple, Map<String, List<ScalarNode>> needsNodes) {
            String what = "job '" + id + "'";
            Map<String, NodeTuple> map = mapping(tuple.getValueNode(), what, JOB_KEYS);
            if (map == null) {
                return null;
            }
            String name = map.containsKey("name") ? template(value(map, "name"), what + " name") : null;
            List<String> needs = new ArrayList<>();
            List<ScalarNode> needNodes = new ArrayList<>();
            if (map.containsKey("needs")) {
                for (ScalarNode need : stringList(value(map, "needs"), what + " needs")) {
                    if (needs.contains(need.getValue())) {
                        add(need, what + " needs '" + need.getValue() + "' twice");
                        continue;
                    }
                    needs.add(need.getValue());
                    needNodes.add(need);
                }
            }
            needsNodes.put(id, needNodes);
            Condition condition = map.containsKey("if") ? condition(value(map, "if"), what + " if") : null;
            RunsOn runsOn = null;
            if (map.containsKey("runs-on")) {
                runsOn = runsOn(value(map, "runs-on"), what);
            } else {
                add(tuple.getKeyNode(), what + " is missing 'runs-on': use 'shell', 'docker:<image>' or the labels"
                        + " of a registered runner");
            }
            Map<String, String> env = map.containsKey("env") ? env(value(map, "env"), what + " env") : Map.of();
            RunDefaults defaults = map.containsKey("defaults") ? defaults(value(map, "defaults")) : RunDefaults.NONE;
            int timeout = Job.DEFAULT_TIMEOUT_MINUTES;
            if (map.containsKey("timeout-minutes")) {
                Integer t = positiveInt(value(map, "timeout-minutes"), what + " timeout-minutes");
                timeout = t != null ? t : timeout;
            }
            BooleanSetting continueOnError = map.containsKey("continue-on-error")
                    ? boolOrExpression(value(map, "continue-on-error"), what + " continue-on-error") : null;
            Job.Strategy strategy = map.containsKey("strategy") ? strategy(value(map, "strategy"), what) : null;
            Map<String, Job.Service> services = new LinkedHashMap<>();
            if (map.containsKey("services")) {
                Map<String, NodeTuple> serviceMap = mapping(value(map, "services"), what + " services", null);
                if (serviceMap != null) {
                    for (Map.Entry<String, NodeTuple> e : serviceMap.entrySet()) {
                        if (!ID.matcher(e.getKey()).matches()) {
                            add(e.getValue().getKeyNode(), "service id '" + e.getKey() + "' is invalid: use letters,"
                                    + " digits, '-' and '_'");
                        }
                        Job.Container c = container(e.getValue().getValueNode(), "service '" + e.getKey() + "'",
                                false);
                        if (c != null) {
                            services.put(e.getKey(), new Job.Service(c.image(), c.env(), c.ports(), c.volumes(),
                                    c.options()));
                        }
                    }
                }
            }
            Job.Container container = map.containsKey("container")
                    ? container(value(map, "container"), what + " container", true) : null;
            Map<String, String> outputs = map.containsKey("outputs") ? env(value(map, "outputs"), what + " outputs")
                    : Map.of();
            Concurrency concurrency = map.containsKey("concurrency") ? concurrency(value(map, "concurrency")) : null;
            List<Step> steps = List.of();
            if (map.containsKey("steps")) {
                steps = steps(value(map, "steps"), what);
            } else {
                add(tuple.getKeyNode(), what + " is missing 'steps'");
            }
            if (runsOn == null) {
                return null;
            }
            return new Job(id, name, needs, condition, runsOn, env, defaults, timeout, continueOnError, strategy,
                    services, container, outputs, concurrency, steps, tuple.getKeyNode().getStartMark().getLine() + 1);
        }

        private Condition condition(Node node, String what) {
            if (node instanceof ScalarNode scalar && scalarValue(scalar) instanceof Boolean b) {
                return Condition.parse(b.toString());
            }
            String source = string(node, what);
            if (source == null) {
                return null;
            }
            try {
                return Condition.parse(source);
            } catch (ExpressionSyntaxException e) {
                add(position((ScalarNode) node, e.column() - 1), "invalid expression in " + what + ": "
                        + e.problem());
                return null;
            }
        }

        private RunsOn runsOn(Node node, String what) {
            List<String> labels = new ArrayList<>();
            List<ScalarNode> items = stringList(node, what + " runs-on");
            for (ScalarNode item : items) {
                String label = item.getValue();
                checkTemplate(item, label, what + " runs-on");
                if (label.startsWith("docker:") && label.substring("docker:".length()).isBlank()) {
                    add(item, what + " runs-on 'docker:' needs an image, such as 'docker:eclipse-temurin:21'");
                }
                labels.add(label);
            }
            if (labels.isEmpty()) {
                if (items.isEmpty() && node instanceof SequenceNode) {
                    add(node, what + " runs-on must name at least one label");
                }
                return null;
            }
            if (labels.size() > 1 && labels.stream().anyMatch(l -> l.equals("shell") || l.startsWith("docker:"))) {
                add(node, what + " runs-on: 'shell' and 'docker:<image>' stand alone, not in a list of labels");
            }
            return new RunsOn(labels);
        }

        private Job.Strategy strategy(Node node, String what) {
            Map<String, NodeTuple> map = mapping(node, what + " strategy", STRATEGY_KEYS);
            if (map == null) {
                return null;
            }
            boolean failFast = true;
            if (map.containsKey("fail-fast")) {
                Boolean b = bool(value(map, "fail-fast"), what + " strategy.fail-fast");
                failFast = b == null || b;
            }
            Integer maxParallel = map.containsKey("max-parallel")
                    ? positiveInt(value(map, "max-parallel"), what + " strategy.max-parallel") : null;
            Object matrix = null;
            if (map.containsKey("matrix")) {
                Node matrixNode = value(map, "matrix");
                matrix = plainChecked(matrixNode, what + " strategy.matrix");
                if (matrixNode instanceof ScalarNode && !(matrix instanceof String s && Template.isTemplate(s))) {
                    add(matrixNode, what + " strategy.matrix must be a mapping of vectors or an expression, got "
                            + kind(matrixNode));
                } else if (!containsTemplate(matrix)) {
                    try {
                        MatrixExpansion.combinations(matrix, ExpressionContext.empty());
                    } catch (MatrixExpansion.MatrixException e) {
                        add(matrixNode, what + " strategy.matrix: " + e.getMessage());
                    }
                }
            } else {
                add(node, what + " strategy needs a 'matrix'");
            }
            return new Job.Strategy(matrix, failFast, maxParallel);
        }

        /** A YAML value as a language value (null, Boolean, Double, String, List, Map), its {@code ${{ }}} checked. */
        private Object plainChecked(Node node, String what) {
            if (node instanceof ScalarNode scalar) {
                Object v = scalarValue(scalar);
                if (v instanceof String s) {
                    checkTemplate(scalar, s, what);
                }
                return v;
            }
            if (node instanceof SequenceNode sequence) {
                List<Object> out = new ArrayList<>();
                sequence.getValue().forEach(n -> out.add(plainChecked(n, what)));
                return out;
            }
            Map<String, NodeTuple> entries = mapping(node, what, null);
            Map<String, Object> out = new LinkedHashMap<>();
            if (entries != null) {
                entries.forEach((k, t) -> out.put(k, plainChecked(t.getValueNode(), what + "." + k)));
            }
            return out;
        }

        private static boolean containsTemplate(Object value) {
            if (value instanceof String s) {
                return Template.isTemplate(s);
            }
            if (value instanceof List<?> list) {
                return list.stream().anyMatch(Parse::containsTemplate);
            }
            if (value instanceof Map<?, ?> map) {
                return map.values().stream().anyMatch(Parse::containsTemplate);
            }
            return false;
        }

        private Job.Container container(Node node, String what, boolean stringAllowed) {
            if (stringAllowed && node instanceof ScalarNode) {
                String image = template(node, what);
                return image == null ? null : new Job.Container(image, Map.of(), List.of(), List.of(), null);
            }
            Map<String, NodeTuple> map = mapping(node, what, CONTAINER_KEYS);
            if (map == null) {
                return null;
            }
            if (!map.containsKey("image")) {
                add(node, what + " needs an 'image'");
                return null;
            }
            String image = template(value(map, "image"), what + " image");
            Map<String, String> env = map.containsKey("env") ? env(value(map, "env"), what + " env") : Map.of();
            List<String> ports = new ArrayList<>();
            if (map.containsKey("ports")) {
                for (ScalarNode port : stringList(value(map, "ports"), what + " ports")) {
                    checkTemplate(port, port.getValue(), what + " ports");
                    ports.add(port.getValue());
                }
            }
            List<String> volumes = new ArrayList<>();
            if (map.containsKey("volumes")) {
                for (ScalarNode volume : stringList(value(map, "volumes"), what + " volumes")) {
                    checkTemplate(volume, volume.getValue(), what + " volumes");
                    volumes.add(volume.getValue());
                }
            }
            String options = map.containsKey("options") ? template(value(map, "options"), what + " options") : null;
            if (map.containsKey("credentials")) {
                Map<String, NodeTuple> credentials = mapping(value(map, "credentials"), what + " credentials",
                        CREDENTIALS_KEYS);
                if (credentials != null) {
                    credentials.forEach((k, t) -> template(t.getValueNode(), what + " credentials." + k));
                }
            }
            return image == null ? null : new Job.Container(image, env, ports, volumes, options);
        }

        // ---------------------------------------------------------------------------------------- steps

        private List<Step> steps(Node node, String jobWhat) {
            if (!(node instanceof SequenceNode sequence)) {
                add(node, jobWhat + " steps must be a list, got " + kind(node));
                return List.of();
            }
            if (sequence.getValue().isEmpty()) {
                add(node, jobWhat + " needs at least one step");
                return List.of();
            }
            List<Step> steps = new ArrayList<>();
            Map<String, ScalarNode> ids = new HashMap<>();
            int index = 0;
            for (Node item : sequence.getValue()) {
                Step step = step(item, index, jobWhat, ids);
                if (step != null) {
                    steps.add(step);
                }
                index++;
            }
            return steps;
        }

        private Step step(Node node, int index, String jobWhat, Map<String, ScalarNode> ids) {
            String what = "step " + (index + 1) + " of " + jobWhat;
            Map<String, NodeTuple> map = mapping(node, what, STEP_KEYS);
            if (map == null) {
                return null;
            }
            String id = null;
            if (map.containsKey("id")) {
                id = string(value(map, "id"), what + " id");
                if (id != null) {
                    ScalarNode idNode = (ScalarNode) value(map, "id");
                    if (!ID.matcher(id).matches()) {
                        add(idNode, "step id '" + id + "' is invalid: it must start with a letter or '_' and hold"
                                + " only letters, digits, '-' and '_'");
                    } else if (ids.containsKey(id)) {
                        add(idNode, "step id '" + id + "' is used twice in " + jobWhat + " (first at line "
                                + (ids.get(id).getStartMark().getLine() + 1) + ")");
                    } else {
                        ids.put(id, idNode);
                    }
                }
            }
            String name = map.containsKey("name") ? template(value(map, "name"), what + " name") : null;
            Condition condition = map.containsKey("if") ? condition(value(map, "if"), what + " if") : null;
            String run = map.containsKey("run") ? template(value(map, "run"), what + " run") : null;
            String uses = map.containsKey("uses") ? string(value(map, "uses"), what + " uses") : null;
            BuiltinAction action = null;
            if (map.containsKey("run") && map.containsKey("uses")) {
                add(map.get("uses").getKeyNode(), what + " has both 'run' and 'uses'; a step does one of them");
            } else if (!map.containsKey("run") && !map.containsKey("uses")) {
                add(node, what + " needs 'run' (a script) or 'uses' (a built-in action)");
            }
            if (uses != null) {
                action = BuiltinAction.of(uses).orElse(null);
                if (action == null) {
                    add(value(map, "uses"), "uses: " + uses + " cannot run offline; Codara supports the built-in"
                            + " actions checkout, upload-artifact, download-artifact and cache, or use run:");
                }
            }
            String shell = map.containsKey("shell") ? shell(value(map, "shell"), what + " shell") : null;
            if (shell != null && uses != null && run == null) {
                add(map.get("shell").getKeyNode(), what + ": shell applies to run steps only");
            }
            String dir = map.containsKey("working-directory")
                    ? template(value(map, "working-directory"), what + " working-directory") : null;
            Map<String, String> env = map.containsKey("env") ? env(value(map, "env"), what + " env") : Map.of();
            Map<String, String> with = map.containsKey("with") ? env(value(map, "with"), what + " with") : Map.of();
            if (map.containsKey("with") && run != null && uses == null) {
                add(map.get("with").getKeyNode(), what + ": with applies to uses steps only; use env for run steps");
            }
            Integer timeout = map.containsKey("timeout-minutes")
                    ? positiveInt(value(map, "timeout-minutes"), what + " timeout-minutes") : null;
            BooleanSetting continueOnError = map.containsKey("continue-on-error")
                    ? boolOrExpression(value(map, "continue-on-error"), what + " continue-on-error") : null;
            return new Step(index, id, name, condition, run, shell, dir, env, uses, action, with, timeout,
                    continueOnError, node.getStartMark().getLine() + 1);
        }
    }
}
