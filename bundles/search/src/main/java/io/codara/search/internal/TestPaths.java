package io.codara.search.internal;

import java.util.regex.Pattern;

/**
 * Whether a path holds tests, by the conventions of the common build tools and test runners (JUnit's
 * {@code src/test/}, Go's {@code _test.go}, pytest's {@code test_*.py}, Jest's {@code .test.ts}, RSpec's
 * {@code _spec.rb}...): such files rank below the code they test.
 */
final class TestPaths {

    private static final Pattern DIRECTORY = Pattern.compile(
            "(^|/)(tests?|__tests__|specs?|testdata|test_data|testing|fixtures|src/(test|it|integrationTest|androidTest))/",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE = Pattern.compile("(^|/)([^/]*(Tests?|IT|Spec)\\.(java|kt|scala|groovy|cs)"
            + "|[^/]*_test\\.(go|py|rb|exs|cc|cpp|c|rs)|test_[^/]*\\.py|[^/]*\\.(test|spec)\\.[cm]?[jt]sx?|[^/]*_spec\\.rb)$");

    private TestPaths() {
    }

    static boolean isTest(String path) {
        return DIRECTORY.matcher(path).find() || FILE.matcher(path).find();
    }
}
