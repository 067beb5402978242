package io.codara.web.internal.live;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits of the live streams at /api/v3/ws/. */
@ObjectClassDefinition(name = "Codara live streams", description = "WebSocket streams at /api/v3/ws/")
public @interface LiveConfig {

    @AttributeDefinition(name = "Ping interval", description = "Seconds between pings; a client silent for a whole interval after a ping is dropped")
    int ping_seconds() default 30;

    @AttributeDefinition(name = "Send queue", description = "Bytes queued for a client before it is disconnected as too slow (1013)")
    long queue_bytes() default 1024 * 1024;

    @AttributeDefinition(name = "Largest client message", description = "Bytes a client message may have (1009 beyond)")
    int max_message_bytes() default 64 * 1024;

    @AttributeDefinition(name = "Close wait", description = "Milliseconds to wait for the client's close frame after sending ours")
    long close_wait_millis() default 5000;
}
