package io.codara.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.junit.jupiter.api.Test;

import io.codara.api.auth.SignatureVerification;
import io.codara.api.auth.SignatureVerifier;
import io.codara.api.git.BranchProtections;
import io.codara.api.git.Repository;
import io.codara.api.git.TagProtection;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.security.Decision;
import io.codara.api.security.Principal;

/** The hook's behaviour around the rules: fail closed when they cannot be read, abort the rest of an atomic push. */
class PushProtectionTest {

    private static final Repository REPO = new Repository(1, "acme", "tools", null, null, List.of(), Visibility.PUBLIC,
            "main", false, false, null, Instant.now(), Instant.now(), null);
    private static final ObjectId ONE = ObjectId.fromString("1111111111111111111111111111111111111111");

    @Test
    void aPushWhoseRulesCannotBeReadIsRefusedWhole() {
        BranchProtections protections = mock(BranchProtections.class);
        when(protections.list(anyLong())).thenThrow(new IllegalStateException("database down"));
        PushProtection protection = new PushProtection(protections, (p, a, r) -> Decision.ALLOW, mock(Organizations.class),
                new CommitSignatures(mock(SignatureVerifier.class)));
        ReceivePack receivePack = mock(ReceivePack.class);
        ReceiveCommand command = new ReceiveCommand(ObjectId.zeroId(), ONE, "refs/heads/main");

        protection.hook(REPO, new Principal("carol", false, null)).onPreReceive(receivePack, List.of(command));

        assertThat(command.getResult()).isEqualTo(ReceiveCommand.Result.REJECTED_OTHER_REASON);
        assertThat(command.getMessage()).isEqualTo(PushProtection.UNCHECKED);
        verify(receivePack).sendError(PushProtection.UNCHECKED + ".");
    }

    @Test
    void anAtomicPushIsAbortedWhenOneCommandIsRefused() {
        TagProtection tags = new TagProtection(1, 1, "v*", Instant.now());
        ProtectionHook hook = new ProtectionHook(List.of(), List.of(tags), new ProtectionHook.Pusher() {
            @Override
            public String login() {
                return "carol";
            }

            @Override
            public boolean admin() {
                return false;
            }

            @Override
            public boolean maintainer() {
                return false;
            }

            @Override
            public boolean inTeam(String slug) {
                return false;
            }
        }, c -> new SignatureVerification(true, "valid", null, null, "verified", null));
        ReceivePack receivePack = mock(ReceivePack.class);
        when(receivePack.isAtomic()).thenReturn(true);
        ReceiveCommand tag = new ReceiveCommand(ObjectId.zeroId(), ONE, "refs/tags/v1");
        ReceiveCommand other = new ReceiveCommand(ObjectId.zeroId(), ONE, "refs/tags/nightly");

        hook.onPreReceive(receivePack, List.of(tag, other));

        assertThat(tag.getMessage()).isEqualTo("protected tag");
        assertThat(other.getResult()).isEqualTo(ReceiveCommand.Result.REJECTED_OTHER_REASON);
        assertThat(other.getMessage()).isEqualTo("transaction aborted");
        verify(receivePack).sendMessage("refs/tags/v1 is protected: only users with the maintain or admin role may"
                + " create, update or delete it (tag protection \"v*\")");

        when(receivePack.isAtomic()).thenReturn(false);
        ReceiveCommand again = new ReceiveCommand(ObjectId.zeroId(), ONE, "refs/tags/v2");
        ReceiveCommand free = new ReceiveCommand(ObjectId.zeroId(), ONE, "refs/tags/nightly");
        hook.onPreReceive(receivePack, List.of(again, free));
        assertThat(again.getResult()).isEqualTo(ReceiveCommand.Result.REJECTED_OTHER_REASON);
        assertThat(free.getResult()).as("a non-atomic push goes on").isEqualTo(ReceiveCommand.Result.NOT_ATTEMPTED);
    }
}
