package io.codara.shell.internal.commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.NewAccount;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Permissions;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;

/** {@code codara:user-add}: creates a user, asking for the password without echo unless told otherwise. */
@Service
@Command(scope = "codara", name = "user-add", description = "Creates a Codara user")
public final class UserAddCommand implements Action {

    @Argument(index = 0, name = "login", required = true, description = "The new user's login")
    String login;

    @Argument(index = 1, name = "email", required = true, description = "The user's primary email")
    String email;

    @Option(name = "--name", description = "Display name")
    String name;

    @Option(name = "--site-admin", description = "Make the user a site administrator")
    boolean siteAdmin;

    @Option(name = "--password-stdin", description = "Read the password from the first line of standard input")
    boolean passwordFromStdin;

    @Option(name = "--no-password", description = "No password: the user signs in with tokens only")
    boolean noPassword;

    @Reference
    Session session;

    @Reference
    Accounts accounts;

    @Reference
    Permissions permissions;

    @Override
    public Object execute() throws Exception {
        if (passwordFromStdin && noPassword) {
            throw new CommandException("--password-stdin and --no-password exclude each other");
        }
        // Authorise before asking for a password nobody may use.
        ShellCaller caller = ShellCaller.siteAdmin(session, accounts, permissions);
        char[] password = noPassword ? null : passwordFromStdin ? firstLine(System.in) : prompt();
        try {
            Account user = accounts.createUser(new NewAccount(login, name, email, password, siteAdmin), caller.actor());
            System.out.println("Created user " + user.login() + " (id " + user.id() + ")"
                    + (user.siteAdmin() ? ", site administrator" : "")
                    + (password == null ? ", without a password" : ""));
            return null;
        } catch (ApiException e) {
            throw ApiErrors.failure("Could not create user " + login, e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** Asks twice without echo. The console hands lines over as strings, which cannot be wiped; our copy is. */
    private char[] prompt() throws IOException, CommandException {
        String first = session.readLine("Password: ", '*');
        if (first == null || first.isEmpty()) {
            throw new CommandException("No password given; use --no-password for a user who signs in with tokens only");
        }
        String second = session.readLine("Repeat password: ", '*');
        if (!first.equals(second)) {
            throw new CommandException("The passwords do not match");
        }
        return first.toCharArray();
    }

    /** The first line of {@code in} without its line break, read into a char array that no string copies. */
    static char[] firstLine(InputStream in) throws IOException, CommandException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        char[] buffer = new char[64];
        int length = 0;
        try {
            for (int c = reader.read(); c != -1 && c != '\n'; c = reader.read()) {
                if (length == buffer.length) {
                    char[] larger = Arrays.copyOf(buffer, length * 2);
                    Arrays.fill(buffer, '\0');
                    buffer = larger;
                }
                buffer[length++] = (char) c;
            }
            if (length > 0 && buffer[length - 1] == '\r') {
                length--;
            }
            if (length == 0) {
                throw new CommandException("No password on standard input");
            }
            return Arrays.copyOf(buffer, length);
        } finally {
            Arrays.fill(buffer, '\0');
        }
    }
}
