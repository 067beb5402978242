package io.codara.ci.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Reads which commit a SHA or ref names in a bare repository, read-only: the git capability owns the directory.
 * Only what GitHub accepts as a {@code ref} is resolved (a SHA, full or abbreviated, a branch or a tag), never
 * revision expressions such as {@code main~1}.
 */
final class CommitRefs {

    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern SHORT_SHA = Pattern.compile("[0-9a-fA-F]{4,39}");

    private CommitRefs() {
    }

    /** Whether {@code sha} is a full SHA-1 (any case). */
    static boolean isFullSha(String sha) {
        return sha != null && FULL_SHA.matcher(sha).matches();
    }

    /** Whether the repository in {@code gitDir} has the commit {@code sha} (a full SHA-1). */
    static boolean hasCommit(Path gitDir, String sha) {
        if (!isFullSha(sha) || !Files.isDirectory(gitDir)) {
            return false;
        }
        try (Repository repository = open(gitDir); RevWalk walk = new RevWalk(repository)) {
            walk.parseCommit(ObjectId.fromString(sha));
            return true;
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The full SHA-1 of the commit {@code ref} names: a branch, then a tag, then a (short) SHA. */
    static Optional<String> resolve(Path gitDir, String ref) {
        if (ref == null || ref.isEmpty() || !Files.isDirectory(gitDir)) {
            return Optional.empty();
        }
        try (Repository repository = open(gitDir)) {
            for (String prefix : new String[] {"refs/heads/", "refs/tags/"}) {
                String name = ref.startsWith("refs/") ? ref : prefix + ref;
                if (Repository.isValidRefName(name) && repository.exactRef(name) != null) {
                    ObjectId commit = repository.resolve(name + "^{commit}");
                    if (commit != null) {
                        return Optional.of(commit.name());
                    }
                }
            }
            if (isFullSha(ref)) {
                return hasCommit(gitDir, ref) ? Optional.of(ref.toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
            }
            if (SHORT_SHA.matcher(ref).matches()) {
                ObjectId commit = repository.resolve(ref + "^{commit}");
                return Optional.ofNullable(commit).map(ObjectId::name);
            }
            return Optional.empty();
        } catch (AmbiguousObjectException | IncorrectObjectTypeException | RevisionSyntaxException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Repository open(Path gitDir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    }
}
