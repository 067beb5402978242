package io.codara.example.notes.internal;

import io.codara.api.security.Decision;
import io.codara.api.security.Principal;
import io.codara.api.security.spi.ResourceAuthority;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Who may do what with notes, answered for Codara's permission service: everyone reads them, signed-in users
 * write them, and only a note's author (or a site administrator) deletes it. Codara adds the site-wide rules
 * (suspended users, token scopes) itself.
 */
@Component(service = ResourceAuthority.class, property = ResourceAuthority.RESOURCE_TYPE + "=" + NoteAuthority.TYPE)
public final class NoteAuthority implements ResourceAuthority {

    /** The resource type; the id is a note's id, or empty for the collection. */
    static final String TYPE = "example-note";
    static final String READ = "read";
    static final String CREATE = "create";
    static final String DELETE = "delete";

    private final NoteStore store;

    @Activate
    public NoteAuthority(@Reference NoteStore store) {
        this.store = store;
    }

    @Override
    public Decision decide(Principal principal, String action, String id) {
        if (id.isEmpty()) {
            return READ.equals(action) || CREATE.equals(action) && !principal.anonymous() ? Decision.ALLOW
                    : Decision.FORBIDDEN;
        }
        Note note;
        try {
            note = store.find(Long.parseLong(id)).orElse(null);
        } catch (NumberFormatException e) {
            note = null;
        }
        if (note == null) {
            return Decision.NOT_FOUND;
        }
        if (READ.equals(action) || principal.siteAdmin()) {
            return Decision.ALLOW;
        }
        boolean author = !principal.anonymous() && principal.login().equalsIgnoreCase(note.author());
        return DELETE.equals(action) && author ? Decision.ALLOW : Decision.FORBIDDEN;
    }

    @Override
    public String requiredScope(String action) {
        // Reading is public; writing needs a token that may write content.
        return READ.equals(action) ? null : "repo:write";
    }
}
