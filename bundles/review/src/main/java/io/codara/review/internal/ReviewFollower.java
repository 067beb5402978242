package io.codara.review.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.codara.api.audit.Actor;
import io.codara.api.event.Topics;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.identity.Account;
import io.codara.api.identity.Organizations;
import io.codara.api.identity.TeamMembership;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.review.ChangedFile;
import io.codara.api.review.PullRequest;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows pull requests as they open and move: review comments are re-anchored on a new head, and the code owners
 * of the changed files (of all files on opening, of the newly changed ones on a push) are asked to review, from the
 * CODEOWNERS file of the base branch. Owners are users ({@code @login}), members of teams ({@code @org/team}) or
 * verified emails; the author and whoever cannot read the base repository are left out.
 */
@Component(service = EventHandler.class, property = {
    EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_OPENED,
    EventConstants.EVENT_TOPIC + "=" + Topics.PULL_REQUEST_SYNCHRONIZE})
public final class ReviewFollower implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewFollower.class);

    private final PostgresPullRequests pulls;
    private final PostgresReviews reviews;
    private final ReviewAccess access;
    private final RepositoryDirectories directories;
    private final Organizations organizations;
    private final Permissions permissions;

    @Activate
    public ReviewFollower(@Reference PostgresPullRequests pulls, @Reference PostgresReviews reviews,
            @Reference ReviewAccess access, @Reference RepositoryDirectories directories,
            @Reference Organizations organizations, @Reference Permissions permissions) {
        this.pulls = pulls;
        this.reviews = reviews;
        this.access = access;
        this.directories = directories;
        this.organizations = organizations;
        this.permissions = permissions;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty("pull_request_id") instanceof Number id)) {
            return;
        }
        PullRequest pull = pulls.byId(id.longValue()).orElse(null);
        if (pull == null || !pull.open()) {
            return;
        }
        String actor = event.getProperty("actor") instanceof String a ? a : null;
        if (Topics.PULL_REQUEST_SYNCHRONIZE.equals(event.getTopic())) {
            reviews.follow(pull);
            String before = event.getProperty("before") instanceof String b ? b : null;
            requestOwners(pull, before, actor);
        } else {
            requestOwners(pull, null, actor);
        }
    }

    /** Asks the code owners of the files {@code pull} changes (beyond those it changed at {@code before}). */
    int requestOwners(PullRequest pull, String before, String actor) {
        Repository base = access.repository(pull.repositoryId());
        if (base == null) {
            return 0;
        }
        Path baseDir = directories.gitDirectory(pull.repositoryId());
        Path headDir = directories.gitDirectory(pull.headRepositoryId());
        Optional<String> file = Optional.empty();
        for (String location : CodeOwners.LOCATIONS) {
            file = PullRequestGit.text(baseDir, headDir, pull.baseSha(), location);
            if (file.isPresent()) {
                break;
            }
        }
        if (file.isEmpty()) {
            return 0;
        }
        CodeOwners owners = CodeOwners.parse(file.get());
        Set<String> paths = new LinkedHashSet<>();
        for (ChangedFile changed : PullRequestGit.files(baseDir, headDir, pull.baseSha(), pull.headSha())) {
            paths.add(changed.filename());
        }
        if (before != null) {
            try {
                for (ChangedFile earlier : PullRequestGit.files(baseDir, headDir, pull.baseSha(), before)) {
                    paths.remove(earlier.filename());
                }
            } catch (RuntimeException e) {
                // The old head is gone (a force push that was collected): all files count as new.
            }
        }
        List<Long> ids = new ArrayList<>();
        List<Long> already = pulls.requestedReviewers(pull.repositoryId(), pull.number());
        for (String owner : owners.owners(List.copyOf(paths))) {
            for (Account account : accounts(base, owner)) {
                if (account.id() != pull.authorId() && !ids.contains(account.id())
                        && !already.contains(account.id()) && !account.organization() && mayRead(base, account)) {
                    ids.add(account.id());
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        String who = actor != null ? actor : Optional.ofNullable(access.account(pull.authorId()))
                .map(Account::login).orElse("codara");
        pulls.requestReviewers(pull.repositoryId(), pull.number(), ids, new Actor(who, null));
        return ids.size();
    }

    private List<Account> accounts(Repository base, String owner) {
        if (owner.startsWith("@") && owner.contains("/")) {
            String org = owner.substring(1, owner.indexOf('/'));
            String slug = owner.substring(owner.indexOf('/') + 1);
            List<Account> members = new ArrayList<>();
            try {
                for (int page = 1; page <= 10; page++) {
                    Page<TeamMembership> found = organizations.teamMembers(org, slug,
                            new PageRequest(page, PageRequest.MAX_PER_PAGE));
                    for (TeamMembership m : found.items()) {
                        Account account = access.account(m.user());
                        if (account != null) {
                            members.add(account);
                        }
                    }
                    if (page >= found.lastPage()) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("CODEOWNERS of {} names team {} that could not be read: {}", base.fullName(), owner,
                        e.toString());
            }
            return members;
        }
        Account account = owner.startsWith("@") ? access.account(owner.substring(1))
                : owner.contains("@") ? access.accountByEmail(owner) : null;
        return account == null ? List.of() : List.of(account);
    }

    private boolean mayRead(Repository base, Account account) {
        return permissions.decide(new Principal(account.login(), account.siteAdmin(), null), ReviewAccess.READ,
                new ResourceRef("repository", base.fullName())) == Decision.ALLOW;
    }
}
