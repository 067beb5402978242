package io.codara.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;

import io.codara.api.auth.Authenticator;
import io.codara.api.auth.Identity;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

class CodaraRealmTest {

    private final Authenticator authenticator = mock(Authenticator.class);

    private CodaraRealm realm(long bundleId) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getBundleId()).thenReturn(bundleId);
        BundleContext context = mock(BundleContext.class);
        when(context.getBundle()).thenReturn(bundle);
        return new CodaraRealm(authenticator, context);
    }

    @Test
    void replacesKarafsRealmWithAHigherRank() {
        CodaraRealm realm = realm(42);

        assertThat(realm.getName()).isEqualTo("karaf");
        assertThat(realm.getRank()).isGreaterThan(0);
    }

    @Test
    void entryIsARequiredProxyToTheCodaraLoginModuleInThisBundle() {
        AppConfigurationEntry[] entries = realm(42).getEntries();

        assertThat(entries).hasSize(1);
        AppConfigurationEntry entry = entries[0];
        assertThat(entry.getLoginModuleName()).isEqualTo(ProxyLoginModule.class.getName());
        assertThat(entry.getControlFlag()).isEqualTo(AppConfigurationEntry.LoginModuleControlFlag.REQUIRED);
        Map<String, Object> options = Map.copyOf(entry.getOptions());
        assertThat(options)
                .containsEntry(ProxyLoginModule.PROPERTY_MODULE, CodaraLoginModule.class.getName())
                .containsEntry(ProxyLoginModule.PROPERTY_BUNDLE, "42")
                .containsEntry(CodaraLoginModule.AUTHENTICATOR_OPTION, authenticator);
    }

    @Test
    void entriesAreACopy() {
        CodaraRealm realm = realm(7);
        AppConfigurationEntry[] first = realm.getEntries();
        first[0] = null;

        assertThat(realm.getEntries()[0]).isNotNull();
    }

    @Test
    void entryOptionsAreEnoughForTheLoginModule() throws Exception {
        when(authenticator.authenticate(eq("root"), any())).thenReturn(Optional.of(new Identity("root", true)));
        Map<String, ?> options = realm(3).getEntries()[0].getOptions();
        Subject subject = new Subject();
        CodaraLoginModule module = new CodaraLoginModule();
        module.initialize(subject, callbacks -> {
            ((NameCallback) callbacks[0]).setName("root");
            ((PasswordCallback) callbacks[1]).setPassword("pw".toCharArray());
        }, Map.of(), options);

        assertThat(module.login()).isTrue();
        assertThat(module.commit()).isTrue();
        assertThat(subject.getPrincipals(RolePrincipal.class)).extracting(RolePrincipal::getName).contains("ssh");
    }
}
