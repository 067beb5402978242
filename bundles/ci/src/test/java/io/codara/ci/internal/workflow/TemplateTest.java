package io.codara.ci.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplateTest {

    private static final ExpressionContext CONTEXT = ExpressionContext.of(Map.of(
            "github", Map.of("ref_name", "main", "sha", "abc123"),
            "matrix", Map.of("java", 17, "os", "ubuntu", "flags", List.of("a", "b")),
            "env", Map.of("NAME", "World")));

    @Test
    void rendersExpressionsInsideText() {
        assertThat(Template.render("Hello ${{ env.NAME }}!", CONTEXT)).isEqualTo("Hello World!");
        assertThat(Template.render("${{ github.ref_name }}-${{ github.sha }}", CONTEXT)).isEqualTo("main-abc123");
        assertThat(Template.render("java ${{matrix.java}}", CONTEXT)).isEqualTo("java 17");
        assertThat(Template.render("no expressions", CONTEXT)).isEqualTo("no expressions");
        assertThat(Template.render("${{ github.missing }}", CONTEXT)).isEmpty();
        assertThat(Template.render(null, CONTEXT)).isNull();
    }

    @Test
    void closingBracesInsideStringsDoNotEndTheExpression() {
        assertThat(Template.render("${{ format('{{{0}}}', 'x') }}", CONTEXT)).isEqualTo("{x}");
        assertThat(Template.render("${{ 'a }} b' }}", CONTEXT)).isEqualTo("a }} b");
    }

    @Test
    void aLoneExpressionKeepsItsType() {
        assertThat(Template.parse("${{ matrix.flags }}").evaluate(CONTEXT)).isEqualTo(List.of("a", "b"));
        assertThat(Template.parse("  ${{ matrix.java }} ").evaluate(CONTEXT)).isEqualTo(17.0);
        assertThat(Template.parse("v${{ matrix.java }}").evaluate(CONTEXT)).isEqualTo("v17");
    }

    @Test
    void listsItsExpressions() {
        Template t = Template.parse("a ${{ env.NAME }} b ${{ github.sha }}");
        assertThat(t.hasExpressions()).isTrue();
        assertThat(t.expressions()).hasSize(2);
        assertThat(t.parts()).hasSize(4);
        assertThat(Template.parse("plain").hasExpressions()).isFalse();
    }

    @Test
    void errorsAreReportedAtTheirColumnInTheWholeText() {
        assertThatThrownBy(() -> Template.parse("echo ${{ github.ref == }}"))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(24);
                    assertThat(e.problem()).contains("Unexpected end");
                });
        assertThatThrownBy(() -> Template.parse("x ${{ bogus.value }}"))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> assertThat(e.column()).isEqualTo(7));
        assertThatThrownBy(() -> Template.parse("ab ${{ github.ref"))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(4);
                    assertThat(e.problem()).contains("Unclosed");
                });
        assertThatThrownBy(() -> Template.parse("${{ }}")).isInstanceOf(ExpressionSyntaxException.class);
    }

    @Test
    void conditionWithoutStatusFunctionImpliesSuccess() {
        Condition condition = Condition.parse("github.ref_name == 'main'");
        assertThat(condition.test(CONTEXT)).isTrue();
        assertThat(condition.test(CONTEXT.withStatus(ExpressionContext.Status.FAILED))).isFalse();
        assertThat(condition.test(CONTEXT.withStatus(ExpressionContext.Status.CANCELLED))).isFalse();
    }

    @Test
    void conditionWithStatusFunctionIsTakenAsWritten() {
        Condition onFailure = Condition.parse("${{ failure() }}");
        assertThat(onFailure.test(CONTEXT)).isFalse();
        assertThat(onFailure.test(CONTEXT.withStatus(ExpressionContext.Status.FAILED))).isTrue();
        Condition always = Condition.parse("always() && github.ref_name == 'main'");
        assertThat(always.test(CONTEXT.withStatus(ExpressionContext.Status.CANCELLED))).isTrue();
        Condition notCancelled = Condition.parse("!cancelled()");
        assertThat(notCancelled.test(CONTEXT.withStatus(ExpressionContext.Status.FAILED))).isTrue();
    }

    @Test
    void conditionMayBeWrappedInDollarBraces() {
        assertThat(Condition.parse("${{ matrix.os == 'ubuntu' }}").test(CONTEXT)).isTrue();
        assertThat(Condition.parse("  ${{ matrix.os == 'windows' }}  ").test(CONTEXT)).isFalse();
    }

    @Test
    void absentConditionMeansSuccess() {
        assertThat(Condition.parse(null)).isSameAs(Condition.SUCCESS);
        assertThat(Condition.parse("  ")).isSameAs(Condition.SUCCESS);
        assertThat(Condition.SUCCESS.test(CONTEXT)).isTrue();
        assertThat(Condition.SUCCESS.test(CONTEXT.withStatus(ExpressionContext.Status.FAILED))).isFalse();
    }

    @Test
    void conditionMixingTextAndExpressionIsRefused() {
        assertThatThrownBy(() -> Condition.parse("${{ github.ref_name }} == 'main'"))
                .isInstanceOf(ExpressionSyntaxException.class).hasMessageContaining("must be one expression");
    }

    @Test
    void conditionErrorsCarryTheirColumn() {
        assertThatThrownBy(() -> Condition.parse("github.ref_name == 'main' &&"))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> assertThat(e.column()).isEqualTo(29));
        assertThatThrownBy(() -> Condition.parse("${{ matrix.os === 'x' }}"))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> assertThat(e.column()).isEqualTo(17));
    }

    @Test
    void booleanSettingsResolveLiteralsAndExpressions() {
        assertThat(BooleanSetting.TRUE.resolve(CONTEXT)).isTrue();
        assertThat(new BooleanSetting(false, Template.parse("${{ matrix.os == 'ubuntu' }}")).resolve(CONTEXT))
                .isTrue();
        assertThat(new BooleanSetting(false, Template.parse("${{ matrix.missing }}")).resolve(CONTEXT)).isFalse();
        assertThat(new BooleanSetting(false, Template.parse("${{ 'false' }}")).resolve(CONTEXT))
                .as("the text false is false here").isFalse();
    }
}
