package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.random.RandomGenerator;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditEvent;
import io.codara.api.audit.AuditLog;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.JobState;
import io.codara.api.storage.QueueStats;
import io.codara.api.storage.spi.JobHandler;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class AuditRetentionTest {

    private final AuditLog auditLog = mock(AuditLog.class);
    private final JobQueue jobs = mock(JobQueue.class);
    /** Always the largest jitter, so the delay is known. */
    private final RandomGenerator random = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private static AuditRetentionConfig config(int days) {
        AuditRetentionConfig config = mock(AuditRetentionConfig.class);
        when(config.retention_days()).thenReturn(days);
        return config;
    }

    private static Job job() {
        return new Job(7, AuditRetention.QUEUE, "{}", JobState.RUNNING, 1, 5, Instant.now(), null, Instant.now());
    }

    private void stats(long queued, long running) {
        when(jobs.stats(AuditRetention.QUEUE)).thenReturn(new QueueStats(AuditRetention.QUEUE, queued, running, 3, 0));
    }

    private AuditRetention retention(int days) {
        return new AuditRetention(auditLog, jobs, config(days), random);
    }

    private JobOptions enqueuedOptions() {
        ArgumentCaptor<JobOptions> options = ArgumentCaptor.forClass(JobOptions.class);
        verify(jobs).enqueue(eq(AuditRetention.QUEUE), anyString(), options.capture());
        return options.getValue();
    }

    @Test
    void isRegisteredAsTheHandlerOfItsQueueWithItsOwnConfiguration() throws Exception {
        // The descriptor bnd generated from the annotations, which is what SCR reads.
        String descriptor;
        try (var in = getClass().getResourceAsStream("/OSGI-INF/" + AuditRetention.class.getName() + ".xml")) {
            assertThat(in).as("generated component descriptor").isNotNull();
            descriptor = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        assertThat(descriptor).contains("configuration-pid=\"io.codara.audit\"")
                .contains("name=\"" + JobHandler.QUEUE + "\"").contains("value=\"auth.audit-retention\"")
                .contains("interface=\"" + JobHandler.class.getName() + "\"");
    }

    @Test
    void activationEnqueuesTheFirstRunWhenNoneIsPending() {
        stats(0, 0);

        retention(365);

        assertThat(enqueuedOptions().delay()).isZero();
    }

    @Test
    void activationLeavesAWaitingOrRunningRunAlone() {
        stats(1, 0);
        retention(365);
        stats(0, 1);
        retention(365);

        verify(jobs, never()).enqueue(anyString(), anyString(), any());
    }

    @Test
    void activationSurvivesAnUnreachableQueue() {
        when(jobs.stats(AuditRetention.QUEUE)).thenThrow(new IllegalStateException("database down"));

        AuditRetention retention = retention(365);

        assertThat(retention).isNotNull();
        verify(jobs, never()).enqueue(anyString(), anyString(), any());
    }

    @Test
    void aRunPurgesRecordsTheCountAndEnqueuesTheNextRunADayLater() {
        stats(1, 0);
        AuditRetention retention = retention(90);
        stats(0, 1);
        when(auditLog.purgeOlderThan(Duration.ofDays(90))).thenReturn(12L);

        retention.handle(job());

        verify(auditLog).purgeOlderThan(Duration.ofDays(90));
        verify(auditLog).record(new AuditEvent(AuditRetention.PURGE_ACTION, Actor.SYSTEM, "audit_log", null,
                Map.of("count", 12L, "retention_days", 90)));
        JobOptions next = enqueuedOptions();
        assertThat(next.delay()).isEqualTo(AuditRetention.EVERY.plus(AuditRetention.JITTER));
        assertThat(next.maxAttempts()).isGreaterThan(1);
    }

    @Test
    void aRunRecordsEvenAnEmptyPurge() {
        stats(1, 0);
        AuditRetention retention = retention(365);
        when(auditLog.purgeOlderThan(any())).thenReturn(0L);

        retention.handle(job());

        verify(auditLog).record(new AuditEvent(AuditRetention.PURGE_ACTION, Actor.SYSTEM, "audit_log", null,
                Map.of("count", 0L, "retention_days", 365)));
    }

    @Test
    void aRunDoesNotEnqueueWhenTheNextRunIsAlreadyQueued() {
        stats(1, 0);
        AuditRetention retention = retention(365);

        retention.handle(job());

        verify(auditLog).purgeOlderThan(Duration.ofDays(365));
        verify(jobs, never()).enqueue(anyString(), anyString(), any());
    }

    @Test
    void keepingForeverPurgesNothingButKeepsTheChain() {
        stats(1, 0);
        AuditRetention retention = retention(0);
        stats(0, 1);

        retention.handle(job());

        verify(auditLog, never()).purgeOlderThan(any());
        verify(auditLog, never()).record(any(AuditEvent.class));
        assertThat(enqueuedOptions().delay()).isGreaterThanOrEqualTo(AuditRetention.EVERY);
    }

    @Test
    void negativeRetentionKeepsEverything() {
        stats(1, 0);
        AuditRetention retention = retention(-5);

        retention.handle(job());

        verify(auditLog, never()).purgeOlderThan(any());
    }

    @Test
    void aFailedPurgeFailsTheJobButTheNextRunIsAlreadyEnqueued() {
        stats(1, 0);
        AuditRetention retention = retention(365);
        stats(0, 1);
        when(auditLog.purgeOlderThan(any())).thenThrow(new IllegalStateException("Could not purge the audit log"));

        assertThatThrownBy(() -> retention.handle(job())).hasMessageContaining("Could not purge");

        verify(auditLog, never()).record(any(AuditEvent.class));
        assertThat(enqueuedOptions().delay()).isGreaterThanOrEqualTo(AuditRetention.EVERY);
    }
}
