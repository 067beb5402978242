package io.codara.git.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitDirectoriesTest {

    @TempDir
    Path root;

    private GitDirectories directories;

    @AfterEach
    void closeCache() {
        if (directories != null) {
            directories.deactivate();
        }
    }

    @Test
    void requestsShareOneOpenRepositoryWithItsLoadedPacks() throws Exception {
        directories = new GitDirectories(root);
        directories.create(7, "main").close();
        try (Repository first = directories.open(7); Repository second = directories.open(7)) {
            assertThat(second).isSameAs(first);
        }
        try (Repository again = directories.open(7)) {
            assertThat(again.getDirectory().toPath()).isEqualTo(root.resolve("07/7.git"));
        }
    }

    @Test
    void aDeletedRepositoryIsNotServedFromTheCache() throws Exception {
        directories = new GitDirectories(root);
        directories.create(9, "main").close();
        Repository before;
        try (Repository git = directories.open(9)) {
            before = git;
            commitOnMain(git);
            assertThat(git.exactRef("refs/heads/main")).isNotNull();
        }
        directories.delete(9);
        directories.create(9, "main").close();
        try (Repository git = directories.open(9)) {
            assertThat(git).isNotSameAs(before);
            assertThat(git.exactRef("refs/heads/main")).as("the new repository is empty").isNull();
        }
    }

    @Test
    void aForkOpenedBeforeItsLenderWentReadsItsObjectsAfterwards() throws Exception {
        directories = new GitDirectories(root);
        directories.create(11, "main").close();
        ObjectId commit;
        try (Repository lender = directories.open(11)) {
            commit = commitOnMain(lender);
        }
        directories.create(12, "main").close();
        directories.borrow(12, 11);
        try (Repository fork = directories.open(12)) {
            assertThat(fork.getObjectDatabase().has(commit)).as("borrowed").isTrue();
        }
        directories.detach(12, 11);
        directories.delete(11);
        try (Repository fork = directories.open(12)) {
            assertThat(directories.alternates(12)).isEmpty();
            assertThat(fork.parseCommit(commit).getId()).as("its own now, not the cached alternate's").isEqualTo(commit);
        }
    }

    private static ObjectId commitOnMain(Repository git) throws Exception {
        try (ObjectInserter inserter = git.newObjectInserter()) {
            ObjectId tree = inserter.insert(new TreeFormatter());
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            PersonIdent ident = new PersonIdent("Test", "test@example.com");
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage("empty\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = git.updateRef(Constants.R_HEADS + "main");
            update.setNewObjectId(id);
            assertThat(update.update()).isEqualTo(RefUpdate.Result.NEW);
            return id;
        }
    }
}
