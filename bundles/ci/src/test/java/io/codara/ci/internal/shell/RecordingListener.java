package io.codara.ci.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.codara.api.ci.spi.Conclusion;
import io.codara.api.ci.spi.JobListener;
import io.codara.api.ci.spi.JobResult;
import io.codara.api.ci.spi.LogChunk;
import io.codara.api.ci.spi.RunnerStep;
import io.codara.api.ci.spi.StepResult;

/** Records what a runner reports; decides {@code if} like GitHub's default {@code success()} unless told otherwise. */
public final class RecordingListener implements JobListener {

    /** What the gate was asked. */
    public record Question(int step, List<StepResult> finished, boolean cancelled) {
    }

    public final List<LogChunk> chunks = new ArrayList<>();
    public final List<String> events = new ArrayList<>();
    final List<Question> questions = new ArrayList<>();
    final CompletableFuture<JobResult> finished = new CompletableFuture<>();
    private final Predicate<Question> always;

    public RecordingListener() {
        this(question -> false);
    }

    /** {@code always}: steps that run whatever happened before (as {@code if: always()}). */
    public RecordingListener(Predicate<Question> always) {
        this.always = always;
    }

    @Override
    public synchronized boolean shouldRun(RunnerStep step, List<StepResult> finishedSteps, boolean cancelled) {
        Question question = new Question(step.index(), finishedSteps, cancelled);
        questions.add(question);
        if (always.test(question)) {
            return true;
        }
        return !cancelled && finishedSteps.stream().noneMatch(r -> r.conclusion() == Conclusion.FAILURE);
    }

    @Override
    public synchronized void stepStarted(RunnerStep step, Instant at) {
        events.add("started " + step.index());
    }

    @Override
    public synchronized void log(LogChunk chunk) {
        chunks.add(chunk);
    }

    @Override
    public synchronized void stepFinished(StepResult result) {
        events.add("finished " + result.index() + " " + result.conclusion());
    }

    @Override
    public synchronized void jobFinished(JobResult result) {
        events.add("job " + result.conclusion());
        finished.complete(result);
    }

    public JobResult await(Duration timeout) throws Exception {
        return finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The log of one step, without timestamps. */
    public synchronized String log(int step) {
        return chunks.stream().filter(c -> c.step() == step).map(LogChunk::text)
                .map(text -> text.replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z ", ""))
                .collect(Collectors.joining());
    }

    /** Every log line of the job, raw. */
    synchronized String allLogs() {
        return chunks.stream().map(LogChunk::text).collect(Collectors.joining());
    }
}
