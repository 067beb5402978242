package io.codara.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushLimitsTest {

    @TempDir
    Path repos;

    @Test
    void defaultsAreTwoGibibytePacksAndHundredMebibyteFiles() {
        PushLimits limits = PushLimits.of(config(PushLimits.DEFAULT_MAX_PACK_BYTES, PushLimits.DEFAULT_MAX_FILE_BYTES));
        assertThat(limits.maxPackBytes()).isEqualTo(2_147_483_648L);
        assertThat(limits.maxFileBytes()).isEqualTo(104_857_600L);
        GitHttpConfig defaults = defaultConfig();
        assertThat(defaults.max_pack_bytes()).isEqualTo(2_147_483_648L);
        assertThat(defaults.max_file_bytes()).isEqualTo(104_857_600L);
    }

    @Test
    void configuredLimitsAreUsedAndMustBePositive() {
        assertThat(PushLimits.of(config(5000, 100)).maxPackBytes()).isEqualTo(5000);
        assertThat(PushLimits.of(config(5000, 100)).maxFileBytes()).isEqualTo(100);
        assertThatThrownBy(() -> PushLimits.of(config(0, 100))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PushLimits.of(config(100, -1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePackLimitIsGivenToReceivePack() {
        ReceivePack receivePack = mock(ReceivePack.class);
        new PushLimits(5000, 100).applyTo(receivePack);
        org.mockito.Mockito.verify(receivePack).setMaxPackSizeLimit(5000);
    }

    @Test
    void aNewFileOverTheLimitIsNamedAndEveryRefRefused() throws Exception {
        try (Repository repo = new GitDirectories(repos).create(1, "main")) {
            ObjectId small = commit(repo, null, "docs/readme.md", 100);
            setRef(repo, "refs/heads/main", small);
            ObjectId big = commit(repo, small, "assets/big.bin", 3 * 1024 * 1024);

            PushLimits limits = new PushLimits(Long.MAX_VALUE, 2 * 1024 * 1024);
            ReceiveCommand push = new ReceiveCommand(small, big, "refs/heads/main");
            ReceiveCommand other = new ReceiveCommand(ObjectId.zeroId(), small, "refs/heads/other");
            assertThat(limits.tooLarge(repo, List.of(push, other)))
                    .contains("File assets/big.bin is 3.00 MiB; this exceeds Codara's file size limit of 2.00 MiB. Use Git LFS for large files.");

            ReceivePack receivePack = mock(ReceivePack.class);
            when(receivePack.getRepository()).thenReturn(repo);
            limits.onPreReceive(receivePack, List.of(push, other));
            assertThat(push.getResult()).isEqualTo(ReceiveCommand.Result.REJECTED_OTHER_REASON);
            assertThat(other.getResult()).isEqualTo(ReceiveCommand.Result.REJECTED_OTHER_REASON);
            assertThat(push.getMessage()).isEqualTo("file size limit exceeded");
            org.mockito.Mockito.verify(receivePack).sendError(org.mockito.ArgumentMatchers.startsWith("File assets/big.bin is 3.00 MiB"));
        }
    }

    @Test
    void filesTheRepositoryAlreadyHasAndFilesUnderTheLimitPass() throws Exception {
        try (Repository repo = new GitDirectories(repos).create(2, "main")) {
            ObjectId big = commit(repo, null, "big.bin", 3 * 1024 * 1024);
            setRef(repo, "refs/heads/main", big);
            ObjectId next = commit(repo, big, "small.txt", 10);
            PushLimits limits = new PushLimits(Long.MAX_VALUE, 2 * 1024 * 1024);
            // big.bin came with an earlier push (before the limit was lowered, say): only new files count.
            assertThat(limits.tooLarge(repo, List.of(new ReceiveCommand(big, next, "refs/heads/main")))).isEmpty();
            assertThat(limits.tooLarge(repo, List.of(new ReceiveCommand(big, ObjectId.zeroId(), "refs/heads/main")))).isEmpty();
            assertThat(new PushLimits(Long.MAX_VALUE, 3 * 1024 * 1024)
                    .tooLarge(repo, List.of(new ReceiveCommand(ObjectId.zeroId(), big, "refs/heads/copy")))).isEmpty();
        }
    }

    @Test
    void sizesAreShownInMebibytes() {
        assertThat(PushLimits.mebibytes(104_857_600L)).isEqualTo("100.00 MiB");
        assertThat(PushLimits.mebibytes(1_572_864L)).isEqualTo("1.50 MiB");
    }

    /** A commit on {@code parent} with one more file of {@code size} bytes at {@code path} (one directory deep at most). */
    static ObjectId commit(Repository repo, ObjectId parent, String path, int size) throws Exception {
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            byte[] content = new byte[size];
            new java.util.Random(size).nextBytes(content);
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content);
            String[] parts = path.split("/");
            TreeFormatter leaf = new TreeFormatter();
            leaf.append(parts[parts.length - 1], FileMode.REGULAR_FILE, blob);
            ObjectId tree = inserter.insert(leaf);
            if (parts.length == 2) {
                TreeFormatter root = new TreeFormatter();
                root.append(parts[0], FileMode.TREE, tree);
                tree = inserter.insert(root);
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            if (parent != null) {
                commit.setParentId(parent);
            }
            PersonIdent who = new PersonIdent("Test", "test@example.com");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("add " + path);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    static void setRef(Repository repo, String name, ObjectId id) throws Exception {
        var update = repo.updateRef(name);
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        update.update();
    }

    static GitHttpConfig config(long maxPack, long maxFile) {
        return new GitHttpConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return GitHttpConfig.class;
            }

            @Override
            public long max_pack_bytes() {
                return maxPack;
            }

            @Override
            public long max_file_bytes() {
                return maxFile;
            }
        };
    }

    /** The annotation's own defaults, as SCR would hand them over without any configuration. */
    static GitHttpConfig defaultConfig() {
        return (GitHttpConfig) java.lang.reflect.Proxy.newProxyInstance(GitHttpConfig.class.getClassLoader(),
                new Class<?>[] {GitHttpConfig.class}, (proxy, method, args) -> method.getDefaultValue());
    }

}
