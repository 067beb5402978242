package io.codara.api.ui.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A page that a capability or plugin adds to the web UI. The app lists the registered contributions through
 * {@code GET /api/v3/ui/contributions}, shows an entry for each in its {@link #slot()}, and when the page opens
 * imports {@link #module()} and calls its exported {@code mount(element, context)}; unregistering the service
 * (stopping the bundle) removes the entry.
 *
 * <p>The module is a browser ES module the contributing bundle serves itself (for instance with the servlet
 * whiteboard's resource support). Its {@code mount} receives a DOM element it owns and a context with
 * {@code api(path, init)} (a {@code fetch} to {@code /api/v3} carrying the session's CSRF token), {@code user}
 * (the signed-in user or {@code null}), {@code repository} ({@code owner} and {@code name} in repository slots),
 * {@code subpath} (the rest of the URL after the page's path) and {@code navigate(url)}; it may return a function
 * that the app calls when the page closes.
 */
@ConsumerType
public interface UiContribution {

    /** Unique among contributions, e.g. {@code "example.notes"}; letters, digits, dots, dashes. */
    String id();

    /** Where the entry appears. */
    UiSlot slot();

    /** The entry's label. */
    String title();

    /** The page's URL segment within its slot, e.g. {@code "notes"}; lowercase letters, digits and dashes. */
    String path();

    /** Absolute URL path of the ES module that renders the page, e.g. {@code "/plugins/notes/notes.js"}. */
    String module();

    /** Entries sort by this, then by title; built-in entries use multiples of 100. */
    default int order() {
        return 500;
    }

    /** Whether only signed-in users see the entry. */
    default boolean requiresSignIn() {
        return false;
    }
}
