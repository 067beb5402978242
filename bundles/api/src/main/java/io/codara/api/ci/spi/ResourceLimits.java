package io.codara.api.ci.spi;

/**
 * Limits a runner applies to each step's processes where the operating system allows (0 means no limit).
 *
 * @param cpuSeconds CPU time per process, in seconds
 * @param memoryBytes address space per process, in bytes
 * @param maxProcesses processes of the user running the step
 */
public record ResourceLimits(long cpuSeconds, long memoryBytes, int maxProcesses) {

    /** No limits. */
    public static final ResourceLimits NONE = new ResourceLimits(0, 0, 0);

    public ResourceLimits {
        if (cpuSeconds < 0 || memoryBytes < 0 || maxProcesses < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    /** These limits where set, else {@code fallback}'s, value by value. */
    public ResourceLimits orElse(ResourceLimits fallback) {
        return new ResourceLimits(cpuSeconds > 0 ? cpuSeconds : fallback.cpuSeconds,
                memoryBytes > 0 ? memoryBytes : fallback.memoryBytes,
                maxProcesses > 0 ? maxProcesses : fallback.maxProcesses);
    }
}
