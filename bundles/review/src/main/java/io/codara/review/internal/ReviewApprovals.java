package io.codara.review.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.codara.api.git.Repository;
import io.codara.api.identity.Account;
import io.codara.api.storage.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The approvals of {@code review.reviews} as branch protection counts them: each reviewer's latest submitted
 * decisive review (APPROVED, CHANGES_REQUESTED or DISMISSED; plain comments and pending reviews do not decide),
 * never the author's, and approvals only from those who may write to the repository now, as on GitHub.
 */
@Component(service = PullRequestApprovals.class)
public final class ReviewApprovals implements PullRequestApprovals {

    private final Database database;
    private final ReviewAccess access;

    @Activate
    public ReviewApprovals(@Reference ReviewSchema schema, @Reference Database database,
            @Reference ReviewAccess access) {
        this.database = database;
        this.access = access;
    }

    @Override
    public ApprovalState approvals(long pullRequestId) {
        int approvals = 0;
        int ofHead = 0;
        boolean changesRequested = false;
        Repository base = null;
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT DISTINCT ON (r.user_id) r.user_id, r.state,"
                        + " r.commit_id = p.head_sha, p.repository_id FROM review.reviews r"
                        + " JOIN review.pull_requests p ON p.id = r.pull_request_id"
                        + " WHERE r.pull_request_id = ? AND r.user_id <> p.author_id AND r.submitted_at IS NOT NULL"
                        + " AND r.state IN ('APPROVED', 'CHANGES_REQUESTED', 'DISMISSED')"
                        + " ORDER BY r.user_id, r.submitted_at DESC, r.id DESC")) {
            s.setLong(1, pullRequestId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String state = rs.getString(2);
                    if ("CHANGES_REQUESTED".equals(state)) {
                        changesRequested = true;
                    } else if ("APPROVED".equals(state)) {
                        if (base == null) {
                            base = access.repository(rs.getLong(4));
                        }
                        Account reviewer = access.account(rs.getLong(1));
                        if (base != null && reviewer != null && access.collaborator(base, reviewer)) {
                            approvals++;
                            if (rs.getBoolean(3)) {
                                ofHead++;
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the approvals of a pull request", e);
        }
        return new ApprovalState(approvals, ofHead, changesRequested);
    }
}
