package io.codara.git.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;

import io.codara.api.rest.ApiException;

/**
 * What a caller may name in a URL: a branch, a tag, a full ref, {@code HEAD} or a (possibly abbreviated) object id,
 * and paths inside a tree. Never git's revision expressions ({@code main~2}, {@code @{u}}, {@code rev:path}): a
 * name is looked up as a ref or an id, nothing else, and anything malformed is simply not found.
 */
final class Revisions {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,40}");
    static final int MAX_PATH = 4096;

    private Revisions() {
    }

    /** The ref that {@code name} means: a branch first, then a tag, then a full ref name; empty when none. */
    static Optional<Ref> ref(Repository git, String name) throws IOException {
        if (!plausible(name)) {
            return Optional.empty();
        }
        if (name.equals(Constants.HEAD)) {
            return Optional.ofNullable(git.exactRef(Constants.HEAD)).filter(r -> r.getObjectId() != null);
        }
        for (String candidate : new String[] {Constants.R_HEADS + name, Constants.R_TAGS + name, name}) {
            if (candidate.startsWith(Constants.R_REFS) && Repository.isValidRefName(candidate)) {
                Ref ref = git.exactRef(candidate);
                if (ref != null && ref.getObjectId() != null) {
                    return Optional.of(ref);
                }
            }
        }
        return Optional.empty();
    }

    /** The object {@code name} means, as a ref or an object id; empty when none or ambiguous. */
    static Optional<RevObject> object(Repository git, RevWalk walk, String name) throws IOException {
        if (!plausible(name)) {
            return Optional.empty();
        }
        if (HEX.matcher(name).matches()) {
            // A branch may look like an abbreviated id ("cafe"); a full id is never a ref name git would pick.
            Optional<Ref> ref = name.length() == Constants.OBJECT_ID_STRING_LENGTH ? Optional.empty() : ref(git, name);
            if (ref.isPresent()) {
                return Optional.of(walk.parseAny(ref.get().getObjectId()));
            }
            Optional<ObjectId> id = id(walk.getObjectReader(), name);
            if (id.isPresent()) {
                try {
                    return Optional.of(walk.parseAny(id.get()));
                } catch (MissingObjectException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
        Optional<Ref> ref = ref(git, name);
        return ref.isEmpty() ? Optional.empty() : Optional.of(walk.parseAny(ref.get().getObjectId()));
    }

    /** The commit {@code name} means (tags peeled); empty when none. */
    static Optional<RevCommit> commit(Repository git, RevWalk walk, String name) throws IOException {
        Optional<RevObject> object = object(git, walk, name);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        RevObject peeled = peel(walk, object.get());
        return peeled instanceof RevCommit commit ? Optional.of(walk.parseCommit(commit)) : Optional.empty();
    }

    /** The tree {@code name} means: a tree id, or the tree of a commit or of a tag's commit; empty when none. */
    static Optional<RevTree> tree(Repository git, RevWalk walk, String name) throws IOException {
        Optional<RevObject> object = object(git, walk, name);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        RevObject peeled = peel(walk, object.get());
        if (peeled instanceof RevCommit commit) {
            return Optional.of(walk.parseCommit(commit).getTree());
        }
        return peeled instanceof RevTree tree ? Optional.of(walk.parseTree(tree)) : Optional.empty();
    }

    static RevObject peel(RevWalk walk, RevObject object) throws IOException {
        RevObject current = object;
        for (int depth = 0; current instanceof RevTag tag && depth < 32; depth++) {
            current = walk.parseAny(walk.parseTag(tag).getObject());
        }
        return current;
    }

    /** A unique object with the (possibly abbreviated) id {@code hex}. */
    static Optional<ObjectId> id(ObjectReader reader, String hex) throws IOException {
        if (!HEX.matcher(hex).matches()) {
            return Optional.empty();
        }
        String lower = hex.toLowerCase(Locale.ROOT);
        if (lower.length() == Constants.OBJECT_ID_STRING_LENGTH) {
            ObjectId id = ObjectId.fromString(lower);
            return reader.has(id) ? Optional.of(id) : Optional.empty();
        }
        Collection<ObjectId> matches = reader.resolve(AbbreviatedObjectId.fromString(lower));
        return matches.size() == 1 ? Optional.of(matches.iterator().next()) : Optional.empty();
    }

    /**
     * A path inside a tree as git stores it: no leading slash, no empty, {@code .} or {@code ..} segment, no NUL;
     * one trailing slash is forgiven. {@code ""} is the root. Anything else is a 404, as a path that is not there.
     */
    static String path(String path) {
        if (path == null) {
            return "";
        }
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (p.isEmpty()) {
            return "";
        }
        if (p.length() > MAX_PATH || p.startsWith("/") || p.indexOf('\0') >= 0 || p.indexOf('\\') >= 0) {
            throw ApiException.notFound();
        }
        for (String segment : p.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw ApiException.notFound();
            }
        }
        return p;
    }

    private static boolean plausible(String name) {
        return name != null && !name.isEmpty() && name.length() <= 1024 && name.indexOf('\0') < 0;
    }
}
