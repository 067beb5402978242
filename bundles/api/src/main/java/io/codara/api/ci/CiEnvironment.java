package io.codara.api.ci;

import java.util.Map;

/**
 * The secrets and variables a workflow of one repository sees: the organisation's, overridden by the
 * repository's own of the same name.
 *
 * @param secrets decrypted secrets by name: for the engine only, never shown, masked in logs
 * @param variables variables by name
 */
public record CiEnvironment(Map<String, String> secrets, Map<String, String> variables) {

    public CiEnvironment {
        secrets = Map.copyOf(secrets);
        variables = Map.copyOf(variables);
    }

    @Override
    public String toString() {
        return "CiEnvironment[secrets=" + secrets.keySet() + ", variables=" + variables + "]";
    }
}
