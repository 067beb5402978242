package io.codara.git.internal;

import java.util.List;

import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;

import io.codara.api.git.BranchProtection;
import io.codara.api.git.BranchProtections;
import io.codara.api.git.Repository;
import io.codara.api.git.TagProtection;
import io.codara.api.identity.Organizations;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the {@link ProtectionHook} of one push: the repository's rules read once when the push starts, the pusher's
 * roles and teams asked only if a rule needs them.
 */
@Component(service = PushProtection.class)
public final class PushProtection {

    static final String UNCHECKED = "Codara could not read this repository's protection rules, so nothing was changed; try again";
    private static final Logger LOG = LoggerFactory.getLogger(PushProtection.class);

    private final BranchProtections protections;
    private final Permissions permissions;
    private final Organizations organizations;
    private final CommitSignatures signatures;

    @Activate
    public PushProtection(@Reference BranchProtections protections, @Reference Permissions permissions,
            @Reference Organizations organizations, @Reference CommitSignatures signatures) {
        this.protections = protections;
        this.permissions = permissions;
        this.organizations = organizations;
        this.signatures = signatures;
    }

    /**
     * The hook of one push. It reads the rules when the commands are known (JGit also makes a receive-pack for the
     * ref advertisement, which needs none), and refuses every command when they cannot be read: a push that cannot
     * be checked does not land.
     */
    PreReceiveHook hook(Repository repository, Principal principal) {
        return (receivePack, commands) -> {
            List<BranchProtection> branches;
            List<TagProtection> tags;
            try {
                branches = protections.list(repository.id());
                tags = protections.tagProtections(repository.id());
            } catch (RuntimeException e) {
                LOG.warn("Push to {} refused: its protection rules could not be read: {}", repository.fullName(),
                        e.toString());
                receivePack.sendError(UNCHECKED + ".");
                for (ReceiveCommand command : commands) {
                    if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
                        command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, UNCHECKED);
                    }
                }
                return;
            }
            new ProtectionHook(branches, tags, new LazyPusher(repository, principal), signatures::verify)
                    .onPreReceive(receivePack, commands);
        };
    }

    /**
     * Why a server-side update of a ref by {@code principal} may not be applied, if it may not (a branch protection
     * rule refuses it); the rules are read now, and a failure to read them refuses the update.
     */
    java.util.Optional<String> refusal(Repository repository, Principal principal, org.eclipse.jgit.lib.Repository git,
            ReceiveCommand command) {
        List<BranchProtection> branches;
        List<TagProtection> tags;
        try {
            branches = protections.list(repository.id());
            tags = protections.tagProtections(repository.id());
        } catch (RuntimeException e) {
            LOG.warn("Update of {} refused: its protection rules could not be read: {}", repository.fullName(),
                    e.toString());
            return java.util.Optional.of(UNCHECKED);
        }
        if (branches.isEmpty() && tags.isEmpty()) {
            return java.util.Optional.empty();
        }
        return new ProtectionHook(branches, tags, new LazyPusher(repository, principal), signatures::verify)
                .refusal(git, command).map(ProtectionHook.Refusal::message);
    }

    private final class LazyPusher implements ProtectionHook.Pusher {

        private final Repository repository;
        private final Principal principal;
        private Boolean admin;
        private Boolean maintainer;

        LazyPusher(Repository repository, Principal principal) {
            this.repository = repository;
            this.principal = principal;
        }

        @Override
        public String login() {
            return principal.login() == null ? "" : principal.login();
        }

        @Override
        public boolean admin() {
            if (admin == null) {
                admin = allowed(RepositoryAuthority.ADMIN);
            }
            return admin;
        }

        @Override
        public boolean maintainer() {
            if (maintainer == null) {
                maintainer = allowed(RepositoryAuthority.MAINTAIN);
            }
            return maintainer;
        }

        @Override
        public boolean inTeam(String slug) {
            return !principal.anonymous()
                    && organizations.teamMembership(repository.owner(), slug, principal.login()).isPresent();
        }

        private boolean allowed(String action) {
            return permissions.decide(principal, action, new ResourceRef("repository", repository.fullName()))
                    == Decision.ALLOW;
        }
    }
}
