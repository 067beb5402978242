package io.codara.web.internal;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Makes Jackson the JSON provider of every Codara resource. Registered as a feature that registers classes,
 * because provider instances break after a whiteboard reload.
 */
@Component(service = Feature.class)
@JakartarsExtension
@JakartarsName("codara.json")
public final class JsonFeature implements Feature {

    @Override
    public boolean configure(FeatureContext context) {
        context.register(ObjectMapperResolver.class);
        context.register(JacksonJsonProvider.class);
        return true;
    }
}
