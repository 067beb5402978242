package io.codara.ci.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsPairsAndHeredocsInOrderALaterValueWinning() throws Exception {
        Path file = Files.writeString(dir.resolve("out"), "a=1\n\nb=x=y\nc<<EOF\nline 1\n\nline 3\nEOF\na=2\nd=\n"
                + "e<<ghadelimiter_1\nk=v\nghadelimiter_1\n");
        assertThat(CommandFiles.readPairs(file)).containsExactly(java.util.Map.entry("a", "2"),
                java.util.Map.entry("b", "x=y"), java.util.Map.entry("c", "line 1\n\nline 3"),
                java.util.Map.entry("d", ""), java.util.Map.entry("e", "k=v"));
        assertThat(CommandFiles.readPairs(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void rejectsMalformedLinesWithTheLineNumber() throws Exception {
        Path noDelimiter = Files.writeString(dir.resolve("a"), "ok=1\nv<<END\nnever ended\n");
        assertThatThrownBy(() -> CommandFiles.readPairs(noDelimiter)).hasMessage("a line 2: no line 'END' ends the"
                + " value of v");
        Path noEquals = Files.writeString(dir.resolve("b"), "just text\n");
        assertThatThrownBy(() -> CommandFiles.readPairs(noEquals)).hasMessageContaining("b line 1: expected");
        Path badName = Files.writeString(dir.resolve("c"), "bad name=1\n");
        assertThatThrownBy(() -> CommandFiles.readPairs(badName)).hasMessageContaining("'bad name' is not a valid");
    }

    @Test
    void readsPathEntries() throws Exception {
        Path file = Files.writeString(dir.resolve("path"), "/opt/a\n\n  /opt/b  \n");
        assertThat(CommandFiles.readPath(file)).containsExactly("/opt/a", "/opt/b");
    }
}
