package io.codara.itests;

import static io.codara.itests.AccessMatrix.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.codara.itests.AccessMatrix.Mismatch;
import io.codara.itests.AccessMatrix.Persona;
import io.codara.itests.AccessMatrix.Reply;
import io.codara.itests.AccessMatrix.Report;
import io.codara.itests.AccessMatrix.Request;

import org.junit.jupiter.api.Test;

/** The matrix harness itself: it must see every wrong cell, never pass a row it did not fully check, and say why. */
class AccessMatrixTest {

    /** Answers from a table: (persona -> status) for every request, and records what was sent. */
    private static final class FakeServer implements AccessMatrix.Transport {
        final List<String> sent = new ArrayList<>();
        final Function<Request, Map<Persona, Integer>> answers;
        String body = "{\"message\":\"from the fake\"}";

        FakeServer(Function<Request, Map<Persona, Integer>> answers) {
            this.answers = answers;
        }

        @Override
        public Reply send(Persona persona, Request request) {
            sent.add(persona + " " + request.method() + " " + request.path()
                    + (request.body() == null ? "" : " " + new String(request.body(), StandardCharsets.UTF_8)));
            return new Reply(answers.apply(request).get(persona), body);
        }
    }

    private static Map<Persona, Integer> statuses(int anonymous, int signedIn) {
        Map<Persona, Integer> out = new EnumMap<>(Persona.class);
        for (Persona p : Persona.values()) {
            out.put(p, AccessMatrix.SIGNED_IN.contains(p) ? signedIn : anonymous);
        }
        out.put(Persona.SUSPENDED, 403);
        out.put(Persona.EXPIRED_TOKEN, 401);
        return out;
    }

    @Test
    void aMatrixThatHoldsReportsNoMismatchAndCountsEveryCell() {
        FakeServer server = new FakeServer(r -> statuses(401, 200));
        Report report = AccessMatrix.run(List.of(
                row("GET", "/api/v3/user").anonymous(401).signedIn(200),
                row("GET", "/api/v3/user/keys").anonymous(401).signedIn(200)), server);

        assertThat(report.mismatches()).isEmpty();
        assertThat(report.cells()).isEqualTo(20);
        assertThat(server.sent).hasSize(20);
        report.assertNoMismatches();
    }

    @Test
    void everyWrongCellIsReportedAtOnceWithRowPersonaExpectedActualAndBody() {
        Map<Persona, Integer> wrong = statuses(401, 200);
        wrong.put(Persona.OUTSIDER, 200);      // expected 403
        wrong.put(Persona.SUSPENDED, 200);     // expected 403 by default
        wrong.put(Persona.OWNER_TOKEN_NO_SCOPE, 404); // expected 403
        FakeServer server = new FakeServer(r -> r.path().endsWith("acme") ? wrong : statuses(200, 200));

        Report report = AccessMatrix.run(List.of(
                row("PATCH", "/api/v3/orgs/acme", "{'description':'x'}").anonymous(401).signedIn(403).owner(200)
                        .siteAdmin(200).ownerAdminOrg(200).member(200).maintainer(200),
                row("GET", "/api/v3/rate_limit").everyone(200)), server);

        assertThat(report.mismatches()).extracting(Mismatch::persona)
                .containsExactly(Persona.OUTSIDER, Persona.SUSPENDED, Persona.OWNER_TOKEN_NO_SCOPE);
        Mismatch first = report.mismatches().get(0);
        assertThat(first.row()).isEqualTo("PATCH /api/v3/orgs/acme");
        assertThat(first.expected()).isEqualTo("403");
        assertThat(first.actual()).isEqualTo("200");
        assertThat(first.body()).contains("from the fake");
        assertThat(server.sent).as("the run goes on past mismatches").hasSize(20);
        assertThatThrownBy(report::assertNoMismatches).isInstanceOf(AssertionError.class)
                .hasMessageContaining("3 of 20 cells")
                .hasMessageContaining("OUTSIDER").hasMessageContaining("SUSPENDED").hasMessageContaining("OWNER_TOKEN_NO_SCOPE");
    }

