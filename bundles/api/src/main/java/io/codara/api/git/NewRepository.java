package io.codara.api.git;

/**
 * What creating a repository takes, as GitHub's {@code POST /user/repos} does.
 *
 * @param name the name: letters, digits, {@code .}, {@code -}, {@code _}; at most 100 characters
 * @param description description, or {@code null}
 * @param homepage homepage, or {@code null}
 * @param visibility who may see it; {@code null} for public
 * @param autoInit whether to make a first commit (README, and the .gitignore and licence when named)
 * @param gitignoreTemplate a .gitignore template's name (e.g. {@code Java}), or {@code null}
 * @param licenseTemplate a licence's SPDX key (e.g. {@code mit}), or {@code null}
 * @param defaultBranch the first branch's name; {@code null} for {@code main}
 */
public record NewRepository(String name, String description, String homepage, Visibility visibility, boolean autoInit,
        String gitignoreTemplate, String licenseTemplate, String defaultBranch) {
}
