package io.codara.git.internal;

import static io.codara.git.internal.BrowsingFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.codara.api.rest.ApiException;

import org.junit.jupiter.api.Test;

/** The template listings answer what repository creation accepts, in GitHub's shapes. */
class TemplatesResourceTest {

    private final TemplatesResource.Gitignore gitignore = new TemplatesResource.Gitignore();
    private final TemplatesResource.Licenses licenses = new TemplatesResource.Licenses();

    @Test
    void listsTheGitignoreTemplatesRepositoryCreationAccepts() {
        assertThat(gitignore.list()).contains("Java", "Node", "Python").isEqualTo(InitialFiles.GITIGNORE_TEMPLATES);
    }

    @Test
    void answersAGitignoreTemplateWithItsSourceByAnyCase() {
        Map<String, Object> node = gitignore.get("node");
        assertThat(node).containsEntry("name", "Node").containsOnlyKeys("name", "source");
        assertThat((String) node.get("source")).contains("node_modules");
        assertThatThrownBy(() -> gitignore.get("Cobol"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void listsEveryLicenceRepositoryCreationAccepts() {
        var list = licenses.list(uri("licenses"));
        assertThat(list).extracting(l -> l.get("key")).containsExactlyElementsOf(InitialFiles.LICENSES);
        assertThat(list.get(0)).containsOnlyKeys("key", "name", "spdx_id", "url", "node_id")
                .containsEntry("name", "Apache License 2.0").containsEntry("spdx_id", "Apache-2.0")
                .containsEntry("url", "http://codara.test/api/v3/licenses/apache-2.0");
    }

    @Test
    void answersALicenceWithItsText() {
        Map<String, Object> mit = licenses.get("MIT", uri("licenses/MIT"));
        assertThat(mit).containsEntry("key", "mit").containsEntry("spdx_id", "MIT").containsEntry("featured", true);
        assertThat((String) mit.get("body")).startsWith("MIT License").contains("[year]");
        assertThatThrownBy(() -> licenses.get("wtfpl", uri("licenses/wtfpl")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
