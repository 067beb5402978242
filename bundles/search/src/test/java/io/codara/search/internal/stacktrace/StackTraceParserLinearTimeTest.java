package io.codara.search.internal.stacktrace;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile and large input: every case is about 1 MB and must parse in under two seconds of this thread's CPU time
 * (CPU time, so that a machine busy with other work does not fail the test; catastrophic backtracking or rescanning
 * would take minutes).
 */
class StackTraceParserLinearTimeTest {

    private static final int MEGABYTE = 1 << 20;
    private static final long LIMIT_NANOS = 2_000_000_000L;

    private final StackTraceParser parser = new StackTraceParser();

    @Test
    void randomText() {
        Random random = new Random(7);
        String alphabet = "abcdefxyzATat (){}[]:.,/\\\"'@$<>-_+*#0123456789 \t\n\u001B";
        StringBuilder text = new StringBuilder(MEGABYTE);
        while (text.length() < MEGABYTE) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        timed(text.toString());
    }

    @Test
    void oneLineOfAMegabyte() {
        timed("\tat com.acme.A.b(".repeat(MEGABYTE / 17));
        timed("x".repeat(MEGABYTE));
    }

    @Test
    void longLinesThatAlmostMatch() {
        String[] lines = {
            "at at at at at at (".repeat(200),
            "\tat " + "a.".repeat(2000) + "b(",
            "    at fn (" + ":1".repeat(2000),
            "    at " + "(".repeat(2000) + ")".repeat(1000),
            "File \"".repeat(600),
            "   at X.Y() in " + "C:\\a:line ".repeat(400),
            "commit " + "abc1234 ".repeat(500),
            "a@1.2.3@".repeat(500),
            "version version version 1.2 ".repeat(140),
            "x Error: ".repeat(450),
            "name@http://h/" + "a:1:".repeat(900),
        };
        for (String line : lines) {
            timed((line + "\n").repeat(MEGABYTE / (line.length() + 1)));
        }
    }

    @Test
    void manyStructuresThatNeverComplete() {
        timed("Traceback (most recent call last):\n".repeat(MEGABYTE / 35));
        timed("goroutine 1 [running]:\n".repeat(MEGABYTE / 23));
        timed("Caused by: java.lang.X: y\n".repeat(MEGABYTE / 26));
        timed(" ---> System.X: y\n".repeat(MEGABYTE / 18));
        timed("2024-03-05T10:15:30.123Z stderr F [main] ERROR \n".repeat(MEGABYTE / 48));
    }

    @Test
    void aMegabyteOfRealTracesIsReadCompletely() {
        String trace = """
                2024-03-05 10:15:30.123 ERROR 1 --- [main] c.a.App : failed
                java.lang.IllegalStateException: boom
                \tat com.acme.App.run(App.java:12)
                \tat java.base/java.lang.Thread.run(Thread.java:1583)
                Caused by: java.io.IOException: disk
                \tat com.acme.Disk.read(Disk.java:3)
                \t... 1 more
                Traceback (most recent call last):
                  File "/app/main.py", line 5, in run
                    1 / 0
                ZeroDivisionError: division by zero
                """;
        int copies = MEGABYTE / trace.length();
        List<StackTrace> traces = timed(trace.repeat(copies));
        assertThat(traces).hasSize(copies * 3);
    }

    private List<StackTrace> timed(String text) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        long start = cpuTime ? threads.getCurrentThreadCpuTime() : System.nanoTime();
        List<StackTrace> traces = parser.parse(text);
        long elapsed = (cpuTime ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start;
        assertThat(elapsed).as("parsing %d characters took %d ms", text.length(), elapsed / 1_000_000)
                .isLessThan(LIMIT_NANOS);
        return traces;
    }
}
