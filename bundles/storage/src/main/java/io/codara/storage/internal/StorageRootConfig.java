package io.codara.storage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the storage root (PID {@code io.codara.storage}). */
@ObjectClassDefinition(name = "Codara storage root", description = "Where Codara keeps repositories, blobs, models, indexes and embedded PostgreSQL data.")
public @interface StorageRootConfig {

    @AttributeDefinition(name = "Root", description = "Storage root directory. Blank: environment variable CODARA_ROOT, "
            + "else ${karaf.data}/codara, else ./data/codara.", required = false)
    String root() default "";
}
