package io.codara.git.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Codara contributions", description = "Who is credited with the commits pushed")
@interface ContributionsConfig {

    @AttributeDefinition(description = "Credit a commit only to a user who verified its author email. Off while"
            + " Codara has no email verification: an address belongs to one user at most either way.")
    boolean verified_emails_only() default false;

    @AttributeDefinition(description = "Most commits credited from one push (an imported history beyond it is"
            + " not counted)")
    int max_commits_per_push() default 10_000;
}
