package io.codara.ci.internal.shell;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of {@link ShellRunnerProvider}. */
@ObjectClassDefinition(name = "Codara shell runner",
        description = "The built-in runner that runs CI jobs as local processes, each in its own workspace")
@interface ShellRunnerConfig {

    @AttributeDefinition(description = "The runner's name, shown with its jobs; empty: shell@<host name>")
    String name() default "";

    @AttributeDefinition(description = "Labels this runner offers to runs-on, besides linux and its architecture"
            + " (x64, arm64)")
    String[] labels() default {"shell", "self-hosted"};

    @AttributeDefinition(description = "Where job workspaces are made, one directory per job id; empty: "
            + "<codara.root>/mnt/runners/jobs")
    String workspace_root() default "";

    @AttributeDefinition(description = "auto: use bubblewrap when it can create namespaces, else run unsandboxed with"
            + " a warning; bwrap: always (jobs fail when it cannot); none: never",
            options = {@Option(label = "auto", value = "auto"), @Option(label = "bwrap", value = "bwrap"),
                @Option(label = "none", value = "none")})
    String sandbox() default "auto";

    @AttributeDefinition(description = "Whether sandboxed steps keep network access (builds fetch dependencies)")
    boolean sandbox_network() default true;

    @AttributeDefinition(description = "Host paths bound read-only into the sandbox (missing ones are skipped)")
    String[] sandbox_read_only() default {"/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/etc", "/opt"};

    @AttributeDefinition(description = "CPU seconds per step process (prlimit --cpu), 0: none; a job's own limit"
            + " wins")
    long cpu_seconds() default 0;

    @AttributeDefinition(description = "Address space per step process in bytes (prlimit --as), 0: none")
    long memory_bytes() default 0;

    @AttributeDefinition(description = "Processes of the runner's user (prlimit --nproc; not enforced for root),"
            + " 0: none")
    int max_processes() default 0;

    @AttributeDefinition(description = "Jobs this runner runs at the same time")
    int max_concurrent_jobs() default 2;

    @AttributeDefinition(description = "Most bytes of one step's log; later output is dropped with a notice")
    long max_log_bytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Seconds between SIGTERM and SIGKILL when a step is stopped")
    int kill_grace_seconds() default 5;

    @AttributeDefinition(description = "PATH of every step (the steps' $GITHUB_PATH entries go in front)")
    String path() default "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @AttributeDefinition(description = "Commits fetched for the checkout, as actions/checkout's fetch-depth"
            + " (0: the whole history)")
    int fetch_depth() default 1;

    @AttributeDefinition(description = "Keep a job's workspace after it ends (for debugging); else it is deleted")
    boolean keep_workspace() default false;
}
