package io.codara.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.EventProperties;
import io.codara.api.event.Topics;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.live.LiveRequest;
import io.codara.api.live.LiveSink;
import io.codara.api.live.LiveSubscription;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class RepositoryEventsChannelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ALICE = new Principal("alice", false, null);
    private static final Principal BOB = new Principal("bob", false, null);
    private static final ResourceRef TOOLS = new ResourceRef("repository", "alice/tools");

    private final Repositories repositories = mock(Repositories.class);
    private final Permissions permissions = mock(Permissions.class);
    private final RepositoryEventsChannel channel = new RepositoryEventsChannel(repositories, permissions);
    private final Repository tools = new Repository(7, "alice", "tools", null, null, List.of(), Visibility.PRIVATE,
            "main", false, false, null, Instant.EPOCH, Instant.EPOCH, null);

    @BeforeEach
    void repository() {
        when(repositories.resolve("alice", "old-tools")).thenReturn(Optional.of(tools));
        when(repositories.resolve("alice", "tools")).thenReturn(Optional.of(tools));
        when(repositories.find(7)).thenReturn(Optional.of(tools));
        when(permissions.decide(eq(ALICE), eq("read"), eq(TOOLS))).thenReturn(Decision.ALLOW);
        when(permissions.decide(eq(BOB), eq("read"), any())).thenReturn(Decision.NOT_FOUND);
    }

    @Test
    void readersGetTheRepositorysEventsWithOnlyTheListedProperties() throws Exception {
        Sink sink = new Sink();
        LiveSubscription subscription = channel.open(request(ALICE, "old-tools"), sink);
        assertThat(JSON.readTree(sink.messages.get(0)).path("repository").asText()).isEqualTo("alice/tools");

        Map<String, Object> push = new HashMap<>();
        push.put("repository_id", 7); // as read back from the outbox's JSON: an Integer
        push.put("repository", "alice/tools");
        push.put("pusher", "alice");
        push.put("ref_updates", List.of(Map.of("ref", "refs/heads/main", "before", "0".repeat(40), "after", "1".repeat(40))));
        push.put("internal_secret", "never shown");
        push.put(EventProperties.EVENT_ID, 99L);
        push.put(EventProperties.OCCURRED_AT, "2026-11-30T23:00:00Z");
        channel.handleEvent(new Event(Topics.GIT_PUSH, push));
        channel.handleEvent(new Event(Topics.GIT_PUSH, Map.of("repository_id", 8L, "pusher", "x")));
        channel.handleEvent(new Event("codara/git/something_unlisted", Map.of("repository_id", 7L)));

        assertThat(sink.messages).hasSize(2);
        JsonNode message = JSON.readTree(sink.messages.get(1));
        assertThat(message.path("event").asText()).isEqualTo("push");
        assertThat(message.path("id").asLong()).isEqualTo(99);
        assertThat(message.path("created_at").asText()).isEqualTo("2026-11-30T23:00:00Z");
        assertThat(message.path("payload").path("pusher").asText()).isEqualTo("alice");
        assertThat(message.path("payload").path("ref_updates").get(0).path("ref").asText()).isEqualTo("refs/heads/main");
        assertThat(message.toString()).doesNotContain("never shown");

        subscription.close();
        channel.handleEvent(new Event(Topics.CI_STATUS, Map.of("repository_id", 7L, "state", "success")));
        assertThat(sink.messages).hasSize(2);
    }

    @Test
    void whoMayNotReadIsRefusedAsIfTheRepositoryDidNotExist() {
        when(permissions.decide(eq(BOB), eq("read"), any())).thenReturn(Decision.NOT_FOUND);
        org.mockito.Mockito.doCallRealMethod().when(permissions).require(any(), any(), any());
        assertThatThrownBy(() -> channel.open(request(BOB, "tools"), new Sink())).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(404));
        when(repositories.resolve("alice", "nothing")).thenReturn(Optional.empty());
        assertThatThrownBy(() -> channel.open(request(ALICE, "nothing"), new Sink())).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(404));
    }

    @Test
    void aReaderWhoLosesAccessIsDisconnectedAndADeletionEndsTheStream() throws Exception {
        Sink alice = new Sink();
        channel.open(request(ALICE, "tools"), alice);
        when(permissions.decide(eq(ALICE), eq("read"), eq(TOOLS))).thenReturn(Decision.NOT_FOUND);
        channel.handleEvent(new Event(Topics.GIT_REPOSITORY_VISIBILITY_CHANGED,
                Map.of("repository_id", 7L, "from", "public", "to", "private")));
        assertThat(alice.messages).hasSize(1);
        assertThat(alice.closedWith).isEqualTo(LiveSink.POLICY_VIOLATION);

        when(permissions.decide(eq(ALICE), eq("read"), eq(TOOLS))).thenReturn(Decision.ALLOW);
        Sink again = new Sink();
        channel.open(request(ALICE, "tools"), again);
        when(repositories.find(7)).thenReturn(Optional.empty());
        channel.handleEvent(new Event(Topics.GIT_REPOSITORY_DELETED,
                Map.of("repository_id", 7L, "repository", "alice/tools", "actor", "alice")));
        assertThat(JSON.readTree(again.messages.get(1)).path("event").asText()).isEqualTo("repository_deleted");
        assertThat(JSON.readTree(again.messages.get(1)).path("repository").asText()).isEqualTo("alice/tools");
        assertThat(again.closedWith).isEqualTo(LiveSink.NORMAL);
    }

    private static LiveRequest request(Principal principal, String repo) {
        return new LiveRequest(principal, Map.of("owner", "alice", "repo", repo), Map.of());
    }

    static final class Sink implements LiveSink {

        final List<String> messages = new ArrayList<>();
        Integer closedWith;

        @Override
        public boolean send(String text) {
            if (closedWith != null) {
                return false;
            }
            messages.add(text);
            return true;
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        @Override
        public boolean isOpen() {
            return closedWith == null;
        }
    }
}
