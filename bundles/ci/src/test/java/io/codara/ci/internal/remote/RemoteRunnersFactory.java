package io.codara.ci.internal.remote;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Map;

import io.codara.api.auth.AccessTokens;
import io.codara.api.ci.CiSecrets;
import io.codara.api.git.Repositories;
import io.codara.api.identity.Accounts;
import io.codara.api.storage.Database;
import io.codara.ci.internal.engine.CiEngine;

/** Builds the remote runner components for tests outside this package, configured from maps. */
public final class RemoteRunnersFactory {

    private RemoteRunnersFactory() {
    }

    public static RemoteRunners runners(Database database, CiEngine engine, CiSecrets secrets,
            Repositories repositories, Accounts accounts, AccessTokens tokens, Map<String, Object> config,
            Clock clock) {
        RemoteRunnersConfig c = (RemoteRunnersConfig) Proxy.newProxyInstance(
                RemoteRunnersFactory.class.getClassLoader(), new Class<?>[] {RemoteRunnersConfig.class},
                (proxy, method, args) -> config.containsKey(method.getName()) ? config.get(method.getName())
                        : method.getDefaultValue());
        return new RemoteRunners(database, engine, secrets, repositories, accounts, tokens, c, clock);
    }

    /** The stored credential hashes, in runner order. */
    public static java.util.List<byte[]> storedHashes(RemoteRunners runners) {
        return runners.storedCredentialHashes();
    }
}
