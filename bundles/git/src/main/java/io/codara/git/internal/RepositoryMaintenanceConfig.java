package io.codara.git.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** When repositories are repacked after pushes. */
@ObjectClassDefinition(name = "Codara repository maintenance")
public @interface RepositoryMaintenanceConfig {

    @AttributeDefinition(description = "Seconds between the first push of a burst and the repack it schedules.")
    int delay_seconds() default 60;
}
