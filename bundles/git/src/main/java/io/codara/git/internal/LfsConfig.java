package io.codara.git.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits of Git LFS. */
@ObjectClassDefinition(name = "Codara Git LFS")
public @interface LfsConfig {

    @AttributeDefinition(description = "Largest LFS object one may upload, in bytes; a larger one is refused (413) "
            + "in the batch answer and at upload.")
    long max_object_bytes() default LfsServer.DEFAULT_MAX_OBJECT_BYTES;
}
