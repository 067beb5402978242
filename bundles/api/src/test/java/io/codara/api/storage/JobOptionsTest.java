package io.codara.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class JobOptionsTest {

    @Test
    void defaultsRunNowFiveAttemptsTenSecondBackoff() {
        assertThat(JobOptions.DEFAULT.delay()).isEqualTo(Duration.ZERO);
        assertThat(JobOptions.DEFAULT.maxAttempts()).isEqualTo(5);
        assertThat(JobOptions.DEFAULT.backoff()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void acceptsZeroDurationsAndOneAttempt() {
        JobOptions options = new JobOptions(Duration.ZERO, 1, Duration.ZERO);

        assertThat(options.maxAttempts()).isEqualTo(1);
    }

    @Test
    void rejectsMissingOrNegativeDelay() {
        assertThatThrownBy(() -> new JobOptions(null, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        assertThatThrownBy(() -> new JobOptions(Duration.ofMillis(-1), 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
    }

    @Test
    void rejectsFewerThanOneAttempt() {
        assertThatThrownBy(() -> new JobOptions(Duration.ZERO, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new JobOptions(Duration.ZERO, -3, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMissingOrNegativeBackoff() {
        assertThatThrownBy(() -> new JobOptions(Duration.ZERO, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backoff");
        assertThatThrownBy(() -> new JobOptions(Duration.ZERO, 1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backoff");
    }
}
