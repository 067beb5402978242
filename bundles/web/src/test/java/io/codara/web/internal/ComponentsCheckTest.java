package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;

import io.codara.api.health.HealthStatus;

import org.junit.jupiter.api.Test;
import org.osgi.framework.dto.BundleDTO;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

class ComponentsCheckTest {

    private final ServiceComponentRuntime runtime = mock(ServiceComponentRuntime.class);
    private final List<ComponentDescriptionDTO> descriptions = new ArrayList<>();

    private ComponentsCheck check() {
        when(runtime.getComponentDescriptionDTOs()).thenReturn(descriptions);
        ComponentsCheck check = new ComponentsCheck();
        check.runtime = runtime;
        return check;
    }

    private void component(String bundle, String name, boolean enabled, int... states) {
        ComponentDescriptionDTO description = new ComponentDescriptionDTO();
        description.bundle = new BundleDTO();
        description.bundle.symbolicName = bundle;
        description.name = name;
        List<ComponentConfigurationDTO> configurations = new ArrayList<>();
        for (int state : states) {
            ComponentConfigurationDTO configuration = new ComponentConfigurationDTO();
            configuration.state = state;
            configurations.add(configuration);
        }
        when(runtime.isComponentEnabled(description)).thenReturn(enabled);
        when(runtime.getComponentConfigurationDTOs(description)).thenReturn(configurations);
        descriptions.add(description);
    }

    @Test
    void upWhenEveryCodaraComponentHasItsServices() {
        component("io.codara.git", "io.codara.git.internal.GitHttpServlet", true, ComponentConfigurationDTO.ACTIVE);
        component("io.codara.auth", "io.codara.auth.internal.Sessions", true, ComponentConfigurationDTO.SATISFIED);
        // no configuration yet (configuration policy require): not waiting for a service
        component("io.codara.web", "io.codara.web.internal.Configured", true);
        component("io.codara.web", "io.codara.web.internal.Disabled", false, ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
        component("org.apache.karaf.shell.core", "Other", true, ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
        HealthStatus status = check().check();
        assertThat(status.name()).isEqualTo("components");
        assertThat(status.up()).isTrue();
    }

    @Test
    void downNamingTheComponentsThatWaitForAService() {
        component("io.codara.git", "io.codara.git.internal.GitHttpServlet", true, ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
        component("io.codara.git", "io.codara.git.internal.LfsServer", true, ComponentConfigurationDTO.ACTIVE);
        for (int i = 0; i < 6; i++) {
            component("io.codara.example.notes", "io.codara.example.Notes" + i, true, ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
        }
        HealthStatus status = check().check();
        assertThat(status.up()).isFalse();
        assertThat(status.detail()).startsWith("7 component(s) waiting for a service: io.codara.git.internal.GitHttpServlet, ")
                .endsWith(", ...").doesNotContain("LfsServer");
    }
}
