package io.codara.ci.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codara.ci.internal.workflow.MatrixExpansion.JobInstance;
import io.codara.ci.internal.workflow.MatrixExpansion.MatrixException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MatrixExpansionTest {

    private static final ExpressionContext EMPTY = ExpressionContext.empty();

    /** An ordered map from alternating keys and values. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static List<Map<String, Object>> combos(Object matrix) {
        return MatrixExpansion.combinations(matrix, EMPTY);
    }

    private static Job job(String id, String name, Object matrix) {
        Workflow w = new WorkflowParser().parse("w.yml", "on: push\njobs:\n  " + id + ":\n"
                + (name != null ? "    name: \"" + name + "\"\n" : "") + "    runs-on: shell\n"
                + "    steps: [{run: x}]\n").workflow();
        Job j = w.jobs().get(0);
        return new Job(j.id(), j.name(), j.needs(), j.condition(), j.runsOn(), j.env(), j.defaults(),
                j.timeoutMinutes(), j.continueOnError(), matrix == null ? null : new Job.Strategy(matrix, true, null),
                j.services(), j.container(), j.outputs(), j.concurrency(), j.steps(), j.line());
    }

    @Test
    void cartesianProductInKeyOrder() {
        assertThat(combos(map("os", List.of("ubuntu", "debian"), "java", List.of(17.0, 21.0)))).containsExactly(
                map("os", "ubuntu", "java", 17.0), map("os", "ubuntu", "java", 21.0),
                map("os", "debian", "java", 17.0), map("os", "debian", "java", 21.0));
    }

    @Test
    void excludeRemovesPartialMatches() {
        Object matrix = map("os", List.of("macos", "windows", "linux"), "version", List.of(12.0, 14.0, 16.0),
                "env", List.of("staging", "production"),
                "exclude", List.of(map("os", "macos", "version", 12.0, "env", "production"),
                        map("os", "windows", "version", 16.0)));
        // 18 combinations, minus one, minus two.
        List<Map<String, Object>> combos = combos(matrix);
        assertThat(combos).hasSize(15);
        assertThat(combos).doesNotContain(map("os", "macos", "version", 12.0, "env", "production"),
                map("os", "windows", "version", 16.0, "env", "staging"),
                map("os", "windows", "version", 16.0, "env", "production"));
        assertThat(combos).contains(map("os", "macos", "version", 12.0, "env", "staging"));
    }

    @Test
    void excludeMatchesNumbersAndTheirText() {
        assertThat(combos(map("v", List.of(1.0, 2.0), "exclude", List.of(map("v", "2"))))).containsExactly(
                map("v", 1.0));
    }

    /** The example of GitHub's documentation "Expanding or adding matrix configurations". */
    @Test
    void includeFollowsGithubsRules() {
        Object matrix = map("fruit", List.of("apple", "pear"), "animal", List.of("cat", "dog"),
                "include", List.of(
                        map("color", "green"),
                        map("color", "pink", "animal", "cat"),
                        map("fruit", "apple", "shape", "circle"),
                        map("fruit", "banana"),
                        map("fruit", "banana", "animal", "cat")));
        assertThat(combos(matrix)).containsExactly(
                map("fruit", "apple", "animal", "cat", "color", "pink", "shape", "circle"),
                map("fruit", "apple", "animal", "dog", "color", "green", "shape", "circle"),
                map("fruit", "pear", "animal", "cat", "color", "pink"),
                map("fruit", "pear", "animal", "dog", "color", "green"),
                map("fruit", "banana"),
                map("fruit", "banana", "animal", "cat"));
    }

    /** GitHub's second example: include adds a variable to one combination and a new combination. */
    @Test
    void includeExtendsOneCombinationAndAddsAnother() {
        Object matrix = map("os", List.of("windows-latest", "ubuntu-latest"), "node", List.of(14.0, 16.0),
                "include", List.of(map("os", "windows-latest", "node", 16.0, "npm", 6.0),
                        map("os", "macos-latest", "node", 18.0)));
        assertThat(combos(matrix)).containsExactly(
                map("os", "windows-latest", "node", 14.0),
                map("os", "windows-latest", "node", 16.0, "npm", 6.0),
                map("os", "ubuntu-latest", "node", 14.0),
                map("os", "ubuntu-latest", "node", 16.0),
                map("os", "macos-latest", "node", 18.0));
    }

    @Test
    void onlyIncludeMakesOneCombinationPerEntry() {
        assertThat(combos(map("include", List.of(map("site", "prod", "region", "eu"), map("site", "dev")))))
                .containsExactly(map("site", "prod", "region", "eu"), map("site", "dev"));
    }

    @Test
    void excludeBeforeInclude() {
        Object matrix = map("os", List.of("a", "b"), "exclude", List.of(map("os", "a")),
                "include", List.of(map("os", "a", "extra", true)));
        assertThat(combos(matrix)).containsExactly(map("os", "b"), map("os", "a", "extra", true));
    }

    @Test
    void objectValues() {
        Map<String, Object> jdk = map("version", 21.0, "vendor", "temurin");
        assertThat(combos(map("jdk", List.of(jdk)))).containsExactly(map("jdk", jdk));
    }

    @Test
    void limitOf256() {
        List<Object> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteen.add((double) i);
        }
        assertThat(combos(map("a", sixteen, "b", sixteen))).hasSize(256);
        List<Object> seventeen = new ArrayList<>(sixteen);
        seventeen.add(16.0);
        assertThatThrownBy(() -> combos(map("a", seventeen, "b", sixteen))).isInstanceOf(MatrixException.class)
                .hasMessage("a matrix may produce at most 256 jobs, this one produces 272");
        assertThat(combos(map("a", seventeen, "b", sixteen, "exclude", List.of(map("a", 16.0))))).hasSize(256);
        assertThatThrownBy(() -> combos(map("a", sixteen, "b", sixteen, "c", sixteen, "d", sixteen)))
                .hasMessageContaining("this one produces 65536");
        assertThatThrownBy(() -> combos(map("a", sixteen, "b", sixteen, "include", List.of(map("x", 1.0, "a", 99.0)))))
                .hasMessageContaining("this one produces 257");
    }

    @Test
    void shapeErrors() {
        assertThatThrownBy(() -> combos("linux")).hasMessageContaining("must be a mapping of vectors");
        assertThatThrownBy(() -> combos(map("os", "linux"))).hasMessage("matrix vector 'os' must be a list, got the"
                + " string 'linux'");
        assertThatThrownBy(() -> combos(map("os", List.of()))).hasMessage("matrix vector 'os' does not contain any"
                + " values");
        assertThatThrownBy(() -> combos(map())).hasMessageContaining("at least one vector");
        assertThatThrownBy(() -> combos(map("os", List.of("a"), "include", map("x", 1.0))))
                .hasMessageContaining("include must be a list of mappings");
        assertThatThrownBy(() -> combos(map("os", List.of("a"), "exclude", List.of("a"))))
                .hasMessageContaining("exclude entries must be mappings");
        assertThatThrownBy(() -> combos(map("os", List.of("a"), "exclude", List.of(map("arch", "x64")))))
                .hasMessageContaining("exclude key 'arch' does not match any vector");
        assertThatThrownBy(() -> combos(map("os", List.of("a"), "exclude", List.of(map("os", "a")))))
                .hasMessageContaining("no combinations left");
    }

    @Test
    void expressionsInTheMatrixAreEvaluated() {
        ExpressionContext ctx = ExpressionContext.of(Map.of("needs", Map.of("plan", Map.of("outputs",
                Map.of("matrix", "{\"os\": [\"a\", \"b\"], \"include\": [{\"os\": \"a\", \"big\": true}]}",
                        "versions", "[17, 21]")))));
        assertThat(MatrixExpansion.combinations("${{ fromJSON(needs.plan.outputs.matrix) }}", ctx))
                .containsExactly(map("os", "a", "big", true), map("os", "b"));
        assertThat(MatrixExpansion.combinations(map("java", "${{ fromJSON(needs.plan.outputs.versions) }}"), ctx))
                .containsExactly(map("java", 17.0), map("java", 21.0));
        assertThatThrownBy(() -> MatrixExpansion.combinations("${{ fromJSON('oops') }}", ctx))
                .isInstanceOf(MatrixException.class).hasMessageContaining("invalid JSON");
    }

    @Test
    void displayNamesLikeGithub() {
        Object matrix = map("os", List.of("ubuntu"), "java", List.of(17.0, 21.0));
        assertThat(MatrixExpansion.expand(job("build", null, matrix), EMPTY)).extracting(JobInstance::displayName)
                .containsExactly("build (ubuntu, 17)", "build (ubuntu, 21)");
        assertThat(MatrixExpansion.expand(job("build", "Build", matrix), EMPTY)).extracting(JobInstance::displayName)
                .containsExactly("Build (ubuntu, 17)", "Build (ubuntu, 21)");
        assertThat(MatrixExpansion.expand(job("build", "Java ${{ matrix.java }} on ${{ matrix.os }}", matrix), EMPTY))
                .extracting(JobInstance::displayName).containsExactly("Java 17 on ubuntu", "Java 21 on ubuntu");
        assertThat(MatrixExpansion.expand(job("build", null, map("jdk", List.of(map("v", 21.0, "d", "tem")))),
                EMPTY)).extracting(JobInstance::displayName).containsExactly("build (21, tem)");
    }

    @Test
    void expandCarriesTheMatrixValues() {
        List<JobInstance> instances = MatrixExpansion.expand(job("t", null, map("n", List.of(1.0, 2.0))), EMPTY);
        assertThat(instances).extracting(JobInstance::matrix).containsExactly(map("n", 1.0), map("n", 2.0));
    }

    @Test
    void jobWithoutMatrixIsOneInstance() {
        assertThat(MatrixExpansion.expand(job("lint", null, null), EMPTY))
                .containsExactly(new JobInstance("lint", Map.of()));
        ExpressionContext ctx = ExpressionContext.of(Map.of("github", Map.of("ref_name", "main")));
        assertThat(MatrixExpansion.expand(job("lint", "Lint ${{ github.ref_name }}", null), ctx))
                .containsExactly(new JobInstance("Lint main", Map.of()));
    }

    @Test
    void parsedMatrixExpandsFromTheFile() {
        Workflow w = new WorkflowParser().parse("w.yml", """
                on: push
                jobs:
                  test:
                    runs-on: shell
                    strategy:
                      matrix:
                        python: ['3.10', 3.12]
                        os: [linux]
                        include:
                          - python: 3.12
                            coverage: true
                    steps: [{run: x}]
                """).workflow();
        assertThat(MatrixExpansion.expand(w.jobs().get(0), EMPTY)).extracting(JobInstance::displayName)
                .containsExactly("test (3.10, linux)", "test (3.12, linux, true)");
    }
}
