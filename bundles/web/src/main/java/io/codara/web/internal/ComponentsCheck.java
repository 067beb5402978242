package io.codara.web.internal;

import java.util.ArrayList;
import java.util.List;

import io.codara.api.health.HealthStatus;
import io.codara.api.health.spi.HealthCheck;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Readiness check {@code components}: up once no component of a started Codara bundle (a capability or a plugin,
 * {@code io.codara.*}) waits for a service it needs. Karaf's boot features can all be started while a
 * capability's components still wait for its schema to be migrated, so without this a node would report ready
 * while, say, git over HTTP still answered 404; it also reports a capability whose dependency went away.
 */
@Component(service = HealthCheck.class)
public final class ComponentsCheck implements HealthCheck {

    static final String NAME = "components";
    private static final int NAMED = 5;

    @Reference
    ServiceComponentRuntime runtime;

    @Override
    public HealthStatus check() {
        List<String> waiting = new ArrayList<>();
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            if (!description.bundle.symbolicName.startsWith("io.codara.") || !runtime.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    waiting.add(description.name);
                }
            }
        }
        if (waiting.isEmpty()) {
            return new HealthStatus(NAME, true, "every Codara component has what it needs");
        }
        return new HealthStatus(NAME, false, waiting.size() + " component(s) waiting for a service: "
                + String.join(", ", waiting.subList(0, Math.min(NAMED, waiting.size())))
                + (waiting.size() > NAMED ? ", ..." : ""));
    }
}
