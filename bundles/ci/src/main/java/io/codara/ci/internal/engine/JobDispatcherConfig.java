package io.codara.ci.internal.engine;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link JobDispatcher}. */
@ObjectClassDefinition(name = "Codara CI job dispatcher",
        description = "Hands queued CI jobs to this node's runners and keeps their leases while they run")
@interface JobDispatcherConfig {

    @AttributeDefinition(description = "Milliseconds between looks at the job queue")
    long poll_interval_ms() default 500;

    @AttributeDefinition(description = "Seconds a running job's lease lasts without renewal: after that, another node"
            + " takes the job over (renewed at every look)")
    int lease_seconds() default 30;

    @AttributeDefinition(description = "Seconds a job with runs-on: docker:<image> waits in the queue while no node has"
            + " a runner with a reachable Docker engine; then it fails with a message saying so")
    int docker_wait_seconds() default 600;
}
