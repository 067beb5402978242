package io.codara.ci.internal.docker;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of {@link DockerRunnerProvider}. */
@ObjectClassDefinition(name = "Codara Docker runner",
        description = "Runs CI jobs with runs-on: docker:<image> in containers of a Docker engine (or podman's"
                + " Docker-compatible service), with their services: containers on a network of the job")
@interface DockerRunnerConfig {

    @AttributeDefinition(description = "The runner's name, shown with its jobs; empty: docker@<host name>")
    String name() default "";

    @AttributeDefinition(description = "The Docker Engine API: unix:///path/to/socket or tcp://host:port; empty:"
            + " $DOCKER_HOST, else unix:///var/run/docker.sock")
    String engine() default "";

    @AttributeDefinition(description = "Labels a job's runs-on may ask for besides its docker:<image> label (and"
            + " linux and the architecture, always offered)")
    String[] labels() default {"docker", "self-hosted"};

    @AttributeDefinition(description = "Jobs this runner runs at the same time")
    int max_concurrent_jobs() default 2;

    @AttributeDefinition(description = "if-not-present: pull an image the engine lacks; never: only use images"
            + " already on the engine (jobs asking for another fail)",
            options = {@Option(label = "if-not-present", value = "if-not-present"),
                @Option(label = "never", value = "never")})
    String pull_policy() default "if-not-present";

    @AttributeDefinition(description = "job: a bridge network per job, where service containers are reached by"
            + " their names; else the name of an existing network for the job's containers (host, bridge, ...)")
    String network() default "job";

    @AttributeDefinition(description = "Seconds between looks whether the engine answers (/_ping); until it does,"
            + " the runner takes no jobs")
    int recheck_seconds() default 30;

    @AttributeDefinition(description = "Where job workspaces are made, one directory per job id, mounted into the"
            + " containers at the same path (the engine must see this path: with a remote engine, a shared file"
            + " system); empty: <codara.root>/mnt/runners/jobs")
    String workspace_root() default "";

    @AttributeDefinition(description = "Seconds a call to the engine may take (pulls: pull_timeout_seconds)")
    int call_timeout_seconds() default 60;

    @AttributeDefinition(description = "Seconds an image pull may take")
    int pull_timeout_seconds() default 900;

    @AttributeDefinition(description = "Most bytes of one step's log; later output is dropped with a notice")
    long max_log_bytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Seconds between SIGTERM and SIGKILL when a step is stopped")
    int kill_grace_seconds() default 5;

    @AttributeDefinition(description = "PATH of every step inside the container (the steps' $GITHUB_PATH entries go"
            + " in front)")
    String path() default "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @AttributeDefinition(description = "Commits fetched for the checkout, as actions/checkout's fetch-depth"
            + " (0: the whole history)")
    int fetch_depth() default 1;

    @AttributeDefinition(description = "Keep a job's workspace and containers after it ends (for debugging)")
    boolean keep_workspace() default false;
}
