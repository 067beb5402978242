package io.codara.ci.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ShellCommandTest {

    @Test
    void namedShellsUseGitHubsCommandLines() {
        assertThat(ShellCommand.of(null).arguments("/w/s.sh")).containsExactly("bash", "-e", "/w/s.sh");
        assertThat(ShellCommand.of("bash").arguments("/w/s.sh"))
                .containsExactly("bash", "--noprofile", "--norc", "-eo", "pipefail", "/w/s.sh");
        assertThat(ShellCommand.of("sh").arguments("/w/s.sh")).containsExactly("sh", "-e", "/w/s.sh");
        assertThat(ShellCommand.of("python").arguments("/w/s.py")).containsExactly("python3", "/w/s.py");
        assertThat(ShellCommand.of("python").extension()).isEqualTo(".py");
        assertThat(ShellCommand.of("pwsh").arguments("/w/s.ps1")).containsExactly("pwsh", "-command", ". '/w/s.ps1'");
    }

    @Test
    void customTemplatesNeedThePlaceholderAndKeepQuotedArguments() {
        assertThat(ShellCommand.of("perl {0}").arguments("/w/s.sh")).containsExactly("perl", "/w/s.sh");
        assertThat(ShellCommand.of("bash -c 'source \"{0}\"'").arguments("/w/s.sh"))
                .containsExactly("bash", "-c", "source \"/w/s.sh\"");
        assertThatThrownBy(() -> ShellCommand.of("fish")).hasMessageContaining("must contain {0}");
        assertThatThrownBy(() -> ShellCommand.of("bash '{0}").arguments("x")).hasMessageContaining("unclosed quote");
        assertThat(ShellCommand.of("python3 -u {0}").arguments("s")).isEqualTo(List.of("python3", "-u", "s"));
    }
}
