package io.codara.ci.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {

    private static final ExpressionContext CONTEXT = ExpressionContext.of(Map.of(
            "github", Map.of("ref", "refs/heads/main", "event_name", "push", "event",
                    Map.of("commits", List.of(Map.of("id", "a1", "message", "fix"), Map.of("id", "b2")))),
            "matrix", Map.of("os", "ubuntu", "java", 17, "experimental", false),
            "env", Map.of("GREETING", "Hello", "EMPTY", ""),
            "needs", Map.of(
                    "build", Map.of("result", "success", "outputs", Map.of("version", "1.2.3")),
                    "test", Map.of("result", "failure", "outputs", Map.of())),
            "steps", Map.of("my-step", Map.of("outputs", Map.of("Value", "42")))));

    private static Object eval(String expression) {
        return ExpressionParser.parse(expression).evaluate(CONTEXT);
    }

    @Test
    void literals() {
        assertThat(eval("null")).isNull();
        assertThat(eval("true")).isEqualTo(true);
        assertThat(eval("false")).isEqualTo(false);
        assertThat(eval("42")).isEqualTo(42.0);
        assertThat(eval("-9.5")).isEqualTo(-9.5);
        assertThat(eval("0xff")).isEqualTo(255.0);
        assertThat(eval("1e3")).isEqualTo(1000.0);
        assertThat(eval("2.5E-1")).isEqualTo(0.25);
        assertThat(eval("'it''s'")).isEqualTo("it's");
        assertThat(eval("''")).isEqualTo("");
    }

    @Test
    void propertyAccessInEveryForm() {
        assertThat(eval("github.ref")).isEqualTo("refs/heads/main");
        assertThat(eval("github['ref']")).isEqualTo("refs/heads/main");
        assertThat(eval("needs.build.outputs.version")).isEqualTo("1.2.3");
        assertThat(eval("steps.my-step.outputs.value")).as("keys ignore case").isEqualTo("42");
        assertThat(eval("github.event.commits[0].id")).isEqualTo("a1");
        assertThat(eval("github.event.commits[1]['id']")).isEqualTo("b2");
        assertThat(eval("github.event.commits[5]")).isNull();
        assertThat(eval("github.nothing.deeper")).isNull();
        assertThat(eval("matrix['o' == 'o' && 'os']")).isEqualTo("ubuntu");
    }

    @Test
    void codaraAndGithubAreOneContext() {
        assertThat(eval("codara.ref")).isEqualTo("refs/heads/main");
        assertThat(eval("CODARA.REF")).isEqualTo("refs/heads/main");
    }

    @Test
    void objectFilters() {
        assertThat(eval("github.event.commits.*.id")).isEqualTo(List.of("a1", "b2"));
        assertThat(eval("github.event.commits.*.message")).as("missing values are dropped").isEqualTo(List.of("fix"));
        assertThat(eval("needs.*.result")).asList().containsExactlyInAnyOrder("success", "failure");
        assertThat(eval("contains(needs.*.result, 'failure')")).isEqualTo(true);
        assertThat(eval("matrix.os.*")).isEqualTo(List.of());
    }

    @Test
    void filterOfAFilterFlattens() {
        ExpressionContext ctx = ExpressionContext.of(Map.of("inputs", Map.of("groups",
                List.of(Map.of("items", List.of(1, 2)), Map.of("items", List.of(3))))));
        assertThat(ExpressionParser.parse("inputs.groups.*.items.*").evaluate(ctx)).isEqualTo(List.of(1.0, 2.0, 3.0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1 == 1.0 | true",
        "'abc' == 'ABC' | true",
        "'1' == 1 | true",
        "'' == 0 | true",
        "null == 0 | true",
        "null == false | true",
        "true == 1 | true",
        "'true' == true | false",
        "'x' == 0 | false",
        "null == null | true",
        "1 != 2 | true",
        "'b' > 'A' | true",
        "'a' < 'B' | true",
        "2 >= 2 | true",
        "'10' > 9 | true",
        "'abc' < 1 | false",
        "'abc' >= 1 | false",
        "github == github | true",
        "github == matrix | false",
        "!0 | true",
        "!'' | true",
        "!'false' | false",
        "!github | false",
        "NaN == NaN | false",
    })
    void comparisonsFollowGithubCoercion(String expression, boolean expected) {
        assertThat(eval(expression)).isEqualTo(expected);
    }

    @Test
    void andOrYieldOperandsAndShortCircuit() {
        assertThat(eval("env.EMPTY || 'fallback'")).isEqualTo("fallback");
        assertThat(eval("env.GREETING || 'fallback'")).isEqualTo("Hello");
        assertThat(eval("env.GREETING && matrix.os")).isEqualTo("ubuntu");
        assertThat(eval("env.EMPTY && fromJSON('not json')")).as("right side not evaluated").isEqualTo("");
        assertThat(eval("true || fromJSON('x')")).isEqualTo(true);
    }

    @Test
    void precedenceOfOperators() {
        assertThat(eval("true || false && false")).isEqualTo(true);
        assertThat(eval("(true || false) && false")).isEqualTo(false);
        assertThat(eval("!false == true")).isEqualTo(true);
        assertThat(eval("1 < 2 == 2 < 3")).isEqualTo(true);
    }

    @Test
    void stringFunctionsIgnoreCase() {
        assertThat(eval("contains('Hello World', 'WORLD')")).isEqualTo(true);
        assertThat(eval("contains(github.ref, 'feature')")).isEqualTo(false);
        assertThat(eval("startsWith(github.ref, 'REFS/heads/')")).isEqualTo(true);
        assertThat(eval("endsWith(github.ref, '/MAIN')")).isEqualTo(true);
        assertThat(eval("contains(fromJSON('[\"push\", \"pull_request\"]'), github.event_name)")).isEqualTo(true);
        assertThat(eval("contains(fromJSON('[1, 2]'), '2')")).as("array items compare loosely").isEqualTo(true);
    }

    @Test
    void formatAndJoin() {
        assertThat(eval("format('{0} {1}!', env.GREETING, 'World')")).isEqualTo("Hello World!");
        assertThat(eval("format('{{0}} is {0}', 1)")).isEqualTo("{0} is 1");
        assertThat(eval("format('{1}{0}{1}', 'a', 'b')")).isEqualTo("bab");
        assertThat(eval("join(fromJSON('[\"a\", \"b\", 3]'))")).isEqualTo("a,b,3");
        assertThat(eval("join(fromJSON('[\"a\", \"b\"]'), ' | ')")).isEqualTo("a | b");
        assertThat(eval("join('single', '-')")).isEqualTo("single");
    }

    @Test
    void formatErrors() {
        assertThatThrownBy(() -> eval("format('{0} {1}', 'a')")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("more arguments");
        assertThatThrownBy(() -> eval("format('{x}', 'a')")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("invalid");
        assertThatThrownBy(() -> eval("format('a } b')")).isInstanceOf(ExpressionException.class);
    }

    @Test
    void toJsonPrettyPrintsAndFromJsonParses() {
        assertThat(eval("toJSON(matrix.os)")).isEqualTo("\"ubuntu\"");
        assertThat(eval("toJSON(fromJSON('{\"a\":[1,true,null],\"b\":{}}'))"))
                .isEqualTo("{\n  \"a\": [\n    1,\n    true,\n    null\n  ],\n  \"b\": {}\n}");
        assertThat(eval("fromJSON('3.5')")).isEqualTo(3.5);
        assertThat(eval("fromJSON('{\"x\": {\"y\": 2}}').x.y")).isEqualTo(2.0);
        assertThat(eval("fromJSON('true')")).isEqualTo(true);
        assertThatThrownBy(() -> eval("fromJSON('{broken')")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> eval("fromJSON('')")).isInstanceOf(ExpressionException.class);
    }

    @Test
    void hashFilesDelegatesToTheCaller() {
        ExpressionContext ctx = CONTEXT.withHashFiles(patterns -> "hash-of-" + String.join("+", patterns));
        assertThat(ExpressionParser.parse("hashFiles('**/pom.xml', '*.lock')").evaluate(ctx))
                .isEqualTo("hash-of-**/pom.xml+*.lock");
        assertThatThrownBy(() -> eval("hashFiles('x')")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("hashFiles");
    }

    @Test
    void statusFunctionsReadTheContext() {
        Expression success = ExpressionParser.parse("success()");
        Expression failure = ExpressionParser.parse("failure()");
        Expression cancelled = ExpressionParser.parse("cancelled()");
        Expression always = ExpressionParser.parse("always()");
        ExpressionContext failed = CONTEXT.withStatus(ExpressionContext.Status.FAILED);
        ExpressionContext stopped = CONTEXT.withStatus(ExpressionContext.Status.CANCELLED);
        assertThat(List.of(success.evaluate(CONTEXT), failure.evaluate(CONTEXT), cancelled.evaluate(CONTEXT),
                always.evaluate(CONTEXT))).containsExactly(true, false, false, true);
        assertThat(List.of(success.evaluate(failed), failure.evaluate(failed), cancelled.evaluate(failed)))
                .containsExactly(false, true, false);
        assertThat(List.of(success.evaluate(stopped), failure.evaluate(stopped), cancelled.evaluate(stopped)))
                .containsExactly(false, false, true);
    }

    @Test
    void functionNamesIgnoreCase() {
        assertThat(eval("CONTAINS('abc', 'b')")).isEqualTo(true);
        assertThat(eval("toJson(1)")).isEqualTo("1");
    }

    @Test
    void statusFunctionUseIsDetectedAnywhere() {
        assertThat(ExpressionParser.parse("always()").usesStatusFunction()).isTrue();
        assertThat(ExpressionParser.parse("github.ref == 'x' || !cancelled()").usesStatusFunction()).isTrue();
        assertThat(ExpressionParser.parse("contains(format('{0}', failure()), 'x')").usesStatusFunction()).isTrue();
        assertThat(ExpressionParser.parse("github.ref == 'x'").usesStatusFunction()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "github.ref == | 14 | Unexpected end of expression",
        "'abc | 1 | Unterminated string",
        "foo.bar | 1 | Unrecognized named-value: 'foo'",
        "github.ref = 'x' | 12 | Unexpected symbol: '='",
        "contains('a') | 1 | Function 'contains' takes 2 arguments, got 1",
        "success(1) | 1 | Function 'success' takes 0 arguments, got 1",
        "nope() | 1 | Unrecognized function: 'nope'",
        "(github.ref | 12 | expected ')'",
        "github. | 8 | after '.'",
        "a[ | 1 | Unrecognized named-value: 'a'",
        "github[0 | 9 | expected ']'",
        "1 2 | 3 | Unexpected symbol: '2'",
        "1.2.3 | 1 | not a number",
        "github.ref # x | 12 | Unexpected symbol: '#'",
        "format() | 1 | at least 1",
    })
    void syntaxErrorsPointAtTheirColumn(String expression, int column, String message) {
        assertThatThrownBy(() -> ExpressionParser.parse(expression))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.problem()).contains(message);
                });
    }

    @Test
    void emptyExpressionIsAnError() {
        assertThatThrownBy(() -> ExpressionParser.parse("   ")).isInstanceOf(ExpressionSyntaxException.class)
                .hasMessageContaining("Expected an expression");
    }

    @Test
    void numbersAreWrittenLikeGithub() {
        assertThat(Values.toText(17.0)).isEqualTo("17");
        assertThat(Values.toText(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(Values.toText(-2.5)).isEqualTo("-2.5");
        assertThat(Values.toText(null)).isEmpty();
        assertThat(Values.toText(List.of())).isEqualTo("Array");
        assertThat(Values.toText(Map.of())).isEqualTo("Object");
        assertThat(Values.toText(true)).isEqualTo("true");
    }

    @Test
    void truthiness() {
        assertThat(Values.truthy(null)).isFalse();
        assertThat(Values.truthy(0.0)).isFalse();
        assertThat(Values.truthy(-0.0)).isFalse();
        assertThat(Values.truthy(Double.NaN)).isFalse();
        assertThat(Values.truthy("")).isFalse();
        assertThat(Values.truthy("false")).isTrue();
        assertThat(Values.truthy(List.of())).isTrue();
        assertThat(Values.truthy(Map.of())).isTrue();
    }

    @Test
    void stringsConvertToNumbersLikeJson() {
        assertThat(Values.toNumber(" 12 ")).isEqualTo(12.0);
        assertThat(Values.toNumber("")).isEqualTo(0.0);
        assertThat(Values.toNumber("1e2")).isEqualTo(100.0);
        assertThat(Values.toNumber("12abc")).isNaN();
        assertThat(Values.toNumber(List.of())).isNaN();
    }

    @Test
    void nestingAndLengthAreLimited() {
        assertThat(eval("(".repeat(40) + "1" + ")".repeat(40))).isEqualTo(1.0);
        assertThatThrownBy(() -> ExpressionParser.parse("(".repeat(5000) + "1" + ")".repeat(5000)))
                .isInstanceOf(ExpressionSyntaxException.class).hasMessageContaining("nests deeper than 50");
        assertThatThrownBy(() -> ExpressionParser.parse("!".repeat(5000) + "true"))
                .isInstanceOf(ExpressionSyntaxException.class).hasMessageContaining("nests deeper than 50");
        assertThatThrownBy(() -> ExpressionParser.parse("'" + "a".repeat(30_000) + "'"))
                .isInstanceOf(ExpressionSyntaxException.class).hasMessageContaining("longer than");
    }

    @Test
    void githubAndCodaraAreAliasesWhicheverIsGiven() {
        ExpressionContext byCodara = ExpressionContext.of(Map.of("codara", Map.of("sha", "1")));
        assertThat(ExpressionParser.parse("github.sha").evaluate(byCodara)).isEqualTo("1");
        ExpressionContext replaced = byCodara.with("github", Map.of("sha", "2"));
        assertThat(ExpressionParser.parse("codara.sha").evaluate(replaced)).isEqualTo("2");
        assertThat(replaced.get("GitHub")).isEqualTo(Map.of("sha", "2"));
    }

    @Test
    void callerNumbersOfAnyTypeCompareAsNumbers() {
        ExpressionContext ctx = ExpressionContext.of(Map.of("inputs", Map.of("n", 3, "big", 5_000_000_000L)));
        assertThat(ExpressionParser.parse("inputs.n == 3").evaluate(ctx)).isEqualTo(true);
        assertThat(ExpressionParser.parse("inputs.big > 4e9").evaluate(ctx)).isEqualTo(true);
        assertThat(Values.looseEquals(3, 3.0)).isTrue();
    }
}
