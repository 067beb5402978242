package io.codara.ci.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.codara.api.audit.Actor;
import io.codara.api.ci.CiSecrets;
import io.codara.api.ci.SecretInfo;
import io.codara.api.ci.SecretScope;
import io.codara.api.ci.Variable;
import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.rest.PagedObject;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The secrets and variables endpoints of GitHub Actions, shared by the repository and organisation resources once
 * they have authorised the caller. Secret values go in and never come out.
 */
@Component(service = ActionsSettings.class)
public final class ActionsSettings {

    private static final String DOCS = "https://docs.github.com/rest/actions/secrets";

    private final CiSecrets secrets;

    @Activate
    public ActionsSettings(@Reference CiSecrets secrets) {
        this.secrets = secrets;
    }

    Response listSecrets(SecretScope scope, Integer page, Integer perPage, UriInfo uri) {
        PageRequest request = PageRequest.of(page, perPage);
        Page<SecretInfo> found = secrets.secrets(scope, request);
        boolean org = scope.kind() == SecretScope.Kind.ORGANIZATION;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", found.total());
        body.put("secrets", found.items().stream().map(s -> CiJson.secret(s, org)).toList());
        return Response.ok(new PagedObject(body, request, found.total())).build();
    }

    Map<String, Object> secret(SecretScope scope, String name) {
        return secrets.secret(scope, name).map(s -> CiJson.secret(s, scope.kind() == SecretScope.Kind.ORGANIZATION))
                .orElseThrow(ApiException::notFound);
    }

    /** 201 when created, 204 when replaced, as GitHub answers. */
    Response putSecret(SecretScope scope, String name, Map<String, Object> body, Actor actor) {
        if (body == null) {
            throw new ApiException(400, "Problems parsing JSON");
        }
        if (scope.kind() == SecretScope.Kind.ORGANIZATION) {
            visibility(body, "Secret");
        }
        Object value = body.get("value");
        if (value == null && body.get("encrypted_value") != null) {
            throw new ApiException(422, "Codara does not accept encrypted_value: it ships no libsodium sealed boxes"
                    + " (and so no public-key). Send the secret's plaintext as \"value\" over HTTPS; it is encrypted at"
                    + " rest with AES-256-GCM.", List.of(new ApiError.FieldError("Secret", "value", "missing_field",
                            "send value instead of encrypted_value")));
        }
        if (value != null && !(value instanceof String)) {
            throw SecretNames.invalid("Secret", "value", "invalid", "value must be a string");
        }
        boolean created = secrets.putSecret(scope, name, (String) value, actor);
        return created ? Response.status(201).entity(Map.of()).build() : Response.noContent().build();
    }

    Response deleteSecret(SecretScope scope, String name, Actor actor) {
        if (!secrets.deleteSecret(scope, name, actor)) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }

    /** GitHub has clients seal secrets with this key; Codara takes the plaintext over HTTPS instead. */
    static ApiException noPublicKey() {
        return new ApiException(404, "Codara has no public key for sealed secrets: PUT the secret's plaintext as"
                + " {\"value\": \"...\"} over HTTPS; it is encrypted at rest with AES-256-GCM. See " + DOCS);
    }

    Response listVariables(SecretScope scope, Integer page, Integer perPage, UriInfo uri) {
        PageRequest request = PageRequest.of(page, perPage);
        Page<Variable> found = secrets.variables(scope, request);
        boolean org = scope.kind() == SecretScope.Kind.ORGANIZATION;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_count", found.total());
        body.put("variables", found.items().stream().map(v -> CiJson.variable(v, org)).toList());
        return Response.ok(new PagedObject(body, request, found.total())).build();
    }

    Map<String, Object> variable(SecretScope scope, String name) {
        return secrets.variable(scope, name).map(v -> CiJson.variable(v, scope.kind() == SecretScope.Kind.ORGANIZATION))
                .orElseThrow(ApiException::notFound);
    }

    Response createVariable(SecretScope scope, Map<String, Object> body, Actor actor, UriInfo uri) {
        if (body == null) {
            throw new ApiException(400, "Problems parsing JSON");
        }
        if (scope.kind() == SecretScope.Kind.ORGANIZATION) {
            visibility(body, "Variable");
        }
        Variable created = secrets.createVariable(scope, string(body, "name"), string(body, "value"), actor);
        return Response.status(201).location(uri.getAbsolutePathBuilder().path(created.name()).build())
                .entity(Map.of()).build();
    }

    Response updateVariable(SecretScope scope, String name, Map<String, Object> body, Actor actor) {
        if (body == null) {
            throw new ApiException(400, "Problems parsing JSON");
        }
        if (scope.kind() == SecretScope.Kind.ORGANIZATION && body.containsKey("visibility")) {
            visibility(body, "Variable");
        }
        secrets.updateVariable(scope, name, string(body, "name"), string(body, "value"), actor)
                .orElseThrow(ApiException::notFound);
        return Response.noContent().build();
    }

    Response deleteVariable(SecretScope scope, String name, Actor actor) {
        if (!secrets.deleteVariable(scope, name, actor)) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }

    /** Organisation secrets and variables are visible to all of its repositories: the one visibility Codara has. */
    private static void visibility(Map<String, Object> body, String resource) {
        Object visibility = body.get("visibility");
        if (visibility != null && !"all".equals(visibility)) {
            throw SecretNames.invalid(resource, "visibility", "invalid",
                    "visibility must be all: Codara does not limit organisation " + resource.toLowerCase() + "s to"
                            + " private or selected repositories");
        }
    }

    private static String string(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw SecretNames.invalid("Variable", field, "invalid", field + " must be a string");
    }

}
