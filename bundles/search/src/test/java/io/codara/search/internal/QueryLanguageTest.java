package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

import io.codara.api.rest.ApiException;

/** The pieces of the query language: identifier tokens, the parser, the regular expression prefilter. */
class QueryLanguageTest {

    private static List<String> tokens(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (CodeAnalyzer analyzer = new CodeAnalyzer(); TokenStream ts = analyzer.tokenStream("content", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term + "+" + inc.getPositionIncrement());
            }
            ts.end();
        }
        return out;
    }

    @Test
    void identifiersAreTokenizedWholeAndByTheirParts() throws IOException {
        assertThat(tokens("parseHTTPDate(x_1);")).containsExactly("parsehttpdate+1", "parse+0", "http+1", "date+1",
                "x_1+2", "x+0", "1+1");
        assertThat(tokens("MAX_YEAR = base64Encode")).containsExactly("max_year+1", "max+0", "year+1",
                "base64encode+2", "base64+0", "encode+1");
        assertThat(tokens("__init__ $scope plain")).containsExactly("__init__+1", "init+0", "$scope+2", "scope+0",
                "plain+2");
        assertThat(tokens("\"" + "a".repeat(200) + "\" ok")).containsExactly("ok+1");
        assertThat(Identifiers.parts("XMLHttpRequest")).containsExactly("xml", "http", "request");
    }

    @Test
    void theParserReadsTermsPhrasesRegexesFiltersAndNegations() {
        CodeQuery q = CodeQuery.parse("parseDate \"out of range\" /a\\/b c/ -legacy NOT std::vector "
                + "repo:acme/time org:acme lang:Go path:\"src/main dir\" -path:test branch:main symbol:Parser case:yes");
        assertThat(q.clauses).extracting(c -> c.kind() + ":" + c.text() + (c.negated() ? ":not" : "")).containsExactly(
                "TERM:parseDate", "LITERAL:out of range", "REGEX:a/b c", "TERM:legacy:not", "LITERAL:std::vector:not");
        assertThat(q.values("repo", false)).containsExactly("acme/time");
        assertThat(q.values("org", false)).containsExactly("acme");
        assertThat(q.values("lang", false)).containsExactly("Go");
        assertThat(q.values("path", false)).containsExactly("src/main dir");
        assertThat(q.values("path", true)).containsExactly("test");
        assertThat(q.values("branch", false)).containsExactly("main");
        assertThat(q.values("symbol", false)).containsExactly("Parser");
        assertThat(q.caseSensitive).isTrue();
        assertThat(q.needsVerification()).isTrue();
        assertThat(CodeQuery.parse("plain words only").needsVerification()).isFalse();
        assertThat(CodeQuery.parse("symbol:parseDate").clauses).isEmpty();
        assertThat(CodeQuery.parse("language:java file:*.java user:octo x").values("lang", false)).containsExactly("java");
    }

    @Test
    void invalidQueriesFailWithA422ThatSaysWhy() {
        assertThatThrownBy(() -> CodeQuery.parse("/(unclosed/")).isInstanceOf(ApiException.class)
                .hasMessageStartingWith("Invalid regular expression /(unclosed/: Unclosed group");
        assertThatThrownBy(() -> CodeQuery.parse("/no end")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> CodeQuery.parse("x".repeat(1001))).hasMessageContaining("longer than 1000");
        assertThatThrownBy(() -> CodeQuery.parse("-only -excluded")).hasMessageContaining("at least one");
        assertThatThrownBy(() -> CodeQuery.parse("path: x")).hasMessageContaining("path: needs a value");
    }

    private static String need(String regex) {
        return RegexPrefilter.analyse(regex).toString();
    }

    @Test
    void theRegexPrefilterRequiresOnlyWhatEveryMatchContains() {
        assertThat(need("func \\w+\\(s string\\)")).isEqualTo("All[needs=[Literal[text=func ], Literal[text=(s string)]]]");
        assertThat(need("def (parse|write)_(date|row)")).isEqualTo("All[needs=[Literal[text=def ], OneOf[needs=["
                + "Literal[text=parse], Literal[text=write]]], Literal[text=_], OneOf[needs=[Literal[text=date], Literal[text=row]]]]]");
        assertThat(need("ab(cd)ef")).isEqualTo("Literal[text=abcdef]");
        assertThat(need("colou?r")).isEqualTo("All[needs=[Literal[text=colo], Literal[text=r]]]");
        assertThat(need("(optional)?tail")).isEqualTo("Literal[text=tail]");
        assertThat(need("x+yz")).isEqualTo("All[needs=[Literal[text=x], Literal[text=yz]]]");
        assertThat(need("\\Qa.b(c\\E")).isEqualTo("Literal[text=a.b(c]");
        assertThat(need("foo|.*")).isEqualTo("Anything[]");
        assertThat(need("[a-z]+\\d{2,}")).isEqualTo("Anything[]");
        assertThat(need("(?i)Hello(?=World)")).isEqualTo("Literal[text=Hello]");
        assertThat(need("(?x) a b c # comment")).isEqualTo("Anything[]");
        assertThat(need("a{0,3}bcd{1}e")).isEqualTo("Literal[text=bcde]");
        assertThat(RegexPrefilter.query(RegexPrefilter.analyse("ab|cd"), "t")).isNull();
        assertThat(RegexPrefilter.query(RegexPrefilter.analyse("ListenAndServe"), "t").toString())
                .contains("#t:lis").contains("#t:rve").doesNotContain("ListenAndServe");
        // Every trigram of a literal counts (each one left out lets more files through to be read and checked),
        // up to MAX_TRIGRAMS evenly spread for a very long one.
        String skipList = RegexPrefilter.query(RegexPrefilter.analyse("ConcurrentSkipListSet"), "t").toString();
        for (String trigram : Trigrams.ofLiteral("ConcurrentSkipListSet")) {
            assertThat(skipList).contains("#t:" + trigram);
        }
        String longLiteral = "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs";
        assertThat(Trigrams.ofLiteral(longLiteral)).hasSizeGreaterThan(RegexPrefilter.MAX_TRIGRAMS);
        assertThat(RegexPrefilter.query(RegexPrefilter.analyse(longLiteral), "t").toString().split("#t:"))
                .hasSizeBetween(RegexPrefilter.MAX_TRIGRAMS / 2, RegexPrefilter.MAX_TRIGRAMS + 1);
    }
}
