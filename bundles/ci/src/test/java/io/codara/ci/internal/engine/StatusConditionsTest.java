package io.codara.ci.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatusConditionsTest {

    @Test
    void anEmptyConditionIsSuccess() {
        assertThat(StatusConditions.test("", false, false)).isTrue();
        assertThat(StatusConditions.test(null, true, false)).isFalse();
        assertThat(StatusConditions.test("  ", false, true)).isFalse();
    }

    @Test
    void theFourStatusFunctionsInsideOrOutsideAnExpression() {
        assertThat(StatusConditions.test("success()", false, false)).isTrue();
        assertThat(StatusConditions.test("${{ success() }}", true, false)).isFalse();
        assertThat(StatusConditions.test("failure()", true, false)).isTrue();
        assertThat(StatusConditions.test("${{failure()}}", false, false)).isFalse();
        assertThat(StatusConditions.test("always()", true, true)).isTrue();
        assertThat(StatusConditions.test("cancelled()", false, true)).isTrue();
        assertThat(StatusConditions.test("cancelled()", true, false)).isFalse();
        assertThat(StatusConditions.test("!cancelled()", true, false)).isTrue();
        assertThat(StatusConditions.test("${{ !failure() }}", true, false)).isFalse();
    }

    @Test
    void otherExpressionsAreRejectedWithWhatIsSupported() {
        assertThatThrownBy(() -> StatusConditions.test("github.ref == 'refs/heads/main'", false, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("github.ref").hasMessageContaining("always()");
    }
}
