package io.codara.ci.internal.artifacts;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link PostgresArtifacts}. */
@ObjectClassDefinition(name = "Codara CI artifacts",
        description = "Artifacts of workflow runs (actions/upload-artifact): how long they are kept")
@interface ArtifactsConfig {

    @AttributeDefinition(description = "Days an artifact is kept when its step sets no retention-days")
    int retention_days() default 90;

    @AttributeDefinition(description = "Most days a step's retention-days may ask for; more is cut to this")
    int max_retention_days() default 400;
}
