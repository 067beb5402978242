package io.codara.search.internal.stacktrace;

import java.util.ArrayList;
import java.util.List;

/** A trace while a reader collects it: its header, its frames and the versions its frames' jars name. */
final class PartialTrace {

    final String language;
    String exception;
    String message;
    final List<StackFrame> frames = new ArrayList<>();
    final List<String> versions = new ArrayList<>();

    PartialTrace(String language) {
        this.language = language;
    }

    PartialTrace(String language, ExceptionHeader header) {
        this(language);
        if (header != null) {
            exception = header.type();
            message = header.message();
        }
    }

    void add(FrameLines.Parsed parsed) {
        frames.add(parsed.frame());
        if (parsed.version() != null && !parsed.frame().library()) {
            versions.add(parsed.version()); // a library jar's version says nothing about the application's commit
        }
    }

    void appendMessage(String line) {
        message = message == null ? line : message + "\n" + line;
    }

    StackTrace toStackTrace(List<String> textRevisions, List<String> textVersions) {
        List<String> revisions = new ArrayList<>(textRevisions);
        for (String version : versions) {
            if (!revisions.contains(version)) {
                revisions.add(version);
            }
        }
        for (String version : textVersions) {
            if (!revisions.contains(version)) {
                revisions.add(version);
            }
        }
        return new StackTrace(language, exception, message, List.copyOf(frames), List.copyOf(revisions));
    }
}
