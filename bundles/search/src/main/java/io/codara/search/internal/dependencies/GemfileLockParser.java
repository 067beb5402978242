package io.codara.search.internal.dependencies;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bundler's {@code Gemfile.lock} (and {@code gems.locked}): the gems locked under {@code specs:} of the GEM, GIT and
 * PATH sources, with their versions (platform suffixes such as {@code -x86_64-linux} dropped).
 */
final class GemfileLockParser implements ManifestParser {

    // Four spaces: a locked gem; six: one of its own requirements, which the lock lists again at four.
    private static final Pattern SPEC = Pattern.compile("^ {4}([^\\s(]+) \\(([^)]+)\\)\\s*$");

    @Override
    public boolean reads(String path) {
        String name = ManifestText.fileName(path);
        return name.equals("Gemfile.lock") || name.equals("gems.locked");
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        List<Dependency> result = new ArrayList<>();
        boolean inSpecs = false;
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.startsWith(" ")) {
                inSpecs = false;
                continue;
            }
            if (line.equals("  specs:")) {
                inSpecs = true;
                continue;
            }
            Matcher m = SPEC.matcher(line);
            if (inSpecs && m.matches()) {
                String version = m.group(2).replaceFirst("-(x86|x64|arm|aarch|universal|java|mingw|mswin|darwin|linux).*$", "");
                result.add(new Dependency("rubygems", m.group(1), version, version, null, path, i + 1));
            }
        }
        return result;
    }
}
