package io.codara.shell.internal.commands;

import java.util.ArrayList;
import java.util.List;

import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;

import org.apache.karaf.shell.support.CommandException;

/** Turns a service's refusal into a one-line shell error, which Karaf prints without a stack trace. */
final class ApiErrors {

    private ApiErrors() {
    }

    /**
     * E.g. {@code Could not create user bob: Validation Failed: login is invalid (too long); email already exists}.
     * Karaf shows a {@link CommandException} as its message alone (a command run over SSH exits with status 1),
     * which is what bad input deserves; other exceptions come with "Error executing command" and, depending on
     * the shell's settings, a stack trace.
     */
    static CommandException failure(String attempt, ApiException e) {
        return new CommandException(attempt + ": " + describe(e));
    }

    static String describe(ApiException e) {
        String message = oneLine(e.getMessage());
        if (e.errors().isEmpty()) {
            return message;
        }
        List<String> fields = new ArrayList<>();
        for (ApiError.FieldError error : e.errors()) {
            fields.add(describe(error));
        }
        return message + ": " + String.join("; ", fields);
    }

    private static String describe(ApiError.FieldError error) {
        String field = error.field() == null ? "value" : error.field();
        String problem = switch (error.code() == null ? "" : error.code()) {
            case "missing_field" -> field + " is missing";
            case "already_exists" -> field + " already exists";
            case "missing" -> field + " does not exist";
            case "invalid" -> field + " is invalid";
            default -> field;
        };
        String message = error.message();
        if (message == null || message.isBlank()) {
            return "custom".equals(error.code()) ? field + " is not accepted" : problem;
        }
        return problem + " (" + oneLine(message) + ")";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
