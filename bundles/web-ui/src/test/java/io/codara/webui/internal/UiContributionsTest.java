package io.codara.webui.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.codara.api.ui.spi.UiContribution;
import io.codara.api.ui.spi.UiSlot;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class UiContributionsTest {

    private record Page(String id, UiSlot slot, String title, String path, String module, int order, boolean signIn)
            implements UiContribution {
        @Override
        public boolean requiresSignIn() {
            return signIn;
        }
    }

    private static Page page(String id, String path, String module) {
        return new Page(id, UiSlot.NAVIGATION, "Title " + id, path, module, 500, false);
    }

    private static Map<String, Object> service(long id) {
        return Map.of(Constants.SERVICE_ID, id);
    }

    @Test
    void contributionsAppearAndLeaveWithTheirServices() {
        UiContributions contributions = new UiContributions();
        Page notes = page("example.notes", "notes", "/plugins/notes/notes.js");
        contributions.addContribution(notes, service(1));
        assertThat(contributions.visibleTo(false)).extracting(UiContributions.Entry::id).containsExactly("example.notes");
        contributions.removeContribution(notes, service(1));
        assertThat(contributions.visibleTo(true)).isEmpty();
    }

    @Test
    void theyAreOrderedAndSignInOnlyOnesAreHiddenFromAnonymousVisitors() {
        UiContributions contributions = new UiContributions();
        contributions.addContribution(new Page("b", UiSlot.NAVIGATION, "Beta", "beta", "/p/b.js", 200, false), service(1));
        contributions.addContribution(new Page("a", UiSlot.NAVIGATION, "Alpha", "alpha", "/p/a.js", 200, true), service(2));
        contributions.addContribution(new Page("c", UiSlot.REPOSITORY_TAB, "Gamma", "gamma", "/p/c.js", 100, false), service(3));

        assertThat(contributions.visibleTo(true)).extracting(UiContributions.Entry::id).containsExactly("c", "a", "b");
        assertThat(contributions.visibleTo(false)).extracting(UiContributions.Entry::id).containsExactly("c", "b");
    }

    @Test
    void aSecondRegistrationOfTheSameIdOrPathShowsOnce() {
        UiContributions contributions = new UiContributions();
        contributions.addContribution(page("x", "notes", "/p/x.js"), service(1));
        contributions.addContribution(page("x", "other", "/p/x2.js"), service(2));
        contributions.addContribution(page("y", "notes", "/p/y.js"), service(3));
        assertThat(contributions.visibleTo(true)).hasSize(1);
    }

    @Test
    void modulesMustBeScriptsOfThisServer() {
        for (String module : new String[] {"https://evil.example/x.js", "//evil.example/x.js", "javascript:alert(1)",
                "/plugins/../etc/x.js", "/plugins/x.css", "plugins/x.js", "/plugins/x.js?q=<script>"}) {
            assertThatThrownBy(() -> UiContributions.validated(page("x", "x", module))).as(module)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(UiContributions.validated(page("x", "x", "/plugins/x/page.mjs")).module()).isEqualTo("/plugins/x/page.mjs");
    }

    @Test
    void badContributionsAreIgnoredNotFatal() {
        UiContributions contributions = new UiContributions();
        contributions.addContribution(page("bad id!", "x", "/p/x.js"), service(1));
        contributions.addContribution(page("ok", "Upper", "/p/x.js"), service(2));
        contributions.addContribution(new Page("t", UiSlot.NAVIGATION, " ", "t", "/p/t.js", 1, false), service(3));
        contributions.addContribution(new Page("s", null, "S", "s", "/p/s.js", 1, false), service(4));
        assertThat(contributions.visibleTo(true)).isEmpty();
    }
}
