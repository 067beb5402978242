package io.codara.example.notes.internal;

import java.time.Instant;

/** A note, as the REST API shows it. */
public record Note(long id, String text, String author, Instant created_at) {
}
