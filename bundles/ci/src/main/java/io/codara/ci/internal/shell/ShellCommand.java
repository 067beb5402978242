package io.codara.ci.internal.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A step's {@code shell}, resolved as GitHub Actions does on Linux: the named shells have fixed command lines, and any
 * other value is a template whose {@code {0}} is replaced by the script file.
 *
 * @param template the command line, with {@code {0}} where the script file goes
 * @param extension the script file's extension
 */
record ShellCommand(String template, String extension) {

    /** The shell used when a step names none (GitHub's default when bash is found). */
    static final ShellCommand DEFAULT = new ShellCommand("bash -e {0}", ".sh");

    /** Resolves a step's {@code shell} value; {@code null} or blank is the default. */
    static ShellCommand of(String shell) {
        if (shell == null || shell.isBlank()) {
            return DEFAULT;
        }
        return switch (shell.strip()) {
            case "bash" -> new ShellCommand("bash --noprofile --norc -eo pipefail {0}", ".sh");
            case "sh" -> new ShellCommand("sh -e {0}", ".sh");
            case "python" -> new ShellCommand("python3 {0}", ".py");
            case "pwsh" -> new ShellCommand("pwsh -command \". '{0}'\"", ".ps1");
            default -> {
                if (!shell.contains("{0}")) {
                    throw new IllegalArgumentException("shell '" + shell + "' is not one of bash, sh, python, pwsh,"
                            + " and as a custom command it must contain {0} where the script file goes");
                }
                yield new ShellCommand(shell.strip(), shell.strip().startsWith("python") ? ".py" : ".sh");
            }
        };
    }

    /** The command line for {@code scriptFile}, split into arguments (quotes group, as a shell would). */
    List<String> arguments(String scriptFile) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArgument = false;
        char quote = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inArgument = true;
            } else if (Character.isWhitespace(c)) {
                if (inArgument) {
                    arguments.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
            } else {
                current.append(c);
                inArgument = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("shell '" + template + "' has an unclosed quote");
        }
        if (inArgument) {
            arguments.add(current.toString());
        }
        arguments.replaceAll(argument -> argument.replace("{0}", scriptFile));
        return arguments;
    }
}
