package io.codara.git.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;

/** What a repository's name, topics and branch names may be, checked before anything is written. */
final class RepositoryNames {

    /** GitHub's rule: letters, digits, {@code .}, {@code -} and {@code _}, at most 100 characters. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");
    static final int MAX_TOPICS = 20;

    private RepositoryNames() {
    }

    /** A valid name, or a 422 that says why; {@code .}, {@code ..} and a {@code .git} suffix are refused too. */
    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw invalid("name", "missing_field", "name is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw invalid("name", "invalid",
                    "name may only contain letters, digits, '.', '-' and '_', and is at most 100 characters");
        }
        // Refused everywhere so that every valid name is also a valid git URL (the smart-HTTP path rules refuse them).
        if (name.equals(".") || name.contains("..") || name.toLowerCase(Locale.ROOT).endsWith(".git")) {
            throw invalid("name", "invalid", "name cannot be '.', contain '..' or end with '.git'");
        }
        return name;
    }

    static String branch(String branch) {
        if (branch == null || !Repository.isValidRefName(Constants.R_HEADS + branch) || branch.length() > 255) {
            throw invalid("default_branch", "invalid", "not a valid branch name: " + branch);
        }
        return branch;
    }

    static List<String> topics(List<String> topics) {
        if (topics.size() > MAX_TOPICS) {
            throw invalid("topics", "invalid", "a repository has at most " + MAX_TOPICS + " topics");
        }
        List<String> out = new ArrayList<>();
        for (String topic : topics) {
            String t = topic == null ? "" : topic.strip().toLowerCase(Locale.ROOT);
            if (!TOPIC.matcher(t).matches()) {
                throw invalid("topics", "invalid", "a topic is lower-case letters, digits and hyphens, at most 50"
                        + " characters, starting with a letter or digit: " + topic);
            }
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    static ApiException invalid(String field, String code, String message) {
        return ApiException.validation(List.of(new FieldError("Repository", field, code, message)));
    }
}
