package io.codara.shell.internal;

import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import io.codara.api.auth.Authenticator;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Replaces Karaf's {@code karaf} JAAS realm (the one its SSH server uses) with one that checks Codara's
 * credentials and admits site administrators only. Greedy: when a better-ranked {@link Authenticator} appears
 * (Codara's user accounts, over the first-administrator bootstrap) the realm switches to it.
 */
@Component(service = JaasRealm.class)
public final class CodaraRealm implements JaasRealm {

    static final String NAME = "karaf";

    private final AppConfigurationEntry[] entries;

    @Activate
    public CodaraRealm(@Reference(policyOption = ReferencePolicyOption.GREEDY) Authenticator authenticator,
            BundleContext context) {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, CodaraLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()));
        options.put(CodaraLoginModule.AUTHENTICATOR_OPTION, authenticator);
        entries = new AppConfigurationEntry[] {
            new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)
        };
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        // Above Karaf's own properties-file realm (rank 0).
        return 100;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries.clone();
    }
}
