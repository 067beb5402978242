package io.codara.api.identity;

/** The two kinds of account, named as GitHub's {@code type} field names them. */
public enum AccountType {
    USER("User"), ORGANIZATION("Organization");

    private final String githubName;

    AccountType(String githubName) {
        this.githubName = githubName;
    }

    /** {@code "User"} or {@code "Organization"}. */
    public String githubName() {
        return githubName;
    }
}
