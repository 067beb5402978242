package io.codara.storage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the database connection (PID {@code io.codara.storage}, shared with the storage root). */
@ObjectClassDefinition(name = "Codara database", description = "External PostgreSQL, or embedded PostgreSQL when no URL is set.")
public @interface PostgresDatabaseConfig {

    @AttributeDefinition(name = "JDBC URL", description = "e.g. jdbc:postgresql://db:5432/codara. Blank: environment "
            + "variable CODARA_DB_URL, else an embedded PostgreSQL under <root>/postgres.", required = false)
    String db_url() default "";

    @AttributeDefinition(name = "User", description = "Blank: environment variable CODARA_DB_USER.", required = false)
    String db_user() default "";

    /**
     * Property {@code .db.password}: the leading dot keeps it private, so Declarative Services does not copy it
     * onto the service properties where every bundle and {@code service:list} could read it.
     */
    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "Blank: environment variable CODARA_DB_PASSWORD.", required = false)
    String _db_password() default "";

    @AttributeDefinition(name = "Maximum pool size", description = "At least 3.", min = "3")
    int pool_max() default 10;
}
