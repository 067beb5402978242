package io.codara.git.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;

/** The git side of forks and templates: copying refs into a fork, fresh history from a template's trees. */
final class RepositoryHistory {

    private RepositoryHistory() {
    }

    /**
     * Creates in {@code fork} (which borrows {@code parent}'s objects) the parent's branches and tags, or only
     * {@code defaultBranch}.
     */
    static void copyRefs(Repository parent, Repository fork, String defaultBranch, boolean defaultBranchOnly)
            throws IOException {
        List<Ref> refs = new ArrayList<>();
        if (defaultBranchOnly) {
            Ref branch = parent.exactRef(Constants.R_HEADS + defaultBranch);
            if (branch != null) {
                refs.add(branch);
            }
        } else {
            refs.addAll(parent.getRefDatabase().getRefsByPrefix(Constants.R_HEADS));
            refs.addAll(parent.getRefDatabase().getRefsByPrefix(Constants.R_TAGS));
        }
        if (refs.isEmpty()) {
            return;
        }
        BatchRefUpdate batch = fork.getRefDatabase().newBatchUpdate();
        batch.setAtomic(true);
        batch.setRefLogMessage("fork", false);
        for (Ref ref : refs) {
            if (!ref.isSymbolic() && ref.getObjectId() != null) {
                batch.addCommand(new ReceiveCommand(ObjectId.zeroId(), ref.getObjectId(), ref.getName()));
            }
        }
        try (RevWalk walk = new RevWalk(fork)) {
            batch.execute(walk, NullProgressMonitor.INSTANCE);
        }
        for (ReceiveCommand command : batch.getCommands()) {
            if (command.getResult() != ReceiveCommand.Result.OK) {
                throw new IOException("Could not create " + command.getRefName() + " in the fork: "
                        + command.getResult());
            }
        }
    }

    /**
     * Gives {@code target} one new root commit per branch of {@code template} named in {@code branches}, each with
     * that branch's tree, copying the trees and blobs (never the history) into {@code target}.
     */
    static void generate(Repository template, Repository target, List<String> branches, PersonIdent who)
            throws IOException {
        List<ObjectId> trees = new ArrayList<>();
        try (RevWalk commits = new RevWalk(template)) {
            for (String branch : branches) {
                trees.add(commits.parseCommit(template.resolve(Constants.R_HEADS + branch)).getTree().getId());
            }
        }
        try (ObjectWalk walk = new ObjectWalk(template); ObjectReader reader = template.newObjectReader();
                ObjectInserter inserter = target.newObjectInserter()) {
            for (ObjectId tree : trees) {
                walk.markStart(walk.parseTree(tree));
            }
            for (RevObject object = walk.nextObject(); object != null; object = walk.nextObject()) {
                ObjectLoader loader = reader.open(object);
                inserter.insert(loader.getType(), loader.getSize(), loader.openStream());
            }
            BatchRefUpdate batch = target.getRefDatabase().newBatchUpdate();
            batch.setAtomic(true);
            batch.setRefLogMessage("generated from a template", false);
            for (int i = 0; i < branches.size(); i++) {
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(trees.get(i));
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage("Initial commit\n");
                ObjectId id = inserter.insert(commit);
                batch.addCommand(new ReceiveCommand(ObjectId.zeroId(), id, Constants.R_HEADS + branches.get(i)));
            }
            inserter.flush();
            try (RevWalk revs = new RevWalk(target)) {
                batch.execute(revs, NullProgressMonitor.INSTANCE);
            }
            for (ReceiveCommand command : batch.getCommands()) {
                if (command.getResult() != ReceiveCommand.Result.OK) {
                    throw new IOException("Could not create " + command.getRefName() + ": " + command.getResult());
                }
            }
        }
    }

    /** The names of {@code git}'s branches, without {@code refs/heads/}. */
    static List<String> branches(Repository git) throws IOException {
        return git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
                .map(r -> r.getName().substring(Constants.R_HEADS.length())).toList();
    }
}
