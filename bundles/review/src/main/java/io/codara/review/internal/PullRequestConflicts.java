package io.codara.review.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.codara.api.git.BranchUpdate;
import io.codara.api.git.BranchUpdates;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiException;
import io.codara.api.review.PullRequest;
import io.codara.api.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A pull request's merge conflicts and their resolution in the browser, as GitHub's conflict editor: the conflicted
 * files of merging the base branch into the head branch ({@link MergeConflictsGit}), and a resolution committed as a
 * merge of the base into the head branch (parents: head, base) by {@link MergeGit}, the head branch moved by the git
 * capability's {@link BranchUpdates} (compare-and-set, protection, push event). Callers authorise.
 */
@Component(service = PullRequestConflicts.class)
public final class PullRequestConflicts {

    /** A line git writes as a conflict marker: {@code <<<<<<<}, {@code |||||||} or {@code >>>>>>>}. */
    private static final Pattern MARKER = Pattern.compile("^(<<<<<<<|\\|\\|\\|\\|\\|\\|\\||>>>>>>>)( .*)?\\r?$",
            Pattern.MULTILINE);

    private final RepositoryDirectories directories;
    private final BranchUpdates branches;
    private final PostgresPullRequests pulls;
    private final PullRequestMerger merger;
    private final Accounts accounts;

    @Activate
    public PullRequestConflicts(@Reference RepositoryDirectories directories, @Reference BranchUpdates branches,
            @Reference PostgresPullRequests pulls, @Reference PullRequestMerger merger, @Reference Accounts accounts) {
        this.directories = directories;
        this.branches = branches;
        this.pulls = pulls;
        this.merger = merger;
        this.accounts = accounts;
    }

    /** A resolution asked for: the head commit it was made on, the base commit if known, the files' new content. */
    record Resolution(String expectedHeadSha, String expectedBaseSha, Map<String, String> files, String message) {
    }

    /** A committed resolution. */
    record Resolved(String sha, String message, List<String> parents) {
    }

    /** The conflicts of merging the pull request's base branch into its head branch, at both branches' tips. */
    MergeConflictsGit.Conflicts conflicts(PullRequest pull) {
        Tips tips = tips(pull);
        return MergeConflictsGit.conflicts(tips.baseDir, tips.headDir, tips.base, tips.head, pull.headRef(),
                pull.baseRef());
    }

