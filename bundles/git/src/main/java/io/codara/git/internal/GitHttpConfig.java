package io.codara.git.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits on pushes over smart HTTP. */
@ObjectClassDefinition(name = "Codara git over HTTP")
public @interface GitHttpConfig {

    @AttributeDefinition(description = "Largest pack one push may send, in bytes; a larger push is refused while it is received.")
    long max_pack_bytes() default PushLimits.DEFAULT_MAX_PACK_BYTES;

    @AttributeDefinition(description = "Largest file (blob) a push may bring, in bytes; a push with a larger one is refused, naming the file.")
    long max_file_bytes() default PushLimits.DEFAULT_MAX_FILE_BYTES;
}
