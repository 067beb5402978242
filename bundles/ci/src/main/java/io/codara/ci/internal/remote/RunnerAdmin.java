package io.codara.ci.internal.remote;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;

import io.codara.api.rest.ApiException;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;
import io.codara.ci.internal.CiAccess;
import io.codara.ci.internal.remote.RemoteRunners.Scope;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Self-hosted runners as GitHub's REST API has them, for a repository's admins, an organisation's owners and (for
 * every repository) site administrators: {@code .../actions/runners[/{id}]} and
 * {@code .../actions/runners/registration-token}, under {@code repos/{owner}/{repo}}, {@code orgs/{org}} and
 * {@code site}.
 */
/**
 * What the runner resources share: who may manage the runners of a repository (its admins), of an organisation (its
 * owners) and of the whole site (site administrators), and GitHub's answers.
 */
@Component(service = RunnerAdmin.class)
public final class RunnerAdmin {

    private final RemoteRunners runners;
    private final CiAccess access;
    private final Permissions permissions;

    @Activate
    public RunnerAdmin(@Reference RemoteRunners runners, @Reference CiAccess access,
            @Reference Permissions permissions) {
        this.runners = runners;
        this.access = access;
        this.permissions = permissions;
    }

    Scope repository(String owner, String repo, HttpServletRequest request) {
        return Scope.repository(access.repository(owner, repo, "admin", request).id());
    }

    Scope organization(String org, HttpServletRequest request) {
        return Scope.organization(access.organization(org, "admin", request).id());
    }

    Scope site(HttpServletRequest request) {
        Principal principal = Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE));
        permissions.require(principal, "admin", ResourceRef.SITE);
        return Scope.SITE;
    }

    Map<String, Object> list(Scope scope) {
        return RunnerViews.list(runners.list(scope), runners);
    }

    Response token(Scope scope, HttpServletRequest request) {
        String login = Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE)).login();
        if (login == null) {
            throw new ApiException(401, "Requires authentication");
        }
        RemoteRunners.RegistrationToken token = runners.createRegistrationToken(scope, login);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", token.token());
        out.put("expires_at", token.expiresAt().toString());
        return Response.status(201).entity(out).build();
    }

    Map<String, Object> get(Scope scope, long id) {
        return runners.find(id).filter(r -> r.scope().equals(scope)).map(r -> RunnerViews.runner(r, runners))
                .orElseThrow(ApiException::notFound);
    }

    Response delete(Scope scope, long id, HttpServletRequest request) {
        if (Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE)).anonymous()) {
            throw new ApiException(401, "Requires authentication");
        }
        if (!runners.delete(scope, id)) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }
}
