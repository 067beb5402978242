package io.codara.ci.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.UriInfo;

import io.codara.api.ci.CommitStatus;
import io.codara.api.ci.SecretInfo;
import io.codara.api.ci.Variable;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.rest.PageRequest;

/** GitHub's JSON shapes of statuses, secrets and variables, with URLs under the request's API base. */
final class CiJson {

    private final String api;
    private final String web;

    CiJson(URI apiBase) {
        this.api = apiBase.toString().endsWith("/") ? apiBase.toString() : apiBase + "/";
        this.web = api.endsWith("api/v3/") ? api.substring(0, api.length() - "api/v3/".length()) : api;
    }

    /** One status; {@code creator} is {@code null} for Codara's own statuses and in the combined view. */
    Map<String, Object> status(Repository repository, CommitStatus status, Account creator, boolean withCreator) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", api + "repos/" + repository.fullName() + "/statuses/" + status.sha());
        json.put("avatar_url", creator == null ? null : api + "users/" + creator.login() + "/avatar");
        json.put("id", status.id());
        json.put("node_id", nodeId("StatusContext", status.id()));
        json.put("state", status.state().githubName());
        json.put("description", status.description());
        json.put("target_url", status.targetUrl());
        json.put("context", status.context());
        json.put("created_at", time(status.createdAt()));
        json.put("updated_at", time(status.updatedAt()));
        if (withCreator) {
            json.put("creator", creator == null ? null : user(creator));
        }
        return json;
    }

    /** GitHub's minimal repository, as the combined status embeds it. */
    Map<String, Object> repository(Repository repository, Account owner) {
        String url = api + "repos/" + repository.fullName();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", repository.id());
        json.put("node_id", nodeId("Repository", repository.id()));
        json.put("name", repository.name());
        json.put("full_name", repository.fullName());
        json.put("private", repository.visibility() != Visibility.PUBLIC);
        json.put("owner", user(owner));
        json.put("html_url", web + repository.fullName());
        json.put("description", repository.description());
        json.put("fork", repository.fork());
        json.put("url", url);
        json.put("statuses_url", url + "/statuses/{sha}");
        json.put("commits_url", url + "/commits{/sha}");
        return json;
    }

    /** GitHub's simple user (or organisation). */
    Map<String, Object> user(Account account) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("login", account.login());
        json.put("id", account.id());
        json.put("node_id", nodeId(account.type().githubName(), account.id()));
        json.put("avatar_url", api + "users/" + account.login() + "/avatar");
        json.put("url", api + (account.organization() ? "orgs/" : "users/") + account.login());
        json.put("html_url", web + account.login());
        json.put("type", account.type().githubName());
        json.put("site_admin", account.siteAdmin());
        return json;
    }

    String commitUrl(Repository repository, String sha) {
        return api + "repos/" + repository.fullName() + "/commits/" + sha;
    }

    static Map<String, Object> secret(SecretInfo secret, boolean organization) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", secret.name());
        json.put("created_at", time(secret.createdAt()));
        json.put("updated_at", time(secret.updatedAt()));
        if (organization) {
            json.put("visibility", "all");
        }
        return json;
    }

    static Map<String, Object> variable(Variable variable, boolean organization) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", variable.name());
        json.put("value", variable.value());
        json.put("created_at", time(variable.createdAt()));
        json.put("updated_at", time(variable.updatedAt()));
        if (organization) {
            json.put("visibility", "all");
        }
        return json;
    }


    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String nodeId(String type, long id) {
        return Base64.getEncoder().withoutPadding().encodeToString(("0:" + type + id).getBytes(StandardCharsets.US_ASCII));
    }
}
