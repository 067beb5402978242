package io.codara.ci.internal.remote;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link RemoteRunners}. */
@ObjectClassDefinition(name = "Codara remote runners",
        description = "Self-hosted runners on other machines that claim CI jobs over the REST API")
@interface RemoteRunnersConfig {

    @AttributeDefinition(description = "Seconds a remote runner's claim or heartbeat leases its job for; a runner "
            + "that stops heartbeating loses the job after this and it is started again")
    int lease_seconds() default 60;

    @AttributeDefinition(description = "Seconds since its last request within which a runner is shown online")
    int online_seconds() default 90;

    @AttributeDefinition(description = "The URL runners clone from (this server's, as they reach it); empty: "
            + "http://localhost:<codara.http.port>")
    String web_url() default "";
}
