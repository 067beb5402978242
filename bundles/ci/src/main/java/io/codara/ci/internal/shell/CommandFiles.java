package io.codara.ci.internal.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the files a step writes to talk to the runner, in GitHub's formats: {@code $GITHUB_OUTPUT} and
 * {@code $GITHUB_ENV} hold {@code name=value} lines and {@code name<<DELIMITER} ... {@code DELIMITER} blocks for
 * multi-line values; {@code $GITHUB_PATH} holds one directory per line.
 */
final class CommandFiles {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private CommandFiles() {
    }

    /** The name/value pairs of an output or env file, in order (a later one wins). */
    static Map<String, String> readPairs(Path file) throws IOException {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return pairs;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            int heredoc = line.indexOf("<<");
            if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
                String name = name(line.substring(0, heredoc), file, i);
                String delimiter = line.substring(heredoc + 2);
                if (delimiter.isEmpty()) {
                    throw new IOException(file.getFileName() + " line " + (i + 1) + ": empty delimiter after <<");
                }
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (j < lines.size() && !lines.get(j).equals(delimiter)) {
                    if (j > i + 1) {
                        value.append('\n');
                    }
                    value.append(lines.get(j));
                    j++;
                }
                if (j == lines.size()) {
                    throw new IOException(file.getFileName() + " line " + (i + 1) + ": no line '" + delimiter
                            + "' ends the value of " + name);
                }
                pairs.put(name, value.toString());
                i = j;
            } else if (equals > 0) {
                pairs.put(name(line.substring(0, equals), file, i), line.substring(equals + 1));
            } else {
                throw new IOException(file.getFileName() + " line " + (i + 1) + ": expected name=value or"
                        + " name<<DELIMITER, found '" + line + "'");
            }
        }
        return pairs;
    }

    /** The directories of a path file, in order. */
    static List<String> readPath(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
    }

    private static String name(String raw, Path file, int line) throws IOException {
        String name = raw.strip();
        if (!NAME.matcher(name).matches()) {
            throw new IOException(file.getFileName() + " line " + (line + 1) + ": '" + name + "' is not a valid name");
        }
        return name;
    }
}
