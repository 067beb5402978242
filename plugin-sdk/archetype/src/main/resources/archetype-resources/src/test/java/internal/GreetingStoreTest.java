package ${package}.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.codara.api.rest.ApiException;
import io.codara.api.storage.Database;
import io.codara.api.storage.Migrations;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

class GreetingStoreTest {

    private final Migrations migrations = mock(Migrations.class);
    private final GreetingStore store = new GreetingStore(mock(Database.class), migrations, mock(BundleContext.class));

    @Test
    void migratesItsOwnSchemaWhenItStarts() {
        verify(migrations).migrate(eq(GreetingStore.SCHEMA), any(), eq("db/migration"));
    }

    @Test
    void refusesBlankAndOverlongNames() {
        assertThatThrownBy(() -> store.greet(" ")).isInstanceOf(ApiException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ApiException) e).status()).isEqualTo(422));
        assertThatThrownBy(() -> store.greet("x".repeat(GreetingStore.MAX_NAME + 1))).isInstanceOf(ApiException.class);
    }
}
