package io.codara.api.audit;

/**
 * Who does something and from where, as the audit log records it.
 *
 * @param login the acting user's login, or {@value #SYSTEM_LOGIN} for Codara itself
 * @param address the client's IP address, or {@code null} when not over the network (shell on the console, jobs)
 */
public record Actor(String login, String address) {

    /** The login recorded for changes Codara makes by itself. A reserved login: no account can take it. */
    public static final String SYSTEM_LOGIN = "codara";

    /** Codara itself, e.g. creating the first administrator. */
    public static final Actor SYSTEM = new Actor(SYSTEM_LOGIN, null);

    public Actor {
        if (login == null || login.isBlank()) {
            throw new IllegalArgumentException("an actor needs a login");
        }
    }
}
