package io.codara.git.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

import io.codara.api.auth.SignatureVerification;
import io.codara.api.git.BranchProtection;
import io.codara.api.git.ProtectionRule;
import io.codara.api.git.TagProtection;

/**
 * The pre-receive hook that enforces branch and tag protection before {@link PushRecorder} moves any ref. Each
 * offending command is rejected (git shows {@code [remote rejected]} with a short reason) and a {@code remote:} line
 * says which rule refused what. Other commands of the push go on, unless the client asked for an atomic push, in
 * which case they are aborted too, as git's {@code --atomic} promises.
 * <p>
 * On a protected branch (the one rule {@link PostgresBranchProtections#effective} picks): administrators bypass the
 * rule unless it enforces admins; restrictions limit pushers to listed users and team members; deletions and
 * non-fast-forward updates (checked with a merge-base walk) are refused unless allowed; with linear history no new
 * commit may be a merge; with required signatures every new commit must carry a verified signature
 * (OpenPGP or SSH, {@link CommitSignatures}). New commits are those the branch did not have: reachable from the new tip but not
 * from the old one, or, for a new branch, from no existing ref. On a protected tag, only maintainers and admins
 * may create, update or delete it.
 */
final class ProtectionHook implements PreReceiveHook {

    /** Who pushes, asked lazily (each answer may cost a query). */
    interface Pusher {
        String login();

        boolean admin();

        boolean maintainer();

        boolean inTeam(String slug);
    }

    /** A refusal: the short reason of the command and the {@code remote:} line. */
    record Refusal(String reason, String message) {
    }

    private final List<BranchProtection> branchRules;
    private final List<TagProtection> tagRules;
    private final Pusher pusher;
    private final Function<RevCommit, SignatureVerification> signatures;

    ProtectionHook(List<BranchProtection> branchRules, List<TagProtection> tagRules, Pusher pusher,
            Function<RevCommit, SignatureVerification> signatures) {
        this.branchRules = List.copyOf(branchRules);
        this.tagRules = List.copyOf(tagRules);
        this.pusher = pusher;
        this.signatures = signatures;
    }

    @Override
    public void onPreReceive(ReceivePack receivePack, Collection<ReceiveCommand> commands) {
        if (branchRules.isEmpty() && tagRules.isEmpty()) {
            return;
        }
        boolean refused = false;
        for (ReceiveCommand command : commands) {
            if (command.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
                continue;
            }
            Optional<Refusal> refusal = refusal(receivePack.getRepository(), command);
            if (refusal.isPresent()) {
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, refusal.get().reason());
                receivePack.sendMessage(refusal.get().message());
                refused = true;
            }
        }
        if (refused && receivePack.isAtomic()) {
            ReceiveCommand.abort(commands);
        }
    }

    /** Why {@code command} may not be applied, if it may not. */
    Optional<Refusal> refusal(Repository repository, ReceiveCommand command) {
        String ref = command.getRefName();
        if (ref.startsWith(Constants.R_TAGS)) {
            return tagRefusal(ref, ref.substring(Constants.R_TAGS.length()));
        }
        if (!ref.startsWith(Constants.R_HEADS)) {
            return Optional.empty();
        }
        String branch = ref.substring(Constants.R_HEADS.length());
        Optional<BranchProtection> found = PostgresBranchProtections.effective(branchRules, branch);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BranchProtection protection = found.get();
        ProtectionRule rule = protection.rule();
        if (!rule.enforceAdmins() && pusher.admin()) {
            return Optional.empty();
        }
        String rulePart = " (rule \"" + protection.pattern() + "\")";
        ProtectionRule.Restrictions restrictions = rule.restrictions();
        if (restrictions != null && !mayPush(restrictions)) {
            return refuse(ref, "you are not allowed to push to this branch" + rulePart,
                    "push restricted to listed users and teams");
        }
        if (command.getType() == ReceiveCommand.Type.DELETE) {
            return rule.allowDeletions() ? Optional.empty()
                    : refuse(ref, "deletions are not allowed" + rulePart, "protected branch: deletion not allowed");
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevObject target = walk.parseAny(command.getNewId());
            if (!(target instanceof RevCommit tip)) {
                return refuse(ref, "a branch must point to a commit" + rulePart, "not a commit");
            }
            boolean creation = command.getOldId().equals(ObjectId.zeroId());
            if (!creation && !rule.allowForcePushes() && !fastForward(walk, command.getOldId(), tip)) {
                return refuse(ref, "force pushes are not allowed" + rulePart, "protected branch: force push not allowed");
            }
            if (!rule.requiredLinearHistory() && !rule.requiredSignatures()) {
                return Optional.empty();
            }
            walk.reset();
            walk.markStart(walk.parseCommit(tip));
            if (creation) {
                for (Ref existing : repository.getRefDatabase().getRefs()) {
                    ObjectId id = existing.getPeeledObjectId() != null ? existing.getPeeledObjectId() : existing.getObjectId();
                    if (id != null && walk.parseAny(id) instanceof RevCommit commit) {
                        walk.markUninteresting(commit);
                    }
                }
            } else if (walk.parseAny(command.getOldId()) instanceof RevCommit old) {
                walk.markUninteresting(old);
            }
            for (RevCommit commit : walk) {
                if (rule.requiredLinearHistory() && commit.getParentCount() > 1) {
                    return refuse(ref, "merge commits are not allowed, " + abbreviate(commit)
                            + " is a merge commit" + rulePart,
                            "protected branch: linear history required");
                }
                if (rule.requiredSignatures()) {
                    SignatureVerification verification = signatures.apply(commit);
                    if (!verification.verified()) {
                        return refuse(ref, "commits must have verified signatures, " + abbreviate(commit)
                                + " is not verified (" + verification.reason() + "): " + verification.detail()
                                + rulePart, "protected branch: verified signatures required");
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return refuse(ref, "could not be checked against its protection rule: " + e.getMessage() + rulePart,
                    "protection check failed");
        }
    }

    private Optional<Refusal> tagRefusal(String ref, String tag) {
        Optional<TagProtection> rule = tagRules.stream()
                .filter(t -> RefPattern.compile(t.pattern()).matches(tag)).findFirst();
        if (rule.isEmpty() || pusher.maintainer()) {
            return Optional.empty();
        }
        return refuse(ref, "only users with the maintain or admin role may create, update or delete it"
                + " (tag protection \"" + rule.get().pattern() + "\")", "protected tag");
    }

    private boolean mayPush(ProtectionRule.Restrictions restrictions) {
        return restrictions.users().stream().anyMatch(u -> u.equalsIgnoreCase(pusher.login()))
                || restrictions.teams().stream().anyMatch(pusher::inTeam);
    }

    /** Whether {@code tip} contains {@code old}: their merge base is {@code old}. */
    private static boolean fastForward(RevWalk walk, ObjectId old, RevCommit tip) throws IOException {
        RevObject before = walk.parseAny(old);
        if (!(before instanceof RevCommit oldCommit)) {
            return false;
        }
        return walk.isMergedInto(oldCommit, tip);
    }

    private static Optional<Refusal> refuse(String ref, String what, String reason) {
        return Optional.of(new Refusal(reason, ref + " is protected: " + what));
    }

    private static String abbreviate(RevCommit commit) {
        return commit.abbreviate(7).name();
    }
}
