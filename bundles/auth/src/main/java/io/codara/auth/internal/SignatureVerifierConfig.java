package io.codara.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How commit signatures are verified. */
@ObjectClassDefinition(name = "Codara commit signature verification")
public @interface SignatureVerifierConfig {

    @AttributeDefinition(description = "Whether the committer's email must be a verified email of the signer's"
            + " account (otherwise the reason is unverified_email). Codara sends no verification mail, so by default"
            + " every email of an account counts, as on GitHub Enterprise Server with email verification turned off.")
    boolean email_verification() default false;
}
