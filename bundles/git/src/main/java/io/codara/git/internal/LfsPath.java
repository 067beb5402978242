package io.codara.git.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Git LFS request names: {@code /{owner}/{name}.git/info/lfs/} and one of the LFS endpoints Codara serves
 * (the batch API, an object's content, the verify callback and the locking API). As with {@link GitHttpPath}, the
 * raw and the decoded path must both be plain ASCII of the allowed shape, so that what was checked is what is looked
 * up; an oid is exactly 64 lower-case hex digits and a lock id a positive decimal number.
 *
 * @param owner the owner's login as requested (any case)
 * @param name the repository's name as requested, without {@code .git}
 * @param endpoint what is asked for
 * @param oid the object of {@link Endpoint#OBJECT}, otherwise {@code null}
 * @param lockId the lock of {@link Endpoint#UNLOCK}, otherwise {@code 0}
 */
record LfsPath(String owner, String name, Endpoint endpoint, String oid, long lockId) {

    /** The LFS endpoints, each with its one method. */
    enum Endpoint {
        /** {@code POST objects/batch}. */
        BATCH,
        /** {@code GET} (download) or {@code PUT} (upload) {@code objects/{oid}}. */
        OBJECT,
        /** {@code POST objects/verify}: the basic adapter's verify action. */
        VERIFY,
        /** {@code GET locks} (list) or {@code POST locks} (create). */
        LOCKS,
        /** {@code POST locks/verify}. */
        LOCKS_VERIFY,
        /** {@code POST locks/{id}/unlock}. */
        UNLOCK
    }

    private static final Pattern PATH = Pattern.compile(
            "^/([A-Za-z0-9-]{1,39})/([A-Za-z0-9._-]{1,100})\\.git/info/lfs(/[A-Za-z0-9/]{1,100})$");
    private static final Pattern OBJECT = Pattern.compile("^/objects/([0-9a-f]{64})$");
    private static final Pattern UNLOCK = Pattern.compile("^/locks/([1-9][0-9]{0,17})/unlock$");

    /** The prefix of every LFS path of a repository, e.g. {@code /alice/widgets.git/info/lfs}. */
    static String prefix(String fullName) {
        return "/" + fullName + ".git/info/lfs";
    }

    /**
     * The LFS request that {@code method} on this path asks for, or empty when it is none.
     *
     * @param rawPath the path as sent, still percent-encoded, without the context path
     * @param decodedPath the path as the container decoded it (servlet path plus path info)
     */
    static Optional<LfsPath> parse(String method, String rawPath, String decodedPath) {
        if (rawPath == null || method == null || !rawPath.equals(decodedPath)) {
            return Optional.empty();
        }
        Matcher m = PATH.matcher(rawPath);
        if (!m.matches() || !GitHttpPath.validName(m.group(2))) {
            return Optional.empty();
        }
        String owner = m.group(1);
        String name = m.group(2);
        String rest = m.group(3);
        Endpoint endpoint = null;
        String oid = null;
        long lockId = 0;
        Matcher object = OBJECT.matcher(rest);
        Matcher unlock = UNLOCK.matcher(rest);
        if (rest.equals("/objects/batch") && method.equals("POST")) {
            endpoint = Endpoint.BATCH;
        } else if (rest.equals("/objects/verify") && method.equals("POST")) {
            endpoint = Endpoint.VERIFY;
        } else if (object.matches() && (method.equals("GET") || method.equals("PUT"))) {
            endpoint = Endpoint.OBJECT;
            oid = object.group(1);
        } else if (rest.equals("/locks") && (method.equals("GET") || method.equals("POST"))) {
            endpoint = Endpoint.LOCKS;
        } else if (rest.equals("/locks/verify") && method.equals("POST")) {
            endpoint = Endpoint.LOCKS_VERIFY;
        } else if (unlock.matches() && method.equals("POST")) {
            endpoint = Endpoint.UNLOCK;
            lockId = Long.parseLong(unlock.group(1));
        }
        return endpoint == null ? Optional.empty() : Optional.of(new LfsPath(owner, name, endpoint, oid, lockId));
    }
}
