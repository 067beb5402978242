package io.codara.storage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the outbox relay (PID {@code io.codara.outbox}). */
@ObjectClassDefinition(name = "Codara event outbox relay", description = "Delivers outbox events to EventAdmin.")
public @interface OutboxRelayConfig {

    @AttributeDefinition(name = "Poll interval (ms)", min = "10")
    long poll_interval_ms() default 250;

    @AttributeDefinition(name = "Batch size", description = "Events delivered per transaction.", min = "1")
    int batch_size() default 100;

    @AttributeDefinition(name = "Retention (days)", description = "Delivered events older than this are deleted.", min = "0")
    int retention_days() default 7;
}
