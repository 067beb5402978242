package ${package}.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;
import io.codara.api.storage.Database;
import io.codara.api.storage.Migrations;

import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The plugin's state, in its own schema, which it migrates when it activates. */
@Component(service = GreetingStore.class)
public final class GreetingStore {

    static final String SCHEMA = "${schema}";
    static final int MAX_NAME = 100;

    private final Database database;

    @Activate
    public GreetingStore(@Reference Database database, @Reference Migrations migrations, BundleContext context) {
        this.database = database;
        migrations.migrate(SCHEMA, context.getBundle(), "db/migration");
    }

    /** Records a greeting and returns how many there have been. */
    long greet(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw ApiException.validation(List.of(new ApiError.FieldError("Greeting", "name", "invalid",
                    "name must be 1 to " + MAX_NAME + " characters")));
        }
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + SCHEMA + ".greetings (name) VALUES (?)");
             PreparedStatement count = c.prepareStatement("SELECT count(*) FROM " + SCHEMA + ".greetings")) {
            insert.setString(1, name);
            insert.executeUpdate();
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the greeting", e);
        }
    }
}
