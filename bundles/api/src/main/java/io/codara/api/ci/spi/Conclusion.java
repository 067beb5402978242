package io.codara.api.ci.spi;

/** How a step or job ended, with GitHub's names ({@link #apiName()}). */
public enum Conclusion {
    SUCCESS, FAILURE, CANCELLED, SKIPPED;

    /** GitHub's lower-case name, as in {@code steps[].conclusion}. */
    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
