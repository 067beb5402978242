package io.codara.review.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Where review comments sit in a file's patch (GitHub's {@code patch} of {@code GET /pulls/{n}/files}): the lines
 * of each side that the diff shows, GitHub's {@code position} (lines down from the first hunk header) and
 * {@code diff_hunk} (the hunk up to the commented line); and how a commented line range moves from one version of a
 * file to the next.
 */
final class ReviewDiff {

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@.*");

    /** One line of a patch: its kind ({@code @}, {@code ' '}, {@code +}, {@code -}), old and new line numbers. */
    record Line(char kind, int oldLine, int newLine, int position, int hunkStart) {
    }

    /** Where a comment is anchored: its position in the patch and the hunk up to its line. */
    record Anchor(int position, String diffHunk) {
    }

    private final List<String> text;
    private final List<Line> lines;

    private ReviewDiff(List<String> text, List<Line> lines) {
        this.text = text;
        this.lines = lines;
    }

    /** The lines of a file's patch; an empty diff for {@code null} (a binary or too large file). */
    static ReviewDiff of(String patch) {
        List<String> text = patch == null || patch.isEmpty() ? List.of() : List.of(patch.split("\n", -1));
        List<Line> lines = new ArrayList<>();
        int oldLine = 0;
        int newLine = 0;
        int hunkStart = 0;
        for (int i = 0; i < text.size(); i++) {
            String l = text.get(i);
            Matcher m = HUNK.matcher(l);
            if (m.matches()) {
                oldLine = Integer.parseInt(m.group(1));
                newLine = Integer.parseInt(m.group(2));
                hunkStart = i;
                lines.add(new Line('@', 0, 0, i, hunkStart));
            } else if (l.startsWith("+")) {
                lines.add(new Line('+', 0, newLine++, i, hunkStart));
            } else if (l.startsWith("-")) {
                lines.add(new Line('-', oldLine++, 0, i, hunkStart));
            } else if (l.startsWith(" ")) {
                lines.add(new Line(' ', oldLine++, newLine++, i, hunkStart));
            } else {
                // "\ No newline at end of file" and the like: no line of either side.
                lines.add(new Line('\\', 0, 0, i, hunkStart));
            }
        }
        return new ReviewDiff(text, lines);
    }

    /** Whether line {@code line} of {@code side} ({@code LEFT}: before, {@code RIGHT}: after) is in the diff. */
    boolean shows(String side, int line) {
        return find(side, line).isPresent();
    }

    /** The position and hunk of line {@code line} of {@code side}, when the diff shows it. */
    Optional<Anchor> anchor(String side, int line) {
        return find(side, line).map(l -> new Anchor(l.position(),
                String.join("\n", text.subList(l.hunkStart(), l.position() + 1))));
    }

    /** The line at GitHub's {@code position} (lines down from the first hunk header), when the patch has one. */
    Optional<Line> at(int position) {
        return position >= 1 && position < lines.size() ? Optional.of(lines.get(position)) : Optional.empty();
    }

    private Optional<Line> find(String side, int line) {
        boolean left = "LEFT".equals(side);
        for (Line l : lines) {
            if (left ? (l.kind() == '-' || l.kind() == ' ') && l.oldLine() == line
                    : (l.kind() == '+' || l.kind() == ' ') && l.newLine() == line) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * Where lines {@code start..end} (1-based, inclusive) of {@code before} are in {@code after}, or empty when any
     * of them changed (GitHub then marks the comment outdated).
     */
    static Optional<int[]> follow(String before, String after, int start, int end) {
        RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        int from = start - 1;  // 0-based, inclusive
        int to = end;          // 0-based, exclusive
        int shift = 0;
        for (Edit edit : edits) {
            boolean overlaps = edit.getBeginA() < to && edit.getEndA() > from;
            boolean insertedInside = edit.getBeginA() == edit.getEndA() && edit.getBeginA() > from
                    && edit.getBeginA() < to;
            if (overlaps || insertedInside) {
                return Optional.empty();
            }
            if (edit.getEndA() <= from) {
                shift += edit.getLengthB() - edit.getLengthA();
            }
        }
        return Optional.of(new int[] {start + shift, end + shift});
    }

    private static final Pattern SUGGESTION = Pattern.compile("^```suggestion[^\\n]*\\n(.*?)^```",
            Pattern.MULTILINE | Pattern.DOTALL);

    /** The replacement text of the first {@code ```suggestion} block of a comment body (each line ends with a newline). */
    static Optional<String> suggestion(String body) {
        Matcher m = SUGGESTION.matcher(body.replace("\r\n", "\n"));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * {@code text} with lines {@code start..end} (1-based, inclusive) replaced by {@code replacement} (lines ending
     * with a newline).
     */
    static String replace(String text, int start, int end, String replacement) {
        List<String> lines = new ArrayList<>(List.of(text.split("(?<=\n)", -1)));
        lines.removeIf(String::isEmpty);
        if (start < 1 || end > lines.size() || start > end) {
            throw new IllegalArgumentException("lines " + start + ".." + end + " are not in a file of " + lines.size()
                    + " lines");
        }
        boolean lastHadNewline = lines.get(end - 1).endsWith("\n");
        String insert = replacement;
        if (!lastHadNewline && insert.endsWith("\n")) {
            insert = insert.substring(0, insert.length() - 1);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < start - 1; i++) {
            out.append(lines.get(i));
        }
        out.append(insert);
        for (int i = end; i < lines.size(); i++) {
            out.append(lines.get(i));
        }
        return out.toString();
    }
}
