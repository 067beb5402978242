package io.codara.git.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.codara.api.git.BranchProtection;
import io.codara.api.git.ProtectionRule;
import io.codara.api.git.Repository;
import io.codara.api.git.TagProtection;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;

/**
 * GitHub's JSON of branch protection ({@code GET .../branches/{branch}/protection}) and tag protection, and the
 * reading of a {@code PUT} body into a {@link ProtectionRule}.
 */
final class ProtectionJson {

    private final String api;
    private final String web;
    private final Repository repository;

    ProtectionJson(URI apiBase, Repository repository) {
        String base = apiBase.toString().endsWith("/") ? apiBase.toString() : apiBase + "/";
        this.api = base + "repos/" + repository.fullName();
        this.web = RepositoryJson.web(base);
        this.repository = repository;
    }

    String url(String pattern) {
        return api + "/branches/" + GitJson.escape(pattern, true) + "/protection";
    }

    Map<String, Object> protection(BranchProtection protection, Accounts accounts, Organizations organizations) {
        String url = url(protection.pattern());
        ProtectionRule rule = protection.rule();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url);
        if (rule.requiredStatusChecks() != null) {
            json.put("required_status_checks", statusChecks(url, rule.requiredStatusChecks()));
        }
        if (rule.requiredPullRequestReviews() != null) {
            ProtectionRule.PullRequestReviews reviews = rule.requiredPullRequestReviews();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("url", url + "/required_pull_request_reviews");
            r.put("dismiss_stale_reviews", reviews.dismissStaleReviews());
            r.put("require_code_owner_reviews", reviews.requireCodeOwnerReviews());
            r.put("required_approving_review_count", reviews.requiredApprovingReviewCount());
            r.put("require_last_push_approval", false);
            json.put("required_pull_request_reviews", r);
        }
        json.put("required_signatures", signatures(protection));
        json.put("enforce_admins", Map.of("url", url + "/enforce_admins", "enabled", rule.enforceAdmins()));
        json.put("required_linear_history", Map.of("enabled", rule.requiredLinearHistory()));
        json.put("allow_force_pushes", Map.of("enabled", rule.allowForcePushes()));
        json.put("allow_deletions", Map.of("enabled", rule.allowDeletions()));
        json.put("block_creations", Map.of("enabled", false));
        json.put("required_conversation_resolution", Map.of("enabled", false));
        json.put("lock_branch", Map.of("enabled", false));
        json.put("allow_fork_syncing", Map.of("enabled", false));
        if (rule.restrictions() != null) {
            json.put("restrictions", restrictions(url, rule.restrictions(), accounts, organizations));
        }
        return json;
    }

    Map<String, Object> signatures(BranchProtection protection) {
        return Map.of("url", url(protection.pattern()) + "/required_signatures",
                "enabled", protection.rule().requiredSignatures());
    }

    private static Map<String, Object> statusChecks(String url, ProtectionRule.StatusChecks checks) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url + "/required_status_checks");
        json.put("strict", checks.strict());
        json.put("contexts", checks.contexts());
        json.put("contexts_url", url + "/required_status_checks/contexts");
        json.put("checks", checks.contexts().stream().map(c -> {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("context", c);
            check.put("app_id", null);
            return check;
        }).toList());
        return json;
    }

    private Map<String, Object> restrictions(String url, ProtectionRule.Restrictions restrictions, Accounts accounts,
            Organizations organizations) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url + "/restrictions");
        json.put("users_url", url + "/restrictions/users");
        json.put("teams_url", url + "/restrictions/teams");
        json.put("apps_url", url + "/restrictions/apps");
        String base = api.substring(0, api.indexOf("repos/"));
        json.put("users", restrictions.users().stream().map(login -> {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("login", login);
            user.put("id", accounts.find(login).map(a -> (Object) a.id()).orElse(null));
            user.put("url", base + "users/" + login);
            user.put("html_url", web + login);
            user.put("type", "User");
            return user;
        }).toList());
        json.put("teams", restrictions.teams().stream().map(slug -> {
            Map<String, Object> team = new LinkedHashMap<>();
            var found = organizations.team(repository.owner(), slug);
            team.put("id", found.map(t -> (Object) t.id()).orElse(null));
            team.put("name", found.map(t -> t.name()).orElse(slug));
            team.put("slug", slug);
            team.put("url", base + "orgs/" + repository.owner() + "/teams/" + slug);
            return team;
        }).toList());
        json.put("apps", List.of());
        return json;
    }

    Map<String, Object> tag(TagProtection protection) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", protection.id());
        json.put("pattern", protection.pattern());
        return json;
    }

    /** {@code protection} of a branch in GitHub's branch JSON. */
    static Map<String, Object> branchSummary(BranchProtection protection) {
        ProtectionRule rule = protection.rule();
        Map<String, Object> checks = new LinkedHashMap<>();
        List<String> contexts = rule.requiredStatusChecks() == null ? List.of() : rule.requiredStatusChecks().contexts();
        checks.put("enforcement_level", rule.requiredStatusChecks() == null ? "off"
                : rule.enforceAdmins() ? "everyone" : "non_admins");
        checks.put("contexts", contexts);
        checks.put("checks", contexts.stream().map(c -> {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("context", c);
            check.put("app_id", null);
            return check;
        }).toList());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("enabled", true);
        json.put("required_status_checks", checks);
        return json;
    }

    // ---- reading a PUT body

    /** GitHub's {@code PUT .../protection} body: the four required keys may be {@code null}; the rest are optional. */
    static ProtectionRule rule(Map<String, Object> body) {
        if (body == null) {
            throw invalid("body", "missing", "a JSON object is required");
        }
        ProtectionRule.StatusChecks checks = null;
        Map<String, Object> statusChecks = object(body, "required_status_checks");
        if (statusChecks != null) {
            List<String> contexts = new ArrayList<>(strings(statusChecks, "required_status_checks.contexts", "contexts"));
            Object list = statusChecks.get("checks");
            if (list instanceof List<?> items) {
                for (Object item : items) {
                    if (!(item instanceof Map<?, ?> m) || !(m.get("context") instanceof String context)) {
                        throw invalid("required_status_checks.checks", "invalid", "each check is an object with a context");
                    }
                    contexts.add(context);
                }
            } else if (list != null) {
                throw invalid("required_status_checks.checks", "invalid", "checks must be an array");
            }
            checks = new ProtectionRule.StatusChecks(bool(statusChecks, "required_status_checks.strict", "strict"), contexts);
        }
        ProtectionRule.PullRequestReviews reviews = null;
        Map<String, Object> reviewBody = object(body, "required_pull_request_reviews");
        if (reviewBody != null) {
            Object count = reviewBody.get("required_approving_review_count");
            if (count != null && !(count instanceof Integer)) {
                throw invalid("required_pull_request_reviews.required_approving_review_count", "invalid",
                        "required_approving_review_count must be an integer from 0 to 6");
            }
            reviews = new ProtectionRule.PullRequestReviews(count == null ? 1 : (Integer) count,
                    bool(reviewBody, "required_pull_request_reviews.dismiss_stale_reviews", "dismiss_stale_reviews"),
                    bool(reviewBody, "required_pull_request_reviews.require_code_owner_reviews", "require_code_owner_reviews"));
        }
        ProtectionRule.Restrictions restrictions = null;
        Map<String, Object> restrictionBody = object(body, "restrictions");
        if (restrictionBody != null) {
            restrictions = new ProtectionRule.Restrictions(strings(restrictionBody, "restrictions.users", "users"),
                    strings(restrictionBody, "restrictions.teams", "teams"));
        }
        return new ProtectionRule(checks, bool(body, "enforce_admins", "enforce_admins"), reviews, restrictions,
                bool(body, "required_linear_history", "required_linear_history"),
                bool(body, "allow_force_pushes", "allow_force_pushes"), bool(body, "allow_deletions", "allow_deletions"),
                bool(body, "required_signatures", "required_signatures"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?>)) {
            throw invalid(key, "invalid", key + " must be an object or null");
        }
        return (Map<String, Object>) value;
    }

    private static boolean bool(Map<String, Object> body, String field, String key) {
        Object value = body.get(key);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw invalid(field, "invalid", field + " must be true, false or null");
        }
        return b;
    }

    private static List<String> strings(Map<String, Object> body, String field, String key) {
        Object value = body.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
            throw invalid(field, "invalid", field + " must be an array of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static ApiException invalid(String field, String code, String message) {
        return ApiException.validation(List.of(new FieldError("BranchProtection", field, code, message)));
    }
}
