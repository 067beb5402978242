package io.codara.review.internal;

import static io.codara.review.internal.ReviewFixture.body;
import static io.codara.review.internal.ReviewFixture.failure;
import static io.codara.review.internal.ReviewFixture.ALICE;
import static io.codara.review.internal.ReviewFixture.BOB;
import static io.codara.review.internal.ReviewFixture.CAROL;
import static io.codara.review.internal.ReviewFixture.request;
import static io.codara.review.internal.ReviewFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.Topics;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repository labels, the labels and assignees of pull requests, on a real PostgreSQL, through the resources. */
class LabelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ReviewFixture f;

    @BeforeEach
    void fixture() throws Exception {
        f = new ReviewFixture(root);
    }

    @Test
    void writersManageRepositoryLabelsReadersListThem() {
        Response created = f.labelsResource.create("alice", "app", body("name", "bug", "color", "#D73A4A",
                "description", "Something is broken"), request(CAROL), uri("x"));
        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode bug = JSON.valueToTree(created.getEntity());
        assertThat(bug.path("color").asText()).isEqualTo("d73a4a");
        assertThat(bug.path("url").asText()).isEqualTo("http://codara.test/api/v3/repos/alice/app/labels/bug");
        f.labelsResource.create("alice", "app", body("name", "good first issue"), request(CAROL), uri("x"));
        assertThat(failure(() -> f.labelsResource.create("alice", "app", body("name", "BUG"), request(CAROL), uri("x")))
                .status()).isEqualTo(422);
        assertThat(failure(() -> f.labelsResource.create("alice", "app", body("name", "x", "color", "red"),
                request(CAROL), uri("x"))).status()).isEqualTo(422);
        assertThat(failure(() -> f.labelsResource.create("alice", "app", body("name", "x"), request(BOB), uri("x")))
                .status()).isEqualTo(403);

        JsonNode listed = JSON.valueToTree(f.labelsResource.list("alice", "app", null, null, request(BOB), uri("x"))
                .items());
        assertThat(listed).extracting(n -> n.path("name").asText()).containsExactly("bug", "good first issue");
        assertThat(listed.path(1).path("url").asText()).endsWith("/labels/good%20first%20issue");

        JsonNode renamed = JSON.valueToTree(f.labelsResource.update("alice", "app", "Bug", body("new_name", "defect",
                "color", "000000"), request(CAROL), uri("x")));
        assertThat(renamed.path("name").asText()).isEqualTo("defect");
        assertThat(renamed.path("description").asText()).isEqualTo("Something is broken");
        assertThat(failure(() -> f.labelsResource.get("alice", "app", "bug", request(BOB), uri("x"))).status())
                .isEqualTo(404);
        assertThat(f.labelsResource.delete("alice", "app", "defect", request(CAROL)).getStatus()).isEqualTo(204);
        assertThat(failure(() -> f.labelsResource.delete("alice", "app", "defect", request(CAROL))).status())
                .isEqualTo(404);
    }

    @Test
    void pullRequestsCarryLabelsAndAssigneesAndListsFilterByLabels() throws Exception {
        f.labelsResource.create("alice", "app", body("name", "bug"), request(CAROL), uri("x"));
        f.labelsResource.create("alice", "app", body("name", "ui"), request(CAROL), uri("x"));
        // Opened by a writer with labels and assignees; bob may not write, so he is not assigned.
        Response opened = f.resource.open("alice", "app", body("title", "Four", "head", "feature", "base", "main",
                "labels", List.of("bug"), "assignees", List.of("carol", "bob")), request(ALICE), uri("x"));
        JsonNode pull = JSON.valueToTree(opened.getEntity());
        int number = pull.path("number").asInt();
        assertThat(pull.path("labels")).extracting(n -> n.path("name").asText()).containsExactly("bug");
        assertThat(pull.path("assignees")).extracting(n -> n.path("login").asText()).containsExactly("carol");
        assertThat(pull.path("assignee").path("login").asText()).isEqualTo("carol");
        f.resource.open("alice", "app", body("title", "Shout", "head", "other", "base", "main"), request(ALICE),
                uri("x"));

        JsonNode labels = JSON.valueToTree(f.issueLabels.add("alice", "app", number, List.of("ui"), request(CAROL),
                uri("x")));
        assertThat(labels).extracting(n -> n.path("name").asText()).containsExactly("bug", "ui");
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_LABELED),
                argThat(event -> "ui".equals(event.get("label"))));
        assertThat(failure(() -> f.issueLabels.add("alice", "app", number, Map.of("labels", List.of("nope")),
                request(CAROL), uri("x"))).status()).isEqualTo(422);
        assertThat(failure(() -> f.issueLabels.add("alice", "app", number, List.of("ui"), request(BOB), uri("x")))
                .status()).isEqualTo(403);
        assertThat(failure(() -> f.issueLabels.list("alice", "app", 99, request(BOB), uri("x"))).status())
                .isEqualTo(404);

        assertThat(names(list("bug,ui"))).containsExactly(number);
        assertThat(names(list("bug"))).containsExactly(number);
        assertThat(names(list(null))).hasSize(2);

        JsonNode left = JSON.valueToTree(f.issueLabels.remove("alice", "app", number, "BUG", request(CAROL), uri("x")));
        assertThat(left).extracting(n -> n.path("name").asText()).containsExactly("ui");
        verify(f.outbox).publish(any(Connection.class), eq(Topics.PULL_REQUEST_UNLABELED),
                argThat(event -> "bug".equals(event.get("label"))));
        JsonNode replaced = JSON.valueToTree(f.issueLabels.set("alice", "app", number, Map.of("labels",
                List.of(Map.of("name", "bug"))), request(CAROL), uri("x")));
        assertThat(replaced).extracting(n -> n.path("name").asText()).containsExactly("bug");
        assertThat(f.issueLabels.clear("alice", "app", number, request(CAROL)).getStatus()).isEqualTo(204);
        assertThat(f.labels.ofIssue(f.app.id(), number)).isEmpty();

        Response assigned = f.issueAssignees.assign("alice", "app", number, body("assignees", List.of("dave")),
                request(CAROL), uri("x"));
        assertThat(assigned.getStatus()).isEqualTo(201);
        assertThat(JSON.valueToTree(assigned.getEntity()).path("assignees")).extracting(n -> n.path("login").asText())
                .containsExactly("carol", "dave");
        JsonNode unassigned = JSON.valueToTree(f.issueAssignees.unassign("alice", "app", number,
                body("assignees", List.of("carol")), request(CAROL), uri("x")));
        assertThat(unassigned.path("assignees")).extracting(n -> n.path("login").asText()).containsExactly("dave");

        JsonNode patched = JSON.valueToTree(f.resource.update("alice", "app", number, body("assignees",
                List.of("alice"), "labels", List.of("ui")), request(CAROL), uri("x")));
        assertThat(patched.path("assignees")).extracting(n -> n.path("login").asText()).containsExactly("alice");
        assertThat(patched.path("labels")).extracting(n -> n.path("name").asText()).containsExactly("ui");
    }

    private JsonNode list(String labels) {
        return JSON.valueToTree(f.resource.list("alice", "app", "open", null, null, null, null, labels, null, null,
                request(Principal.ANONYMOUS), uri("repos/alice/app/pulls")).items());
    }

    private static List<Integer> names(JsonNode pulls) {
        List<Integer> numbers = new java.util.ArrayList<>();
        pulls.forEach(p -> numbers.add(p.path("number").asInt()));
        return numbers;
    }
}
