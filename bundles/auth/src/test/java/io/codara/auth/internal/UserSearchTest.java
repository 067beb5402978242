package io.codara.auth.internal;

import static io.codara.auth.internal.AuthFixture.ADMIN;
import static io.codara.auth.internal.AuthFixture.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.identity.AccountUpdate;
import io.codara.api.identity.NewAccount;
import io.codara.api.security.Principal;
import io.codara.api.rest.PagedObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * User search over a real PostgreSQL: logins, names and emails, the qualifiers, sorting and paging; private
 * emails match for site administrators only and suspended users are hidden from everyone else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserSearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal BOB = new Principal("bob", false, null);
    private static final Principal ROOT = new Principal("chief", true, null);

    private UserSearchResource resource;

    @BeforeAll
    void fixture() {
        AuthFixture fx = new AuthFixture();
        fx.accounts.createUser(new NewAccount("ada", "Ada Lovelace", "ada@engines.example", AuthFixture.PASSWORD.toCharArray(), false), ADMIN);
        fx.accounts.update("ada", new AccountUpdate(null, "ada@engines.example", null, null, null, null, null), ADMIN);
        fx.accounts.createUser(new NewAccount("adam", "Adam Smith", "adam@hidden.example", AuthFixture.PASSWORD.toCharArray(), false), ADMIN);
        fx.accounts.createUser(new NewAccount("grace", "Grace Hopper (ada fan)", "grace@navy.example", AuthFixture.PASSWORD.toCharArray(), false),
                ADMIN);
        fx.user("bob");
        fx.admin("chief");
        fx.accounts.createUser(new NewAccount("adaline", null, "adaline@example.com", AuthFixture.PASSWORD.toCharArray(), false), ADMIN);
        fx.accounts.setSuspended("adaline", true, ADMIN);
        fx.org("ada-labs", "ada");
        resource = new UserSearchResource(new UserSearch(new AuthSchema(), fx.database));
    }

    private JsonNode search(Principal who, String q, String sort, String order, Integer page, Integer perPage) {
        String query = "q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8) + (perPage == null ? "" : "&per_page=" + perPage);
        Response response = resource.get(q, sort, order, page, perPage, request(who), uri(query));
        PagedObject paged = (PagedObject) response.getEntity();
        JsonNode body = JSON.valueToTree(paged.body());
        // The web bundle's PageLinks writes the Link header from these (PageLinksTest).
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("page", paged.request().page())
                .put("last_page", paged.lastPage());
        return body;
    }

    private List<String> logins(Principal who, String q) {
        return logins(search(who, q, null, null, null, null));
    }

    private static List<String> logins(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("items").forEach(i -> out.add(i.get("login").asText()));
        return out;
    }

    @Test
    void loginsNamesAndPublicEmailsMatchBestFirst() {
        assertThat(logins(BOB, "ada")).as("the exact login, then logins starting with it, then the rest")
                .containsExactly("ada", "adam", "ada-labs", "grace");
        JsonNode first = search(BOB, "ada", null, null, null, null);
        assertThat(first.get("total_count").asLong()).isEqualTo(4);
        assertThat(first.at("/items/0/name").asText()).isEqualTo("Ada Lovelace");
        assertThat(first.at("/items/0/url").asText()).isEqualTo("http://codara.test/api/v3/users/ada");
        assertThat(first.at("/items/0/score").asDouble()).isEqualTo(1.0);
        assertThat(logins(BOB, "lovelace")).containsExactly("ada");
        assertThat(logins(BOB, "\"grace hopper\"")).containsExactly("grace");
        assertThat(logins(BOB, "engines.example")).as("a public email").containsExactly("ada");
        assertThat(logins(BOB, "hidden.example")).as("a private email is not for everyone").isEmpty();
        assertThat(logins(ROOT, "hidden.example")).as("site administrators match every address")
                .containsExactly("adam");
    }

    @Test
    void qualifiersNarrowTheSearch() {
        assertThat(logins(BOB, "ada type:org")).containsExactly("ada-labs");
        assertThat(logins(BOB, "ada type:user")).containsExactly("ada", "adam", "grace");
        assertThat(logins(BOB, "ada in:login")).containsExactly("ada", "adam", "ada-labs");
        assertThat(logins(BOB, "ada in:name")).as("Adam has it in his name too").containsExactly("ada", "adam", "grace");
        assertThat(logins(BOB, "engines in:name")).isEmpty();
        assertThat(logins(BOB, "engines in:email")).containsExactly("ada");
        assertThat(error(() -> logins(BOB, "type:robot")).status()).isEqualTo(422);
        assertThat(error(() -> logins(BOB, "ada in:bio")).status()).isEqualTo(422);
        assertThat(error(() -> logins(BOB, "repos:>5")).status()).isEqualTo(422);
        assertThat(error(() -> logins(BOB, " ")).status()).isEqualTo(422);
        assertThat(error(() -> search(BOB, "ada", "followers", null, null, null)).status()).isEqualTo(422);
    }

    @Test
    void suspendedUsersAreHiddenFromAllButSiteAdministrators() {
        assertThat(logins(BOB, "adaline")).isEmpty();
        assertThat(logins(Principal.ANONYMOUS, "adaline")).isEmpty();
        assertThat(logins(ROOT, "adaline")).containsExactly("adaline");
    }

    @Test
    void sortedByJoiningAndPagedWithLinks() {
        assertThat(logins(search(BOB, "ada", "joined", "asc", null, null)))
                .containsExactly("ada", "adam", "grace", "ada-labs");
        assertThat(logins(search(BOB, "ada", "joined", null, null, null)))
                .containsExactly("ada-labs", "grace", "adam", "ada");
        JsonNode page1 = search(BOB, "ada", null, null, 1, 3);
        assertThat(logins(page1)).containsExactly("ada", "adam", "ada-labs");
        assertThat(page1.get("total_count").asLong()).isEqualTo(4);
        assertThat(page1.get("page").asLong()).isEqualTo(1);
        assertThat(page1.get("last_page").asLong()).isEqualTo(2);
        JsonNode page2 = search(BOB, "ada", null, null, 2, 3);
        assertThat(logins(page2)).containsExactly("grace");
        assertThat(page2.get("page").asLong()).isEqualTo(2);
        assertThat(page2.get("last_page").asLong()).isEqualTo(2);
    }

    private static HttpServletRequest request(Principal principal) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getAttribute(Principal.REQUEST_ATTRIBUTE)).thenReturn(principal);
        when(request.getRemoteAddr()).thenReturn("198.51.100.1");
        return request;
    }

    private static UriInfo uri(String query) {
        URI base = URI.create("http://codara.test/api/v3/");
        UriInfo uri = mock(UriInfo.class);
        when(uri.getBaseUri()).thenReturn(base);
        when(uri.getRequestUri()).thenReturn(base.resolve("search/users?" + query));
        return uri;
    }
}