    @Test
    void aRowThatLeavesAPersonaOpenIsRefusedBeforeAnythingIsSent() {
        FakeServer server = new FakeServer(r -> statuses(401, 200));
        List<AccessMatrix.Row> rows = List.of(
                row("GET", "/api/v3/user").anonymous(401).signedIn(200),
                row("GET", "/api/v3/user/orgs").anonymous(401).signedIn(200).skip(Persona.OWNER_TOKEN_NO_SCOPE),
                row("DELETE", "/api/v3/orgs/acme").anonymous(401).owner(204));

        assertThatThrownBy(() -> AccessMatrix.run(rows, server)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DELETE /api/v3/orgs/acme").hasMessageContaining("OUTSIDER")
                .hasMessageNotContaining("/api/v3/user/orgs");
        assertThat(server.sent).isEmpty();
    }

    @Test
    void skippedPersonasAreNotAskedAndDefaultsCanBeOverridden() {
        Map<Persona, Integer> answers = statuses(401, 200);
        answers.put(Persona.SUSPENDED, 401);
        FakeServer server = new FakeServer(r -> answers);

        Report report = AccessMatrix.run(List.of(
                row("GET", "/api/v3/session").anonymous(401).signedIn(200).suspended(401)
                        .skip(Persona.EXPIRED_TOKEN, Persona.OWNER_TOKEN_NO_SCOPE)), server);

        assertThat(report.mismatches()).isEmpty();
        assertThat(report.cells()).isEqualTo(8);
        assertThat(server.sent).noneMatch(s -> s.startsWith("EXPIRED_TOKEN") || s.startsWith("OWNER_TOKEN_NO_SCOPE"));
    }

    @Test
    void alternativeStatusesAcceptEachOfThemAndNothingElse() {
        Map<Persona, Integer> answers = statuses(401, 403);
        answers.put(Persona.OWNER, 202);
        answers.put(Persona.SITE_ADMIN, 204);
        answers.put(Persona.OWNER_TOKEN_ADMIN_ORG, 200);
        FakeServer server = new FakeServer(r -> answers);

        Report report = AccessMatrix.run(List.of(row("DELETE", "/api/v3/orgs/doomed").anonymous(401).signedIn(403)
                .owner(202, 204).siteAdmin(202, 204).ownerAdminOrg(202, 204)), server);

        assertThat(report.mismatches()).singleElement().satisfies(m -> {
            assertThat(m.persona()).isEqualTo(Persona.OWNER_TOKEN_ADMIN_ORG);
            assertThat(m.expected()).isEqualTo("202|204");
        });
    }

    @Test
    void bodyChecksCatchWhatAPersonaMustNotOrMustSee() {
        FakeServer server = new FakeServer(r -> statuses(200, 200));
        server.body = "[{\"slug\": \"core\"}, {\"slug\":\"hidden\"}]";

        Report report = AccessMatrix.run(List.of(row("GET", "/api/v3/orgs/acme/teams").everyone(200)
                .shows("slug", "core", Persona.MEMBER)
                .shows("slug", "nowhere", Persona.OWNER)
                .hides("slug", "hidden", Persona.ANONYMOUS, Persona.MEMBER)), server);

        assertThat(report.mismatches()).extracting(m -> m.persona() + " " + m.expected()).containsExactly(
                "ANONYMOUS hides slug=hidden", "MEMBER hides slug=hidden", "OWNER shows slug=nowhere");
    }

    @Test
    void placeholdersAreMadeAfreshForEachPersonaAndEscapedInJson() {
        FakeServer server = new FakeServer(r -> statuses(401, 204));
        List<String> log = new ArrayList<>();
        int[] counter = {0};

        Report report = AccessMatrix.run(List.of(row("DELETE", "/api/v3/user/keys/{id}", "{'title':'{title}','who':'{persona}'}")
                .before(p -> log.add("before " + p))
                .with("id", p -> Integer.toString(++counter[0]))
                .with("title", p -> "say \"hi\"")
                .after((p, reply) -> log.add("after " + p + " " + reply.status()))
                .anonymous(401).signedIn(204)), server);

        assertThat(report.mismatches()).isEmpty();
        assertThat(server.sent.get(0)).isEqualTo("ANONYMOUS DELETE /api/v3/user/keys/1 {\"title\":\"say \\\"hi\\\"\",\"who\":\"anonymous\"}");
        assertThat(server.sent.get(5)).startsWith("SITE_ADMIN DELETE /api/v3/user/keys/6 ").endsWith("\"who\":\"site-admin\"}");
        assertThat(log).startsWith("before ANONYMOUS", "after ANONYMOUS 401", "before OUTSIDER", "after OUTSIDER 204");
    }

    @Test
    void setupFailuresAndTransportErrorsAreMismatchesAndTheRunGoesOn() {
        FakeServer broken = new FakeServer(r -> {
            if (r.path().contains("boom")) {
                throw new IllegalStateException("connection refused");
            }
            return statuses(401, 200);
        });

        Report report = AccessMatrix.run(List.of(
                row("GET", "/api/v3/user/keys/{id}").anonymous(401).signedIn(200),
                row("GET", "/api/v3/boom").anonymous(401).signedIn(200),
                row("GET", "/api/v3/user").anonymous(401).signedIn(200)), broken);

        assertThat(report.mismatches()).hasSize(20).allSatisfy(m -> assertThat(m.actual()).isEqualTo("error"));
        assertThat(report.mismatches().get(0).body()).contains("no value for [{id}]");
        assertThat(report.mismatches().get(10).body()).contains("connection refused");
        assertThat(broken.sent).as("the second and third rows were sent, the first failed before").hasSize(20)
                .last().asString().startsWith("OWNER_TOKEN_ADMIN_ORG GET /api/v3/user");
    }
}
