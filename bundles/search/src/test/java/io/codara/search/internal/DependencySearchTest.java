package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.PageRequest;
import io.codara.api.search.DeclaredDependency;
import io.codara.api.search.DependentsResult;
import io.codara.api.search.RepositoryDependencies;
import io.codara.api.security.Principal;

/** Dependencies indexed from real manifests and lockfiles on push, listed and searched by name and version range. */
class DependencySearchTest {

    static final String PACKAGE_JSON = """
            {
              "name": "web",
              "dependencies": {
                "lodash": "^4.17.0",
                "express": "~4.18.2"
              },
              "devDependencies": {
                "jest": "^29.7.0"
              }
            }
            """;

    static String packageLock(String lodash) {
        return """
                {
                  "name": "web",
                  "lockfileVersion": 3,
                  "requires": true,
                  "packages": {
                    "": { "name": "web", "dependencies": { "lodash": "^4.17.0", "express": "~4.18.2" } },
                    "node_modules/lodash": { "version": "%s" },
                    "node_modules/express": { "version": "4.18.2" },
                    "node_modules/jest": { "version": "29.7.0", "dev": true }
                  }
                }
                """.formatted(lodash);
    }

    static final String POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.acme</groupId>
              <artifactId>service</artifactId>
              <version>1.0.0</version>
              <dependencies>
                <dependency>
                  <groupId>com.fasterxml.jackson.core</groupId>
                  <artifactId>jackson-databind</artifactId>
                  <version>2.12.3</version>
                </dependency>
                <dependency>
                  <groupId>org.junit.jupiter</groupId>
                  <artifactId>junit-jupiter</artifactId>
                  <version>5.10.0</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
            </project>
            """;

    static final String REQUIREMENTS = """
            # runtime
            requests>=2.20,<3
            Django==4.2.1
            """;

    static final String PYPROJECT = """
            [project]
            name = "scripts"
            version = "0.1.0"
            dependencies = [
                "requests==2.31.0",
            ]
            """;

    @TempDir
    Path temp;
    SearchFixture fixture;
    Repository web;
    Repository service;
    Repository scripts;
    Repository vault;
    RevCommit webFirst;

    @BeforeEach
    void index() throws Exception {
        fixture = new SearchFixture(temp);
        web = fixture.create("acme", "web", Visibility.PUBLIC);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("package.json", PACKAGE_JSON);
        files.put("package-lock.json", packageLock("4.17.20"));
        files.put("vendor/old/package.json", "{ \"dependencies\": { \"lodash\": \"4.0.0\" } }\n");
        files.put("src/index.js", "const _ = require('lodash');\n");
        webFirst = fixture.commit(web, files);
        service = fixture.create("acme", "service", Visibility.PUBLIC);
        fixture.commit(service, Map.of("pom.xml", POM, "requirements.txt", REQUIREMENTS));
        scripts = fixture.create("bob", "scripts", Visibility.PUBLIC);
        fixture.commit(scripts, Map.of("pyproject.toml", PYPROJECT, "package.json",
                "{ \"dependencies\": { \"lodash\": \"4.17.21\" } }\n"));
        vault = fixture.create("carol", "vault", Visibility.PRIVATE);
        fixture.commit(vault, Map.of("package.json", "{\n  \"dependencies\": {\n    \"lodash\": \"4.17.15\"\n  }\n}\n"));
        for (Repository r : List.of(web, service, scripts, vault)) {
            fixture.indexer.sync(r.id());
        }
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    static Principal alice = SearchFixture.user("alice");
    static Principal carol = SearchFixture.user("carol");

    private DependentsResult dependents(String name, String ecosystem, String range, Principal who) {
        return fixture.dependencies.dependents(name, ecosystem, range, who, PageRequest.of(1, 30));
    }

    private static List<String> repositories(DependentsResult result) {
        return result.items().stream().map(RepositoryDependencies::repository).toList();
    }

    @Test
    void listsManifestRequirementsAndLockedVersionsWithLines() {
        RepositoryDependencies listed = fixture.dependencies.dependencies("acme", "web", null, alice);
        assertThat(listed.branch()).isEqualTo("main");
        assertThat(listed.commit()).isEqualTo(webFirst.name());
        assertThat(listed.dependencies()).extracting(DeclaredDependency::manifest, DeclaredDependency::name,
                DeclaredDependency::requirement, DeclaredDependency::version, DeclaredDependency::scope,
                DeclaredDependency::line).contains(
                        tuple("package.json", "lodash", "^4.17.0", null, "runtime", 4),
                        tuple("package.json", "express", "~4.18.2", null, "runtime", 5),
                        tuple("package.json", "jest", "^29.7.0", null, "development", 8));
        assertThat(listed.dependencies()).filteredOn(d -> d.manifest().equals("package-lock.json"))
                .extracting(DeclaredDependency::name, DeclaredDependency::version)
                .containsExactlyInAnyOrder(tuple("lodash", "4.17.20"), tuple("express", "4.18.2"),
                        tuple("jest", "29.7.0"));
        // a package.json under vendor/ is a vendored package's, not the repository's
        assertThat(listed.dependencies()).extracting(DeclaredDependency::manifest).doesNotContain("vendor/old/package.json");

        RepositoryDependencies maven = fixture.dependencies.dependencies("acme", "service", null, alice);
        assertThat(maven.dependencies()).extracting(DeclaredDependency::ecosystem, DeclaredDependency::name,
                DeclaredDependency::version, DeclaredDependency::scope, DeclaredDependency::manifest,
                DeclaredDependency::line).containsExactly(
                        tuple("maven", "com.fasterxml.jackson.core:jackson-databind", "2.12.3", "runtime", "pom.xml", 7),
                        tuple("maven", "org.junit.jupiter:junit-jupiter", "5.10.0", "test", "pom.xml", 12),
                        tuple("pypi", "requests", null, null, "requirements.txt", 2),
                        tuple("pypi", "django", "4.2.1", null, "requirements.txt", 3));
    }

    @Test
    void findsDependentsWithinRangesInNpmMavenAndPypi() {
        DependentsResult lodash = dependents("lodash", "npm", "<4.17.21", alice);
        assertThat(repositories(lodash)).containsExactly("acme/web");
        assertThat(lodash.items().get(0).dependencies()).extracting(DeclaredDependency::manifest)
                .containsExactly("package-lock.json", "package.json");
        assertThat(repositories(dependents("lodash", "npm", ">=4.17.21", alice))).containsExactly("bob/scripts");
        assertThat(repositories(dependents("lodash", null, null, alice))).containsExactly("acme/web", "bob/scripts");

        String jackson = "com.fasterxml.jackson.core:jackson-databind";
        assertThat(repositories(dependents(jackson, "maven", "[2.0,2.13.0)", alice))).containsExactly("acme/service");
        assertThat(dependents(jackson, "maven", "[2.13.0,)", alice).totalCount()).isZero();
        assertThat(dependents("org.junit.jupiter:junit-jupiter", "maven", null, alice).items().get(0).dependencies())
                .extracting(DeclaredDependency::scope).containsExactly("test");

        // requests>=2.20,<3 may use 2.24; requests==2.31.0 does not. Names compare as PEP 503 normalises them.
        assertThat(repositories(dependents("Requests", "pypi", "<2.25", alice))).containsExactly("acme/service");
        assertThat(repositories(dependents("requests", "pypi", ">=2.31", alice)))
                .containsExactly("acme/service", "bob/scripts");
        assertThat(repositories(dependents("DJANGO", null, "~=4.2.0", alice))).containsExactly("acme/service");
        assertThat(dependents("django", "pypi", ">=5", alice).totalCount()).isZero();
    }

    @Test
    void aPrivateRepositoryIsNeverListedOrCountedForOthers() {
        assertThat(dependents("lodash", "npm", "<4.17.20", alice).totalCount()).isZero();
        DependentsResult forCarol = dependents("lodash", "npm", "<4.17.20", carol);
        assertThat(repositories(forCarol)).containsExactly("carol/vault");
        assertThat(forCarol.items().get(0).dependencies()).extracting(DeclaredDependency::line).containsExactly(3);
        assertThat(dependents("lodash", null, null, alice).totalCount()).isEqualTo(2);
        assertThat(dependents("lodash", null, null, carol).totalCount()).isEqualTo(3);
        assertThatThrownBy(() -> fixture.dependencies.dependencies("carol", "vault", null, alice))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(fixture.dependencies.dependencies("carol", "vault", null, carol).dependencies()).hasSize(1);
    }

    @Test
    void aPushThatChangesTheLockedVersionChangesWhatMatches() throws Exception {
        // package.json still asks for ^4.17.0, but the lockfile next to it now resolves 4.17.21
        fixture.commit(web, Map.of("package-lock.json", packageLock("4.17.21")));
        fixture.indexer.sync(web.id());
        assertThat(dependents("lodash", "npm", "<4.17.21", alice).totalCount()).isZero();
        assertThat(repositories(dependents("lodash", "npm", "4.17.21", alice))).containsExactly("acme/web", "bob/scripts");

        // a force-push back to the first commit brings 4.17.20 back
        fixture.gits.get(web.id()).reset().setMode(ResetCommand.ResetType.HARD).setRef(webFirst.name()).call();
        fixture.indexer.sync(web.id());
        assertThat(repositories(dependents("lodash", "npm", "<4.17.21", alice))).containsExactly("acme/web");
        assertThat(fixture.dependencies.dependencies("acme", "web", null, alice).commit()).isEqualTo(webFirst.name());
    }

    @Test
    void aDeletedManifestTakesItsDependenciesAlong() throws Exception {
        Map<String, String> delete = new HashMap<>();
        delete.put("requirements.txt", null);
        fixture.commit(service, delete);
        fixture.indexer.sync(service.id());
        assertThat(fixture.dependencies.dependencies("acme", "service", null, alice).dependencies())
                .extracting(DeclaredDependency::manifest).containsOnly("pom.xml");
        assertThat(repositories(dependents("requests", "pypi", null, alice))).containsExactly("bob/scripts");
    }

    @Test
    void aDeletedRepositoryTakesItsDependenciesAlongDurably() throws Exception {
        assertThat(committedDependencies(scripts.id())).isEqualTo(2);
        fixture.repositories.remove(scripts.id());
        fixture.indexer.sync(scripts.id());
        assertThat(committedDependencies(scripts.id())).isZero();
        assertThat(repositories(dependents("lodash", null, null, alice))).containsExactly("acme/web");
    }

    @Test
    void theRebuildCommandRebuildsDependenciesToo() throws Exception {
        IndexAdministration admin = new IndexAdministration(fixture.index, fixture.indexer, fixture.repositoryService,
                fixture.jobs);
        assertThat(admin.rebuildAll()).isEqualTo(4);
        assertThat(dependents("lodash", null, null, carol).totalCount()).isZero();
        fixture.drain();
        assertThat(dependents("lodash", null, null, carol).totalCount()).isEqualTo(3);
    }

    @Test
    void dependenciesSurviveARestart() throws Exception {
        fixture.index.close();
        fixture.open();
        assertThat(repositories(dependents("lodash", "npm", "<4.17.21", alice))).containsExactly("acme/web");
    }

    @Test
    void refusesWhatItCannotAnswer() {
        assertThatThrownBy(() -> dependents(" ", null, null, alice)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> dependents("lodash", "cpan", null, alice)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e).hasMessageContaining("Unknown ecosystem cpan"));
        assertThatThrownBy(() -> dependents("lodash", "npm", "not a range!", alice))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> fixture.dependencies.dependencies("acme", "web", "feature/x", alice))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> fixture.dependencies.dependencies("acme", "nothing", null, alice))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void anIndexOfAnOlderFormatIsEmptiedSoThatTheCatchUpRebuildsIt(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("code");
        try (FSDirectory directory = FSDirectory.open(path);
                IndexWriter old = new IndexWriter(directory, new IndexWriterConfig())) {
            Document doc = new Document();
            doc.add(new StringField(CodeFields.REPOSITORY, "1", Field.Store.YES));
            old.addDocument(doc);
            old.setLiveCommitData(Map.of("branch:1:main", "0123456789abcdef0123456789abcdef01234567").entrySet());
            old.commit();
        }
        CodeIndex upgraded = new CodeIndex(path);
        try {
            assertThat(upgraded.all()).isEmpty();
            try (DirectoryReader reader = upgraded.openCommitted()) {
                assertThat(reader.numDocs()).isZero();
            }
            upgraded.commit(1, Map.of("main", "fedcba9876543210fedcba9876543210fedcba98"));
        } finally {
            upgraded.close();
        }
        CodeIndex reopened = new CodeIndex(path);
        try {
            assertThat(reopened.branches(1)).containsEntry("main", "fedcba9876543210fedcba9876543210fedcba98");
        } finally {
            reopened.close();
        }
    }

    /** Dependency documents of a repository in the last Lucene commit, as a restart after a crash would find. */
    private long committedDependencies(long repositoryId) throws Exception {
        try (DirectoryReader reader = fixture.index.openCommitted()) {
            return new IndexSearcher(reader).count(new TermQuery(new Term(CodeFields.DEP_REPOSITORY,
                    Long.toString(repositoryId))));
        }
    }
}
