package io.codara.example.notes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;
import io.codara.api.storage.Migrations;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

class NoteStoreTest {

    private final Database database = mock(Database.class);
    private final Migrations migrations = mock(Migrations.class);
    private final EventOutbox outbox = mock(EventOutbox.class);
    private final Bundle bundle = mock(Bundle.class);
    private final NoteStore store = newStore();

    private NoteStore newStore() {
        BundleContext context = mock(BundleContext.class);
        when(context.getBundle()).thenReturn(bundle);
        return new NoteStore(database, migrations, outbox, context);
    }

    private ApiException rejected(NewNote input) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> store.create(input, "alice"));
        assertThat(e).as("create(%s) must be rejected", input).isNotNull();
        verifyNoInteractions(database, outbox);
        return e;
    }

    @Test
    void activationMigratesThePluginsOwnSchema() {
        verify(migrations).migrate("example", bundle, "db/migration/example");
    }

    @Test
    void nullInputIsAMissingText() {
        ApiException e = rejected(null);

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.getMessage()).isEqualTo("Validation Failed");
        assertThat(e.errors()).containsExactly(new ApiError.FieldError("Note", "text", "missing_field", "text is required"));
    }

    @Test
    void nullTextIsAMissingText() {
        ApiException e = rejected(new NewNote(null));

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("text");
            assertThat(error.code()).isEqualTo("missing_field");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n  "})
    void blankTextIsAMissingText(String text) {
        ApiException e = rejected(new NewNote(text));

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.resource()).isEqualTo("Note");
            assertThat(error.field()).isEqualTo("text");
            assertThat(error.code()).isEqualTo("missing_field");
        });
    }

    @Test
    void textOverTenThousandCharactersIsInvalid() {
        ApiException e = rejected(new NewNote("x".repeat(10_001)));

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.resource()).isEqualTo("Note");
            assertThat(error.field()).isEqualTo("text");
            assertThat(error.code()).isEqualTo("invalid");
            assertThat(error.message()).contains("10000");
        });
    }

    @Test
    void textOfExactlyTenThousandCharactersPassesValidation() throws Exception {
        Note stored = new Note(1, "x".repeat(10_000), "alice", java.time.Instant.EPOCH);
        when(database.inTransaction(any())).thenReturn(stored);

        assertThat(store.create(new NewNote("x".repeat(10_000)), "alice")).isSameAs(stored);
        verify(database).inTransaction(any());
    }
}
