package io.codara.example.notes.internal;

/** The body of {@code POST /api/v3/example/notes}. */
public record NewNote(String text) {
}
