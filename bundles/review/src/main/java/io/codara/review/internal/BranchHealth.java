package io.codara.review.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.codara.api.ci.CombinedStatus;
import io.codara.api.ci.CommitStatuses;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.review.PullRequest;
import io.codara.api.review.PullRequestFilter;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The health of a repository's branches other than the default one, read from git, the open pull requests and the
 * commit statuses: how far behind the default branch each is, how long since its tip moved, its tip's combined CI
 * state, its open pull request's mergeability and its age, each worth some of a 0-100 score (see the README).
 */
@Component(service = BranchHealth.class)
public final class BranchHealth {

    /** Ahead and behind counts stop at this many commits. */
    static final int MAX_COUNT = 10_000;

    /** A part of a branch's score: what was measured, the points it earned out of {@code max}, and why. */
    public record Part(String name, Object value, int points, int max, String explanation) {
    }

    /** One branch: its tip, how it stands against the default branch, its open pull request, its score. */
    public record Branch(String name, String sha, Instant lastActivity, Instant firstCommit, int ahead, int behind,
            String ciState, PullRequest pull, List<Part> parts) {

        public Branch {
            parts = List.copyOf(parts);
        }

        /** The sum of the parts' points, 0-100. */
        public int score() {
            return parts.stream().mapToInt(Part::points).sum();
        }
    }

    private final RepositoryDirectories directories;
    private final PostgresPullRequests pulls;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CommitStatuses statuses;

    @Activate
    public BranchHealth(@Reference RepositoryDirectories directories, @Reference PostgresPullRequests pulls) {
        this(directories, pulls, Clock.systemUTC());
    }

    BranchHealth(RepositoryDirectories directories, PostgresPullRequests pulls, Clock clock) {
        this.directories = directories;
        this.pulls = pulls;
        this.clock = clock;
    }

    /** Every branch but the default one, by name, scored. */
    public List<Branch> branches(Repository repository) {
        Path gitDir = directories.gitDirectory(repository.id());
        if (gitDir == null || !Files.isDirectory(gitDir)) {
            return List.of();
        }
        Map<String, PullRequest> open = openPulls(repository.id());
        Instant now = clock.instant();
        CommitStatuses ci = statuses;
        List<Branch> branches = new ArrayList<>();
        try (org.eclipse.jgit.lib.Repository git = PullRequestGit.open(gitDir, null); RevWalk walk = new RevWalk(git)) {
            Ref defaultRef = git.exactRef(Constants.R_HEADS + repository.defaultBranch());
            ObjectId defaultTip = defaultRef == null ? null : defaultRef.getObjectId();
            for (Ref ref : git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                String name = ref.getName().substring(Constants.R_HEADS.length());
                if (name.equals(repository.defaultBranch()) || ref.getObjectId() == null) {
                    continue;
                }
                walk.reset();
                RevCommit tip = walk.parseCommit(ref.getObjectId());
                Instant lastActivity = Instant.ofEpochSecond(tip.getCommitTime());
                int ahead = 0;
                int behind = 0;
                Instant first = lastActivity;
                if (defaultTip != null) {
                    walk.reset();
                    walk.markStart(walk.parseCommit(ref.getObjectId()));
                    walk.markUninteresting(walk.parseCommit(defaultTip));
                    for (RevCommit commit : walk) {
                        Instant at = Instant.ofEpochSecond(commit.getCommitTime());
                        first = at.isBefore(first) ? at : first;
                        if (++ahead >= MAX_COUNT) {
                            break;
                        }
                    }
                    walk.reset();
                    walk.markStart(walk.parseCommit(defaultTip));
                    walk.markUninteresting(walk.parseCommit(ref.getObjectId()));
                    for (RevCommit ignored : walk) {
                        if (++behind >= MAX_COUNT) {
                            break;
                        }
                    }
                }
                String sha = ref.getObjectId().name();
                String ciState = ciState(ci, repository.id(), sha);
                PullRequest pull = open.get(name);
                branches.add(new Branch(name, sha, lastActivity, first, ahead, behind, ciState, pull,
                        parts(now, lastActivity, first, behind, ciState, pull)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the branches of " + repository.fullName(), e);
        }
        return branches;
    }

    /** The branches whose tip is older than {@code days} days and that no open pull request comes from, oldest first. */
    public List<Branch> stale(Repository repository, int days) {
        Instant before = clock.instant().minus(Duration.ofDays(days));
        return branches(repository).stream().filter(b -> b.pull() == null && b.lastActivity().isBefore(before))
                .sorted(Comparator.comparing(Branch::lastActivity).thenComparing(Branch::name)).toList();
    }

    static List<Part> parts(Instant now, Instant lastActivity, Instant first, int behind, String ciState,
            PullRequest pull) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("behind", behind, Math.max(0, 25 - behind / 2), 25,
                behind == 0 ? "up to date with the default branch"
                        : behind + " commits behind the default branch: 1 point off per 2 commits"));
        long idle = Math.max(0, Duration.between(lastActivity, now).toDays());
        parts.add(new Part("staleness", idle, linear(idle, 7, 90, 25), 25,
                "last commit " + idle + " days ago: full points up to 7 days, none from 90"));
        int ci = switch (ciState) {
            case "success" -> 20;
            case "failure", "error" -> 0;
            default -> 10;
        };
        parts.add(new Part("ci", ciState, ci, 20, switch (ciState) {
            case "success" -> "the tip's checks passed";
            case "failure", "error" -> "the tip's checks failed";
            case "pending" -> "the tip's checks are still running";
            default -> "the tip has no commit status";
        }));
        if (pull == null) {
            parts.add(new Part("pull_request", null, 5, 20, "no open pull request from this branch"));
        } else if (pull.mergeable() == null) {
            parts.add(new Part("pull_request", pull.number(), 10, 20,
                    "pull request #" + pull.number() + " is open, its mergeability not known yet"));
        } else if (pull.mergeable()) {
            parts.add(new Part("pull_request", pull.number(), 20, 20,
                    "pull request #" + pull.number() + " is open and merges cleanly"));
        } else {
            parts.add(new Part("pull_request", pull.number(), 0, 20,
                    "pull request #" + pull.number() + " is open and has conflicts"));
        }
        long age = Math.max(0, Duration.between(first, now).toDays());
        parts.add(new Part("age", age, linear(age, 14, 120, 10), 10,
                "first commit not on the default branch " + age + " days ago: full points up to 14 days, none from 120"));
        return parts;
    }

    /** {@code max} up to {@code full} days, 0 from {@code none} days, linear in between (rounded down). */
    private static int linear(long days, long full, long none, int max) {
        if (days <= full) {
            return max;
        }
        if (days >= none) {
            return 0;
        }
        return (int) (max * (none - days) / (none - full));
    }

    private static String ciState(CommitStatuses ci, long repositoryId, String sha) {
        if (ci == null) {
            return "none";
        }
        CombinedStatus combined = ci.combined(repositoryId, sha, PageRequest.of(1, 1));
        return combined.totalCount() == 0 ? "none" : combined.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    private Map<String, PullRequest> openPulls(long repositoryId) {
        Map<String, PullRequest> byHead = new HashMap<>();
        PullRequestFilter filter = new PullRequestFilter("open", repositoryId, null, null, "created", true);
        for (int page = 1; ; page++) {
            Page<PullRequest> found = pulls.list(repositoryId, filter, PageRequest.of(page, PageRequest.MAX_PER_PAGE));
            found.items().forEach(p -> byHead.putIfAbsent(p.headRef(), p));
            if (found.items().size() < PageRequest.MAX_PER_PAGE) {
                return byHead;
            }
        }
    }
}
