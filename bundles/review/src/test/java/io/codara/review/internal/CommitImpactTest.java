package io.codara.review.internal;

import static io.codara.review.internal.ReviewFixture.ALICE;
import static io.codara.review.internal.ReviewFixture.BOB;
import static io.codara.review.internal.ReviewFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Impact analysis of commits in real git repositories: modules, dependents, owners and tests, with reasons. */
class CommitImpactTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private final List<Git> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Git::close);
    }

    // --- a multi-module Maven repository, through the resource --------------------------------------------

    private static final String FOO = "package com.example.a;\n\npublic class Foo {\n    public int one() {\n"
            + "        return 1;\n    }\n}\n";

    private static Map<String, String> mavenRepository() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", pom("parent", null, "<packaging>pom</packaging>\n  <modules>\n    <module>a</module>\n"
                + "    <module>b</module>\n    <module>c</module>\n    <module>d</module>\n  </modules>\n"));
        files.put("a/pom.xml", pom("a", "parent", ""));
        files.put("b/pom.xml", pom("b", "parent", dependency("a")));
        files.put("c/pom.xml", pom("c", "parent", dependency("b")));
        files.put("d/pom.xml", pom("d", "parent", "<dependencyManagement><dependencies>" + dependency("a")
                + "</dependencies></dependencyManagement>\n"));
        files.put("a/src/main/java/com/example/a/Foo.java", FOO);
        files.put("a/src/main/java/com/example/a/Bar.java",
                "package com.example.a;\n\nclass Bar {\n    Foo foo = new Foo();\n}\n");
        files.put("a/src/main/java/com/example/a/Foolish.java",
                "package com.example.a;\n\nclass Foolish {\n    // Foo is not used here, the comment does not count\n}\n");
        files.put("a/src/test/java/com/example/a/FooTest.java",
                "package com.example.a;\n\nclass FooTest {\n    void one() {\n        new Foo().one();\n    }\n}\n");
        files.put("b/src/main/java/com/example/b/UsesFoo.java", "package com.example.b;\n\n"
                + "import java.util.List;\nimport com.example.a.Foo;\n\npublic class UsesFoo {\n    Foo foo;\n}\n");
        files.put("b/src/main/java/com/example/b/Wild.java", "package com.example.b;\n\n"
                + "import com.example.a.*;\n\nclass Wild {\n    Foo foo;\n}\n");
        files.put("c/src/main/kotlin/com/example/c/Kt.kt", "package com.example.c\n\nimport com.example.a.Foo\n\n"
                + "class Kt(val foo: Foo)\n");
        files.put("d/src/main/java/com/example/d/Other.java", "package com.example.d;\n\nclass Other {\n"
                + "    String foo = \"Foo\";\n}\n");
        files.put(".github/CODEOWNERS", "* @alice\n/a/ @acme/core dev@example.com\n*.kt @kotlin-fan\n");
        return files;
    }

    private static String pom(String artifactId, String parent, String body) {
        return "<?xml version=\"1.0\"?>\n<project>\n  <modelVersion>4.0.0</modelVersion>\n"
                + (parent == null ? "" : "  <parent>\n    <groupId>com.example</groupId>\n    <artifactId>" + parent
                        + "</artifactId>\n    <version>1</version>\n  </parent>\n")
                + "  <groupId>com.example</groupId>\n  <artifactId>" + artifactId + "</artifactId>\n"
                + "  <version>1</version>\n" + body + "</project>\n";
    }

    private static String dependency(String artifactId) {
        return "  <dependencies>\n    <dependency>\n      <groupId>com.example</groupId>\n      <artifactId>"
                + artifactId + "</artifactId>\n      <version>1</version>\n    </dependency>\n  </dependencies>\n";
    }

    @Test
    void aChangedClassInAMavenModuleReachesItsDependentModulesImportersTestsAndOwners() throws Exception {
        ReviewFixture f = new ReviewFixture(root.resolve("fixture"));
        Git git = Git.open(f.appWork.toFile());
        opened.add(git);
        commit(git, mavenRepository(), List.of(), "Multi-module project");
        String sha = commit(git, Map.of("a/src/main/java/com/example/a/Foo.java", FOO.replace("return 1;",
                "return 2;")), List.of(), "Change Foo").name();

        JsonNode impact = JSON.valueToTree(f.commitImpactResource.get("alice", "app", sha.substring(0, 12),
                request(BOB)));
        assertThat(impact.path("sha").asText()).isEqualTo(sha);
        assertThat(impact.path("files")).hasSize(1);
        JsonNode file = impact.path("files").path(0);
        assertThat(file.path("filename").asText()).isEqualTo("a/src/main/java/com/example/a/Foo.java");
        assertThat(file.path("status").asText()).isEqualTo("modified");
        assertThat(file.path("additions").asInt()).isEqualTo(1);
        assertThat(file.path("deletions").asInt()).isEqualTo(1);
        assertThat(file.path("language").asText()).isEqualTo("Java");
        assertThat(file.path("module").asText()).isEqualTo("a");
        assertThat(impact.path("modules")).extracting(m -> m.path("name").asText() + " " + m.path("kind").asText()
                + " " + m.path("build_file").asText()).containsExactly("a maven a/pom.xml");

        JsonNode modules = impact.path("dependents").path("modules");
        assertThat(modules).extracting(m -> m.path("name").asText() + "@" + m.path("depth").asInt() + " via "
                + m.path("via").asText() + " " + m.path("relation").asText())
                .containsExactly("parent@1 via a aggregates", "b@1 via a depends", "c@2 via b depends");
        assertThat(modules.path(1).path("reason").asText()).isEqualTo("depends on a (b/pom.xml:13)");
        assertThat(modules.path(1).path("text").asText()).isEqualTo("<dependency> com.example:a");
        assertThat(modules.path(0).path("reason").asText()).isEqualTo("builds a as one of its modules (pom.xml:9)");

        JsonNode files = impact.path("dependents").path("files");
        assertThat(files).extracting(d -> d.path("filename").asText()).containsExactly(
                "a/src/main/java/com/example/a/Bar.java", "b/src/main/java/com/example/b/UsesFoo.java",
                "b/src/main/java/com/example/b/Wild.java", "c/src/main/kotlin/com/example/c/Kt.kt");
        JsonNode uses = files.path(1).path("reasons").path(0);
        assertThat(uses.path("kind").asText()).isEqualTo("import");
        assertThat(uses.path("line").asInt()).isEqualTo(4);
        assertThat(uses.path("text").asText()).isEqualTo("import com.example.a.Foo;");
        assertThat(uses.path("changed_file").asText()).isEqualTo("a/src/main/java/com/example/a/Foo.java");
        assertThat(uses.path("why").asText()).isEqualTo("imports com.example.a.Foo");
        assertThat(files.path(1).path("module").asText()).isEqualTo("b");
        assertThat(files.path(0).path("reasons").path(0).path("kind").asText()).isEqualTo("same_package");
        assertThat(files.path(0).path("reasons").path(0).path("text").asText()).isEqualTo("Foo foo = new Foo();");
        assertThat(files.path(2).path("reasons").path(0).path("why").asText())
                .isEqualTo("uses Foo through import com.example.a.*; (line 3)");
        assertThat(files.path(3).path("reasons").path(0).path("text").asText()).isEqualTo("import com.example.a.Foo");
        assertThat(impact.path("dependents").path("truncated").asBoolean()).isFalse();

        JsonNode tests = impact.path("tests");
        assertThat(tests).extracting(t -> t.path("filename").asText())
                .containsExactly("a/src/test/java/com/example/a/FooTest.java");
        assertThat(tests.path(0).path("reasons")).extracting(r -> r.path("kind").asText())
                .containsExactlyInAnyOrder("same_package", "naming");
        assertThat(tests.path(0).path("reasons")).extracting(r -> r.path("why").asText())
                .contains("named after Foo.java (in the mirrored test directory a/src/test/java/com/example/a)");

        JsonNode owners = impact.path("owners");
        assertThat(owners.path("codeowners").asText()).isEqualTo(".github/CODEOWNERS");
        assertThat(owners.path("total")).extracting(o -> o.path("owner").asText() + " " + o.path("type").asText())
                .containsExactly("@acme/core team", "dev@example.com email");
        assertThat(owners.path("files").path(0).path("owners")).extracting(JsonNode::asText)
                .containsExactly("@acme/core", "dev@example.com");

        // The private repository is a 404 to who cannot read it; unknown commits too.
        assertThat(status(() -> f.commitImpactResource.get("alice", "secret", "main", request(BOB)))).isEqualTo(404);
        assertThat(status(() -> f.commitImpactResource.get("alice", "secret", "main", request(Principal.of(null)))))
                .isEqualTo(404);
        assertThat(f.commitImpactResource.get("alice", "secret", "main", request(ALICE))).containsKey("files");
        assertThat(status(() -> f.commitImpactResource.get("alice", "app", "no-such-ref", request(BOB))))
                .isEqualTo(404);
        assertThat(status(() -> f.commitImpactResource.get("alice", "app", "0123456789abcdef0123456789abcdef01234567",
                request(BOB)))).isEqualTo(404);
    }

    @Test
    void aDeletedClassListsItsRemainingImportersAndARenamedOneItsOldName() throws Exception {
        Git git = repository("deleted");
        commit(git, mavenRepository(), List.of(), "Multi-module project");
        JsonNode deleted = impact(git, commit(git, Map.of(), List.of("a/src/main/java/com/example/a/Foo.java"),
                "Drop Foo"));
        assertThat(deleted.path("files").path(0).path("status").asText()).isEqualTo("removed");
        assertThat(deleted.path("files").path(0).path("module").asText()).isEqualTo("a");
        assertThat(deleted.path("dependents").path("files")).extracting(d -> d.path("filename").asText())
                .contains("b/src/main/java/com/example/b/UsesFoo.java", "c/src/main/kotlin/com/example/c/Kt.kt");
        assertThat(deleted.path("tests").path(0).path("filename").asText())
                .isEqualTo("a/src/test/java/com/example/a/FooTest.java");

        Git moved = repository("moved");
        commit(moved, mavenRepository(), List.of(), "Multi-module project");
        JsonNode renamed = impact(moved, commit(moved, Map.of("a/src/main/java/com/example/a/moved/Foo.java",
                FOO.replace("package com.example.a;", "package com.example.a.moved;")),
                List.of("a/src/main/java/com/example/a/Foo.java"), "Move Foo"));
        JsonNode file = renamed.path("files").path(0);
        assertThat(file.path("status").asText()).isEqualTo("renamed");
        assertThat(file.path("previous_filename").asText()).isEqualTo("a/src/main/java/com/example/a/Foo.java");
        JsonNode uses = find(renamed.path("dependents").path("files"), "b/src/main/java/com/example/b/UsesFoo.java");
        assertThat(uses.path("reasons").path(0).path("why").asText())
                .isEqualTo("imports com.example.a.Foo (its name before this commit)");
        assertThat(uses.path("reasons").path(0).path("changed_file").asText())
                .isEqualTo("a/src/main/java/com/example/a/Foo.java");
    }

    @Test
    void aChangedParentPomReachesTheModulesThatInheritFromIt() throws Exception {
        Git git = repository("parent");
        commit(git, mavenRepository(), List.of(), "Multi-module project");
        JsonNode impact = impact(git, commit(git, Map.of("pom.xml", pom("parent", null,
                "<packaging>pom</packaging>\n  <modules>\n    <module>a</module>\n    <module>b</module>\n"
                        + "    <module>c</module>\n    <module>d</module>\n  </modules>\n  <properties/>\n")),
                List.of(), "Parent property"));
        assertThat(impact.path("modules")).extracting(m -> m.path("name").asText()).containsExactly("parent");
        assertThat(impact.path("dependents").path("modules")).extracting(m -> m.path("name").asText() + "@"
                + m.path("depth").asInt() + " " + m.path("relation").asText())
                .containsExactly("a@1 inherits", "b@1 inherits", "c@1 inherits", "d@1 inherits");
        assertThat(impact.path("dependents").path("modules").path(0).path("reason").asText())
                .isEqualTo("inherits from parent, whose build file changed (a/pom.xml:4)");
        // A class change in a module does not make its siblings dependents through the shared parent.
        JsonNode leaf = impact(git, commit(git, Map.of("d/src/main/java/com/example/d/Other.java",
                "package com.example.d;\n\nclass Other {\n}\n"), List.of(), "Other"));
        assertThat(leaf.path("dependents").path("modules")).extracting(m -> m.path("name").asText())
                .containsExactly("parent");
        assertThat(leaf.path("dependents").path("files")).isEmpty();
    }

    @Test
    void javaScriptAndTypeScriptRelativeImportsAndWorkspacePackages() throws Exception {
        Git git = repository("js");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("package.json", "{\"name\": \"root\", \"private\": true, \"workspaces\": [\"packages/*\"]}\n");
        files.put("packages/lib/package.json", "{\n  \"name\": \"@acme/lib\",\n  \"version\": \"1.0.0\"\n}\n");
        files.put("packages/lib/src/math.ts", "export const add = (a: number, b: number) => a + b;\n");
        files.put("packages/lib/src/index.ts", "export * from './math.js';\n");
        files.put("packages/lib/src/app.ts", "import { sum } from './other';\nimport {\n  add,\n} from './math';\n");
        files.put("packages/lib/src/other.ts", "export const sum = 1;\n");
        files.put("packages/lib/src/legacy.cjs", "const math = require('./math');\n");
        files.put("packages/lib/src/mathx.ts", "export const x = 1;\n");
        files.put("packages/lib/src/near.ts", "import { x } from './mathx';\n");
        files.put("packages/lib/src/math.test.ts", "import { add } from './math';\n");
        files.put("packages/app/package.json", "{\n  \"name\": \"@acme/app\",\n  \"dependencies\": {\n"
                + "    \"@acme/lib\": \"*\",\n    \"react\": \"^18\"\n  }\n}\n");
        files.put("packages/app/src/main.tsx", "import React from 'react';\nimport { add } from '@acme/lib';\n");
        files.put("packages/web/package.json", "{\n  \"name\": \"@acme/web\",\n  \"devDependencies\": {\n"
                + "    \"@acme/app\": \"*\"\n  }\n}\n");
        files.put("packages/solo/package.json", "{\"name\": \"@acme/solo\"}\n");
        commit(git, files, List.of(), "Workspace");
        JsonNode impact = impact(git, commit(git, Map.of("packages/lib/src/math.ts",
                "export const add = (a: number, b: number) => b + a;\n"), List.of(), "Swap"));

        assertThat(impact.path("modules")).extracting(m -> m.path("name").asText()).containsExactly("@acme/lib");
        assertThat(impact.path("dependents").path("modules"))
                .extracting(m -> m.path("name").asText() + "@" + m.path("depth").asInt())
                .containsExactly("@acme/app@1", "@acme/web@2");
        JsonNode dependents = impact.path("dependents").path("files");
        assertThat(dependents).extracting(d -> d.path("filename").asText()).containsExactly(
                "packages/app/src/main.tsx", "packages/lib/src/app.ts", "packages/lib/src/index.ts",
                "packages/lib/src/legacy.cjs");
        assertThat(dependents.path(0).path("reasons").path(0).path("text").asText())
                .isEqualTo("import { add } from '@acme/lib';");
        assertThat(dependents.path(0).path("reasons").path(0).path("kind").asText()).isEqualTo("package_import");
        JsonNode app = dependents.path(1).path("reasons").path(0);
        assertThat(app.path("line").asInt()).isEqualTo(4);
        assertThat(app.path("why").asText()).isEqualTo("imports './math', which is packages/lib/src/math.ts");
        assertThat(dependents.path(2).path("reasons").path(0).path("text").asText())
                .isEqualTo("export * from './math.js';");
        assertThat(impact.path("tests")).extracting(t -> t.path("filename").asText())
                .containsExactly("packages/lib/src/math.test.ts");
        assertThat(impact.path("tests").path(0).path("reasons")).extracting(r -> r.path("kind").asText())
                .containsExactly("import", "naming");
        assertThat(impact.path("owners").path("codeowners").isNull()).isTrue();
    }

    @Test
    void pythonImportsAbsoluteAndRelative() throws Exception {
        Git git = repository("py");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pyproject.toml", "[project]\nname = \"acme-tools\"\ndependencies = [\n  \"requests>=2\",\n]\n");
        files.put("plugins/pyproject.toml", "[project]\nname = \"acme-plugins\"\ndependencies = [\"Acme_Tools>=1\"]\n");
        files.put("src/acme/__init__.py", "");
        files.put("src/acme/core.py", "def run():\n    return 1\n");
        files.put("src/acme/cli.py", "from .core import run\n");
        files.put("src/acme/sub/__init__.py", "");
        files.put("src/acme/sub/deep.py", "from ..core import run\n");
        files.put("src/acme/web.py", "from acme import (\n    core,\n    cli,\n)\n");
        files.put("src/acme/other.py", "import acme.corex\nimport os, acme.core as c\n");
        files.put("tests/test_core.py", "from acme.core import run\n\n\ndef test_run():\n    assert run() == 1\n");
        files.put("tests/test_cli.py", "import acme.cli\n");
        commit(git, files, List.of(), "Python");
        JsonNode impact = impact(git, commit(git, Map.of("src/acme/core.py", "def run():\n    return 2\n"),
                List.of(), "Two"));
        assertThat(impact.path("modules")).extracting(m -> m.path("name").asText() + " " + m.path("kind").asText())
                .containsExactly("acme-tools python");
        assertThat(impact.path("dependents").path("modules")).extracting(m -> m.path("name").asText())
                .containsExactly("acme-plugins");
        JsonNode dependents = impact.path("dependents").path("files");
        assertThat(dependents).extracting(d -> d.path("filename").asText()).containsExactly("src/acme/cli.py",
                "src/acme/other.py", "src/acme/sub/deep.py", "src/acme/web.py");
        assertThat(dependents.path(1).path("reasons").path(0).path("text").asText())
                .isEqualTo("import os, acme.core as c");
        assertThat(dependents.path(1).path("reasons").path(0).path("line").asInt()).isEqualTo(2);
        assertThat(impact.path("tests")).extracting(t -> t.path("filename").asText())
                .containsExactly("tests/test_core.py");
        assertThat(impact.path("tests").path(0).path("reasons")).extracting(r -> r.path("kind").asText())
                .containsExactly("import", "naming");
    }

    @Test
    void goPackagesAndModules() throws Exception {
        Git git = repository("go");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("go.mod", "module example.com/m\n\ngo 1.22\n");
        files.put("lib/lib.go", "package lib\n\nfunc One() int { return 1 }\n");
        files.put("lib/lib_test.go", "package lib\n\nimport \"testing\"\n\nfunc TestOne(t *testing.T) {}\n");
        files.put("cmd/main.go", "package main\n\nimport (\n\t\"fmt\"\n\tl \"example.com/m/lib\"\n)\n\n"
                + "func main() { fmt.Println(l.One()) }\n");
        files.put("cmd/other.go", "package main\n\nimport \"example.com/m/libx\"\n");
        files.put("tools/go.mod", "module example.com/tools\n\nrequire (\n\texample.com/m v0.0.0\n)\n");
        files.put("tools/t.go", "package tools\n\nimport \"example.com/m/lib\"\n");
        commit(git, files, List.of(), "Go");
        JsonNode impact = impact(git, commit(git, Map.of("lib/lib.go", "package lib\n\nfunc One() int { return 2 }\n"),
                List.of(), "Two"));
        assertThat(impact.path("modules")).extracting(m -> m.path("name").asText()).containsExactly("example.com/m");
        assertThat(impact.path("dependents").path("modules")).extracting(m -> m.path("name").asText()
                + " " + m.path("text").asText()).containsExactly("example.com/tools example.com/m v0.0.0");
        JsonNode dependents = impact.path("dependents").path("files");
        assertThat(dependents).extracting(d -> d.path("filename").asText()).containsExactly("cmd/main.go",
                "tools/t.go");
        assertThat(dependents.path(0).path("reasons").path(0).path("text").asText()).isEqualTo("l \"example.com/m/lib\"");
        assertThat(dependents.path(0).path("reasons").path(0).path("line").asInt()).isEqualTo(5);
        assertThat(impact.path("tests")).extracting(t -> t.path("filename").asText()).containsExactly("lib/lib_test.go");
    }

    @Test
    void gradleProjectDependenciesAndCargoCrates() throws Exception {
        Git git = repository("gradle");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("settings.gradle.kts", "rootProject.name = \"shop\"\ninclude(\":core\", \":app\")\n");
        files.put("core/build.gradle.kts", "plugins { java }\n");
        files.put("app/build.gradle.kts", "dependencies {\n    implementation(project(\":core\"))\n}\n");
        files.put("core/src/main/java/shop/Cart.java", "package shop;\npublic class Cart {}\n");
        files.put("rust/Cargo.toml", "[workspace]\nmembers = [\"base\", \"cli\"]\n");
        files.put("rust/base/Cargo.toml", "[package]\nname = \"shop-base\"\nversion = \"0.1.0\"\n");
        files.put("rust/base/src/lib.rs", "pub fn one() -> i32 { 1 }\n");
        files.put("rust/cli/Cargo.toml", "[package]\nname = \"shop-cli\"\n\n[dependencies]\n"
                + "shop_base = { path = \"../base\" }\n");
        commit(git, files, List.of(), "Gradle and Cargo");
        JsonNode impact = impact(git, commit(git, Map.of("core/src/main/java/shop/Cart.java",
                "package shop;\npublic class Cart { int n; }\n", "rust/base/src/lib.rs", "pub fn one() -> i32 { 2 }\n"),
                List.of(), "Both"));
        assertThat(impact.path("modules")).extracting(m -> m.path("name").asText() + " " + m.path("kind").asText())
                .containsExactly(":core gradle", "shop-base cargo");
        assertThat(impact.path("dependents").path("modules")).extracting(m -> m.path("name").asText() + " "
                + m.path("line").asInt() + " " + m.path("text").asText()).containsExactly(
                        ":app 2 implementation(project(\":core\"))",
                        "shop-cli 5 shop_base = { path = \"../base\" }");
    }

    @Test
    void aRootCommitAndAMergeCommitAgainstItsFirstParent() throws Exception {
        Git git = repository("merge");
        RevCommit first = commit(git, Map.of("a.py", "import b\n", "b.py", "X = 1\n"), List.of(), "Root");
        JsonNode root = impact(git, first);
        assertThat(root.path("parent").isNull()).isTrue();
        assertThat(root.path("files")).extracting(f -> f.path("filename").asText() + " " + f.path("status").asText())
                .containsExactly("a.py added", "b.py added");
        assertThat(root.path("dependents").path("files")).extracting(d -> d.path("filename").asText())
                .containsExactly("a.py");

        git.branchCreate().setName("side").call();
        commit(git, Map.of("c.py", "Y = 2\n"), List.of(), "Main adds c");
        git.checkout().setName("side").call();
        commit(git, Map.of("b.py", "X = 2\n"), List.of(), "Side changes b");
        git.checkout().setName("main").call();
        MergeResult merged = git.merge().include(git.getRepository().resolve("side")).setCommit(true)
                .setMessage("Merge side").call();
        RevCommit merge = git.getRepository().parseCommit(merged.getNewHead());
        assertThat(merge.getParentCount()).isEqualTo(2);
        JsonNode impact = impact(git, merge);
        assertThat(impact.path("merge").asBoolean()).isTrue();
        assertThat(impact.path("parent").asText()).isEqualTo(merge.getParent(0).name());
        assertThat(impact.path("files")).extracting(f -> f.path("filename").asText()).containsExactly("b.py");
        assertThat(impact.path("dependents").path("files").path(0).path("reasons").path(0).path("text").asText())
                .isEqualTo("import b");
    }

    @Test
    void theWorkIsBoundedAndWhatIsCutIsReportedTruncated() throws Exception {
        Git git = repository("bounded");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("lib.ts", "export const x = 1;\n");
        for (int i = 0; i < 6; i++) {
            files.put("user" + i + ".ts", "import { x } from './lib';\n");
        }
        files.put("huge.ts", "import { x } from './lib';\n" + "// padding\n".repeat(300));
        RevCommit base = commit(git, files, List.of(), "Many users");
        RevCommit change = commit(git, Map.of("lib.ts", "export const x = 2;\n"), List.of(), "Two");
        JsonNode all = JSON.valueToTree(CommitImpactResource.json(ImpactAnalysis.analyse(git.getRepository(), change,
                ImpactAnalysis.Limits.DEFAULT)));
        assertThat(all.path("dependents").path("total_files").asInt()).isEqualTo(7);
        assertThat(all.path("truncated").asBoolean()).isFalse();

        JsonNode listed = JSON.valueToTree(CommitImpactResource.json(ImpactAnalysis.analyse(git.getRepository(), change,
                new ImpactAnalysis.Limits(1000, 20_000, 1000, 2, 5))));
        assertThat(listed.path("dependents").path("files")).hasSize(2);
        assertThat(listed.path("dependents").path("total_files").asInt()).isEqualTo(6);
        assertThat(listed.path("dependents").path("truncated").asBoolean()).isTrue();
        assertThat(listed.path("scan").path("skipped_large_files").asInt()).isEqualTo(1);
        assertThat(listed.path("truncated").asBoolean()).isTrue();

        JsonNode scanned = JSON.valueToTree(CommitImpactResource.json(ImpactAnalysis.analyse(git.getRepository(),
                change, new ImpactAnalysis.Limits(1, 3, 1 << 20, 200, 5))));
        assertThat(scanned.path("scan").path("scanned_files").asInt()).isEqualTo(3);
        assertThat(scanned.path("scan").path("truncated").asBoolean()).isTrue();
        assertThat(scanned.path("dependents").path("total_files").asInt()).isLessThan(7);

        JsonNode root = JSON.valueToTree(CommitImpactResource.json(ImpactAnalysis.analyse(git.getRepository(), base,
                new ImpactAnalysis.Limits(3, 20_000, 1 << 20, 200, 5))));
        assertThat(root.path("files")).hasSize(3);
        assertThat(root.path("files_truncated").asBoolean()).isTrue();
    }

    @Test
    void buildFilesOfEachEcosystemNameTheirModuleAndDependencies() {
        BuildModules.Module cargo = BuildModules.parse("x/Cargo.toml", "[package]\nname = \"x-y\"\n\n"
                + "[dependencies]\nserde = \"1\"\nbase.workspace = true\nalias = { package = \"real-name\" }\n"
                + "\n[dev-dependencies.tester]\nversion = \"1\"\n");
        assertThat(cargo.name()).isEqualTo("x-y");
        assertThat(cargo.references()).extracting(BuildModules.Reference::target)
                .containsExactly("serde", "base", "real-name", "tester");
        BuildModules.Module poetry = BuildModules.parse("p/pyproject.toml", "[tool.poetry]\nname = \"Poet\"\n"
                + "[tool.poetry.dependencies]\npython = \"^3.11\"\nacme-tools = {path = \"../tools\"}\n");
        assertThat(poetry.name()).isEqualTo("Poet");
        assertThat(poetry.references()).extracting(BuildModules.Reference::target).containsExactly("acme-tools");
        assertThat(BuildModules.parse("pom.xml", "<project><artifactId>broken")).isNull();
        assertThat(BuildModules.parse("pom.xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<project><artifactId>&e;</artifactId></project>")).isNull();
        assertThat(BuildModules.parse("package.json", "not json")).isNull();
        BuildModules.Module go = BuildModules.parse("go.mod", "module a.b/c // the module\nrequire x.y/z v1.0.0\n");
        assertThat(go.name()).isEqualTo("a.b/c");
        assertThat(go.references()).extracting(BuildModules.Reference::target).containsExactly("x.y/z");
        assertThat(ImpactAnalysis.isTest("src/test/java/a/FooTest.java")).isTrue();
        assertThat(ImpactAnalysis.isTest("web/src/a.spec.tsx")).isTrue();
        assertThat(ImpactAnalysis.isTest("src/main/java/a/Testament.java")).isFalse();
        assertThat(ImpactAnalysis.isTest("docs/test/README.md")).isFalse();
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private Git repository(String name) throws Exception {
        Git git = Git.init().setDirectory(Files.createDirectories(root.resolve(name)).toFile())
                .setInitialBranch("main").call();
        opened.add(git);
        return git;
    }

    private static RevCommit commit(Git git, Map<String, String> files, List<String> deletes, String message)
            throws Exception {
        Path work = git.getRepository().getWorkTree().toPath();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = work.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        for (String delete : deletes) {
            Files.delete(work.resolve(delete));
        }
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        PersonIdent who = new PersonIdent("alice", "alice@example.com");
        return git.commit().setMessage(message + "\n").setAuthor(who).setCommitter(who).setSign(false).call();
    }

    private static JsonNode impact(Git git, RevCommit commit) throws Exception {
        return JSON.valueToTree(CommitImpactResource.json(ImpactAnalysis.analyse(git.getRepository(), commit,
                ImpactAnalysis.Limits.DEFAULT)));
    }

    private static JsonNode find(JsonNode files, String name) {
        for (JsonNode f : files) {
            if (f.path("filename").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError(name + " not in " + files);
    }

    private static int status(Runnable call) {
        ApiException e = catchThrowableOfType(call::run, ApiException.class);
        assertThat(e).isNotNull();
        return e.status();
    }
}
