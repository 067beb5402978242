package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

/**
 * Literals are found without java.util.regex, yet exactly where their quoted pattern finds them: same starts and
 * ends, same case folding (Kelvin sign, long s, dotted and dotless i), successive matches not overlapping.
 */
class LineMatcherTest {

    private static final long NO_DEADLINE = System.nanoTime() + 60_000_000_000L;

    @Test
    void aLiteralIsFoundWhereItsQuotedPatternFindsIt() {
        String text = "Map<String, Integer> m = new ConcurrentHashMap<>();\nreturn null; // RETURN NULL;\n"
                + "\u212Aelvin kelvin KELVIN \u017Ftatic static STATIC \u0130f if IF \u0131f\naaaaa";
        for (String literal : List.of("ConcurrentHashMap<>", "return null;", "kelvin", "Static", "if", "IF", "aa",
                "aaa", "\u212A", "\u017F", "n;", "\n", "missing", "A")) {
            for (boolean sensitive : List.of(false, true)) {
                assertSameAsPattern("\"" + literal.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                        + (sensitive ? " case:yes" : ""), text);
            }
        }
    }

    @Test
    void randomLiteralsOverRandomTextsAgreeWithThePattern() {
        Random random = new Random(5);
        String alphabet = "aAbBkK\u212AsS\u017Fi\u0130\u0131I \n;<>.";
        for (int round = 0; round < 2000; round++) {
            String text = random(random, alphabet, random.nextInt(60));
            String literal = random(random, alphabet.replace("\n", "").replace(" ", ""), 1 + random.nextInt(3));
            assertSameAsPattern("\"" + literal + "\"" + (random.nextBoolean() ? " case:yes" : ""), text);
        }
    }

    @Test
    void aLiteralPastTheDeadlineTimesOut() {
        CodeQuery query = CodeQuery.parse("\"return null;\"");
        LineMatcher late = new LineMatcher(query, System.nanoTime() - 1);
        assertThatThrownBy(() -> late.matches("return null;")).isInstanceOf(LineMatcher.Timeout.class);
    }

    private static void assertSameAsPattern(String query, String text) {
        CodeQuery parsed = CodeQuery.parse(query);
        CodeQuery.Clause clause = parsed.clauses.get(0);
        assertThat(clause.kind()).isEqualTo(CodeQuery.Kind.LITERAL);
        List<int[]> expected = new ArrayList<>();
        Matcher m = clause.pattern().matcher(text);
        while (expected.size() < 50 && m.find()) {
            expected.add(new int[] {m.start(), m.end()});
        }
        List<int[]> found = new LineMatcher(parsed, NO_DEADLINE).ranges(clause, text, 50);
        assertThat(found).as("%s in %s", query, text).usingElementComparator((a, b) -> a[0] == b[0] && a[1] == b[1] ? 0 : 1)
                .containsExactlyElementsOf(expected);
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