    /**
     * Commits {@code resolution} onto the head branch of {@code pull} (in {@code head}, the head repository) as
     * {@code actor}: 409 when a branch moved since the conflicts were read, 422 when the resolution is incomplete,
     * still has markers, names a file that is not conflicted, or a conflict is too complex for the web editor.
     */
    Resolved resolve(Repository base, Repository head, PullRequest pull, Resolution resolution, Principal actor) {
        if (!pull.open()) {
            throw new ApiException(422, "The pull request is closed.");
        }
        if (resolution.expectedHeadSha() == null || resolution.expectedHeadSha().isBlank()) {
            throw PostgresPullRequests.invalid("expected_head_sha", "missing_field", "expected_head_sha is required");
        }
        Tips tips = tips(pull);
        if (!tips.head.equals(resolution.expectedHeadSha())) {
            throw new ApiException(409, "Head branch was modified. Reload the conflicts and resolve them again.");
        }
        if (resolution.expectedBaseSha() != null && !tips.base.equals(resolution.expectedBaseSha())) {
            throw new ApiException(409, "Base branch was modified. Reload the conflicts and resolve them again.");
        }
        MergeConflictsGit.Conflicts conflicts = MergeConflictsGit.conflicts(tips.baseDir, tips.headDir, tips.base,
                tips.head, pull.headRef(), pull.baseRef());
        if (!conflicts.conflicted()) {
            throw new ApiException(422, "This pull request has no merge conflicts to resolve.");
        }
        List<String> complex = conflicts.files().stream().filter(f -> !f.resolvable())
                .map(f -> f.path() + " (" + f.reason() + ")").toList();
        if (!complex.isEmpty()) {
            throw new ApiException(422, "These conflicts are too complex to resolve in the web editor: "
                    + String.join("; ", complex) + " Resolve them on the command line.");
        }
        Map<String, MergeConflictsGit.ConflictedFile> conflicted = new LinkedHashMap<>();
        conflicts.files().forEach(f -> conflicted.put(f.path(), f));
        for (String path : resolution.files().keySet()) {
            if (!conflicted.containsKey(path)) {
                throw new ApiException(422, path + " is not a conflicted file of this pull request.");
            }
        }
        List<String> missing = conflicted.keySet().stream().filter(p -> !resolution.files().containsKey(p)).toList();
        if (!missing.isEmpty()) {
            throw new ApiException(422, "Every conflicted file must be resolved; not resolved: "
                    + String.join(", ", missing) + ".");
        }
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : resolution.files().entrySet()) {
            String text = file.getValue();
            if (text == null) {
                throw new ApiException(422, file.getKey() + " has no content.");
            }
            int marker = markerLine(text);
            if (marker > 0) {
                throw new ApiException(422, file.getKey() + " still contains conflict markers (line " + marker
                        + "). Resolve every conflict before committing.");
            }
            // A browser's text area sends LF; a file with CRLF keeps its line endings.
            if (conflicted.get(file.getKey()).crlf() && !text.contains("\r")) {
                text = text.replace("\n", "\r\n");
            }
            contents.put(file.getKey(), text.getBytes(StandardCharsets.UTF_8));
        }
        Account account = accounts.find(actor.login()).orElseThrow(() -> new ApiException(401,
                "Requires authentication"));
        String message = resolution.message() == null || resolution.message().isBlank()
                ? defaultMessage(base, head, pull) : resolution.message();
        String sha;
        try {
            sha = MergeGit.resolution(tips.headDir, tips.baseDir, tips.head, tips.base, contents,
                    merger.ident(account), message);
        } catch (MergeGit.Conflict e) {
            throw new ApiException(422, e.getMessage());
        }
        BranchUpdate moved = branches.update(head.id(), pull.headRef(), tips.head, sha, actor,
                "resolve the merge conflicts of pull request #" + pull.number());
        switch (moved.status()) {
            case MOVED -> throw new ApiException(409,
                    "Head branch was modified. Reload the conflicts and resolve them again.");
            case REFUSED -> throw new ApiException(403, moved.message());
            case UPDATED -> {
            }
        }
        // The push event follows through the outbox; following it now answers with the pull request up to date and
        // its mergeability queued.
        pulls.pushed(head.id(), pull.headRef(), sha, actor.login());
        return new Resolved(sha, message.endsWith("\n") ? message.substring(0, message.length() - 1) : message,
                List.of(tips.head, tips.base));
    }

    /** The 1-based line of the first conflict marker in {@code text}, or 0 when there is none. */
    static int markerLine(String text) {
        Matcher matcher = MARKER.matcher(text);
        if (!matcher.find()) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < matcher.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Git's message for merging a branch in: {@code Merge branch 'main' into feature}, with the base's name for forks. */
    static String defaultMessage(Repository base, Repository head, PullRequest pull) {
        String of = base.id() == head.id() ? "" : " of " + base.fullName();
        return "Merge branch '" + pull.baseRef() + "'" + of + " into " + pull.headRef();
    }

    private Tips tips(PullRequest pull) {
        Path baseDir = directories.gitDirectory(pull.repositoryId());
        Path headDir = directories.gitDirectory(pull.headRepositoryId());
        String head = PullRequestGit.branch(headDir, pull.headRef()).orElseThrow(() -> new ApiException(422,
                "The head branch " + pull.headRef() + " no longer exists."));
        String base = PullRequestGit.branch(baseDir, pull.baseRef()).orElseThrow(() -> new ApiException(422,
                "The base branch " + pull.baseRef() + " no longer exists."));
        return new Tips(baseDir, headDir, base, head);
    }

    private record Tips(Path baseDir, Path headDir, String base, String head) {
    }
}
