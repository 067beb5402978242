package io.codara.git.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.codara.api.identity.Account;
import io.codara.api.identity.Accounts;
import io.codara.api.rest.ApiError.FieldError;
import io.codara.api.rest.ApiException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /users/{username}/contributions?from=&to=}: a user's commits per day (the heatmap), counted only in the
 * repositories the caller may see; the last year up to today (UTC) unless {@code from}/{@code to} say otherwise,
 * at most a little over a year at once.
 */
@Component(service = ContributionsResource.class)
@JakartarsResource
@Path("users/{username}/contributions")
@Produces(MediaType.APPLICATION_JSON)
public final class ContributionsResource {

    static final int MAX_DAYS = 371;

    private final Contributions contributions;
    private final Accounts accounts;

    @Activate
    public ContributionsResource(@Reference Contributions contributions, @Reference Accounts accounts) {
        this.contributions = contributions;
        this.accounts = accounts;
    }

    @GET
    public Map<String, Object> get(@PathParam("username") String username, @QueryParam("from") String from,
            @QueryParam("to") String to, @Context HttpServletRequest request) {
        Account user = accounts.find(username).filter(a -> !a.organization()).orElseThrow(ApiException::notFound);
        LocalDate end = date("to", to, LocalDate.now(ZoneOffset.UTC));
        LocalDate start = date("from", from, end.minusDays(364));
        if (start.isAfter(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
            throw ApiException.validation(List.of(new FieldError("Contributions", "from", "invalid",
                    "from must be on or before to, and at most " + MAX_DAYS + " days before it")));
        }
        List<Contributions.Day> days = contributions.days(user.id(), start, end, RepositoryResource.principal(request));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("login", user.login());
        body.put("from", start.toString());
        body.put("to", end.toString());
        body.put("total", days.stream().mapToInt(Contributions.Day::count).sum());
        // date before count, always (Map.of's order changes from one JVM to the next)
        body.put("days", days.stream().map(d -> {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", d.date().toString());
            day.put("count", d.count());
            return day;
        }).toList());
        return body;
    }

    private static LocalDate date(String field, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.strip().length() > 10 ? value.strip().substring(0, 10) : value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.validation(List.of(new FieldError("Contributions", field, "invalid",
                    field + " must be a date such as 2024-05-01")));
        }
    }
}
