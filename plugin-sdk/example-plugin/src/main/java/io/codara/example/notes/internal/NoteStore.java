package io.codara.example.notes.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;
import io.codara.api.storage.Migrations;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The plugin's state, in its own PostgreSQL schema {@code example} that it migrates itself on activation. Kept
 * apart from the REST resource, which the whiteboard re-creates at will.
 */
@Component(service = NoteStore.class)
public final class NoteStore {

    static final String SCHEMA = "example";
    static final String CREATED_TOPIC = "codara/example/note_created";
    static final int MAX_LENGTH = 10_000;

    private final Database database;
    private final EventOutbox outbox;

    @Activate
    public NoteStore(@Reference Database database, @Reference Migrations migrations, @Reference EventOutbox outbox,
            BundleContext context) {
        this.database = database;
        this.outbox = outbox;
        migrations.migrate(SCHEMA, context.getBundle(), "db/migration/example");
    }

    Note create(NewNote input, String author) {
        String text = input == null ? null : input.text();
        if (text == null || text.isBlank()) {
            throw ApiException.validation(List.of(new ApiError.FieldError("Note", "text", "missing_field", "text is required")));
        }
        if (text.length() > MAX_LENGTH) {
            throw ApiException.validation(List.of(new ApiError.FieldError("Note", "text", "invalid",
                    "text is longer than " + MAX_LENGTH + " characters")));
        }
        try {
            return database.inTransaction(tx -> {
                Note note;
                try (PreparedStatement insert = tx.prepareStatement(
                        "INSERT INTO example.notes (text, author) VALUES (?, ?) RETURNING id, text, author, created_at")) {
                    insert.setString(1, text);
                    insert.setString(2, author);
                    try (ResultSet rs = insert.executeQuery()) {
                        rs.next();
                        note = read(rs);
                    }
                }
                // Same transaction: the event exists exactly when the note does.
                outbox.publish(tx, CREATED_TOPIC, Map.of("id", note.id()));
                return note;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the note", e);
        }
    }

    Optional<Note> find(long id) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT id, text, author, created_at FROM example.notes WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the note", e);
        }
    }

    Page<Note> list(PageRequest page) {
        try (Connection c = database.dataSource().getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM example.notes");
                 ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<Note> notes = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, text, author, created_at FROM example.notes ORDER BY id LIMIT ? OFFSET ?")) {
                select.setInt(1, page.perPage());
                select.setLong(2, page.offset());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        notes.add(read(rs));
                    }
                }
            }
            return new Page<>(notes, page, total);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list notes", e);
        }
    }

    boolean delete(long id) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM example.notes WHERE id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the note", e);
        }
    }

    private static Note read(ResultSet rs) throws SQLException {
        return new Note(rs.getLong("id"), rs.getString("text"), rs.getString("author"), rs.getTimestamp("created_at").toInstant());
    }
}
