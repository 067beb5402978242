package io.codara.api.ui.spi;

/** Where in the web UI a contribution appears. */
public enum UiSlot {
    /** An entry in the top navigation bar, with a page of its own at {@code /-/{path}}. */
    NAVIGATION,
    /** A tab on every repository page, at {@code /{owner}/{repo}/-/{path}}. */
    REPOSITORY_TAB,
    /** A page in a repository's settings, at {@code /{owner}/{repo}/settings/{path}}. */
    REPOSITORY_SETTINGS,
    /** A page in the signed-in user's settings, at {@code /settings/{path}}. */
    USER_SETTINGS
}
