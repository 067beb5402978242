package io.codara.git.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a smart-HTTP git request names: {@code /{owner}/{name}.git} and one of git's three endpoints (the ref
 * advertisement {@code GET info/refs?service=...}, {@code POST git-upload-pack}, {@code POST git-receive-pack}).
 * Anything else, including every encoding trick, is not a git request: the raw and the decoded path must both be
 * plain ASCII of the allowed shape, so that what was checked is what is looked up.
 *
 * @param owner the owner's login as requested (any case)
 * @param name the repository's name as requested, without {@code .git}
 * @param service the git service asked for
 * @param advertisement whether this is the ref advertisement ({@code GET info/refs}) rather than the service call
 */
record GitHttpPath(String owner, String name, GitService service, boolean advertisement) {

    private static final Pattern PATH = Pattern.compile("^/([A-Za-z0-9-]{1,39})/([A-Za-z0-9._-]{1,100})\\.git(/.*)?$");

    /**
     * The git request that {@code method} on this path asks for, or empty when it is none.
     *
     * @param rawPath the path as sent, still percent-encoded, without the context path
     * @param decodedPath the path as the container decoded it (servlet path plus path info)
     * @param service the {@code service} query parameter of the ref advertisement, or {@code null}
     */
    static Optional<GitHttpPath> parse(String method, String rawPath, String decodedPath, String service) {
        if (rawPath == null || !rawPath.equals(decodedPath)) {
            // Whatever was percent-encoded, or normalised away by the container, is not a plain git URL.
            return Optional.empty();
        }
        Matcher m = PATH.matcher(rawPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        String owner = m.group(1);
        String name = m.group(2);
        if (!validName(name)) {
            return Optional.empty();
        }
        String endpoint = m.group(3) == null ? "" : m.group(3);
        if ("GET".equals(method) && "/info/refs".equals(endpoint)) {
            return GitService.named(service).map(s -> new GitHttpPath(owner, name, s, true));
        }
        if ("POST".equals(method) && endpoint.startsWith("/")) {
            return GitService.named(endpoint.substring(1)).map(s -> new GitHttpPath(owner, name, s, false));
        }
        return Optional.empty();
    }

    /** Names a repository could have: no {@code .git} of their own, no run of dots. */
    static boolean validName(String name) {
        return !name.toLowerCase(java.util.Locale.ROOT).endsWith(".git") && !name.contains("..") && !name.equals(".");
    }

    /** {@code owner/name} as requested. */
    String fullName() {
        return owner + "/" + name;
    }
}
