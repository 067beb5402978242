package io.codara.example.notes.internal;

import io.codara.api.ui.spi.UiContribution;
import io.codara.api.ui.spi.UiSlot;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The plugin's page in the web UI: a "Notes" entry in the top navigation that opens {@code /-/notes}. The page is
 * the ES module {@code ui/notes.js} of this bundle, which the servlet whiteboard serves at
 * {@code /plugins/example-notes/notes.js}; it talks to the plugin's REST resource like any other client. Stopping
 * the bundle unregisters both, and the entry leaves the UI.
 */
@Component(service = UiContribution.class)
@HttpWhiteboardResource(pattern = "/plugins/example-notes/*", prefix = "/ui")
public final class NotesPage implements UiContribution {

    @Override
    public String id() {
        return "example.notes";
    }

    @Override
    public UiSlot slot() {
        return UiSlot.NAVIGATION;
    }

    @Override
    public String title() {
        return "Notes";
    }

    @Override
    public String path() {
        return "notes";
    }

    @Override
    public String module() {
        return "/plugins/example-notes/notes.js";
    }
}
