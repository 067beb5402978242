package io.codara.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How long the audit log keeps its entries. */
@ObjectClassDefinition(name = "Codara audit log retention")
public @interface AuditRetentionConfig {

    @AttributeDefinition(description = "Days an audit entry is kept; 0 keeps every entry forever", min = "0")
    int retention_days() default 365;
}
