package io.codara.storage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the job worker (PID {@code io.codara.jobs}). */
@ObjectClassDefinition(name = "Codara job worker", description = "Runs the jobs of every queue that has a JobHandler.")
public @interface JobWorkerConfig {

    @AttributeDefinition(name = "Poll interval (ms)", description = "Pause between polls of an idle queue.", min = "10")
    long poll_interval_ms() default 500;

    @AttributeDefinition(name = "Visibility timeout (s)", description = "How long a claimed job stays invisible to "
            + "other workers; a job not finished by then is run again.", min = "1")
    long visibility_seconds() default 300;

    @AttributeDefinition(name = "Threads", description = "Worker threads shared by all queues.", min = "1")
    int threads() default 2;

    @AttributeDefinition(name = "Completed job retention (hours)", description = "Completed jobs older than this "
            + "are deleted; dead letters are kept.", min = "0")
    long completed_retention_hours() default 168;
}
