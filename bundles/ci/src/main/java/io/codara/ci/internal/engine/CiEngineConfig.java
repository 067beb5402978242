package io.codara.ci.internal.engine;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link CiEngine}. */
@ObjectClassDefinition(name = "Codara CI engine",
        description = "Workflow runs and jobs: scheduling by needs, retries of jobs whose node died, commit statuses")
@interface CiEngineConfig {

    @AttributeDefinition(description = "Codara's address as users reach it, for the run pages that commit statuses"
            + " link to; empty: http://localhost and Codara's HTTP port (codara.http.port)")
    String web_url() default "";

    @AttributeDefinition(description = "Times a job is started before it is failed when its node keeps dying"
            + " (its lease expires)")
    int max_claims() default 3;
}
