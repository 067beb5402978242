package io.codara.search.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link HistoryExpertSearch}. */
@ObjectClassDefinition(name = "Codara expertise search",
        description = "How the history of repositories is read to find who knows a part of the code")
@interface ExpertSearchConfig {

    @AttributeDefinition(description = "Days after which a changed line counts half as much (exponential decay)")
    int half_life_days() default 90;

    @AttributeDefinition(description = "Commits read at most per repository, newest first")
    int max_commits() default 2000;

    @AttributeDefinition(description = "Days of history read: older commits are not looked at")
    int window_days() default 730;

    @AttributeDefinition(description = "Changed lines counted at most per file and commit, so that a bulk import or a"
            + " generated file does not make its committer the expert")
    int max_lines_per_file() default 500;
}
