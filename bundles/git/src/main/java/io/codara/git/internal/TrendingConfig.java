package io.codara.git.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Codara trending repositories", description = "How explore ranks repositories: each"
        + " component counts what happened within the window, damped as weight * ln(1 + count) so that no single"
        + " kind of activity drowns the others")
@interface TrendingConfig {

    @AttributeDefinition(description = "Weight of new stars")
    double stars_weight() default 4.0;

    @AttributeDefinition(description = "Weight of new forks")
    double forks_weight() default 3.0;

    @AttributeDefinition(description = "Weight of pushes")
    double pushes_weight() default 1.0;

    @AttributeDefinition(description = "Weight of clones and fetches over HTTP")
    double clones_weight() default 1.0;
}
