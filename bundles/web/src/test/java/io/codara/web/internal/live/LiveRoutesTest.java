package io.codara.web.internal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.codara.api.live.LiveChannel;
import io.codara.api.live.LiveRequest;
import io.codara.api.live.LiveSink;
import io.codara.api.live.LiveSubscription;

import org.junit.jupiter.api.Test;

class LiveRoutesTest {

    @Test
    void placeholdersTakeWholeDecodedSegmentsAndMoreFixedSegmentsWin() {
        LiveRoutes routes = new LiveRoutes();
        LiveChannel logs = channel("repos/{owner}/{repo}/actions/jobs/{id}/logs");
        LiveChannel any = channel("repos/{owner}/{repo}/actions/jobs/{id}/{what}");
        routes.add(any);
        routes.add(logs);

        LiveRoutes.Match match = routes.match("repos/alice/my%20tools/actions/jobs/42/logs").orElseThrow();
        assertThat(match.channel()).isSameAs(logs);
        assertThat(match.parameters()).containsExactly(Map.entry("owner", "alice"), Map.entry("repo", "my tools"),
                Map.entry("id", "42"));
        assertThat(routes.match("repos/alice/tools/actions/jobs/42/steps").orElseThrow().channel()).isSameAs(any);
        assertThat(routes.match("repos/a%2Fb/tools/actions/jobs/1/logs").orElseThrow().parameters())
                .containsEntry("owner", "a/b");

        assertThat(routes.match("repos/alice/tools/actions/jobs/42")).isEmpty();
        assertThat(routes.match("repos/alice/tools/actions/jobs/42/logs/more")).isEmpty();
        assertThat(routes.match("repos//tools/actions/jobs/42/logs")).isEmpty();
        assertThat(routes.match("repos/%zz/tools/actions/jobs/42/logs")).isEmpty();
        assertThat(routes.match("")).isEmpty();

        routes.remove(logs);
        assertThat(routes.match("repos/alice/tools/actions/jobs/42/logs").orElseThrow().channel()).isSameAs(any);
    }

    @Test
    void badPathsAreRefused() {
        for (String bad : new String[] {"", "/events", "events/", "a//b", "a/{b", "a/x{b}", "a/{1b}", null}) {
            assertThatThrownBy(() -> LiveRoutes.parse(channel(bad))).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void queriesKeepTheFirstValueDecoded() {
        assertThat(LiveRoutes.query("offset=10&offset=20&q=a+b%21&flag")).containsExactly(Map.entry("offset", "10"),
                Map.entry("q", "a b!"), Map.entry("flag", ""));
        assertThat(LiveRoutes.query(null)).isEmpty();
        assertThatThrownBy(() -> LiveRoutes.query("x=%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    static LiveChannel channel(String path) {
        return new LiveChannel() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public LiveSubscription open(LiveRequest request, LiveSink sink) {
                return () -> { };
            }
        };
    }
}
