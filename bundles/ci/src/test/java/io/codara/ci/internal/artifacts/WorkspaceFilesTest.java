package io.codara.ci.internal.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Globs, archives and {@code hashFiles} over a real workspace directory. */
class WorkspaceFilesTest {

    @TempDir
    Path temp;

    private Path workspace;
    private Path home;
    private WorkspaceFiles files;

    @BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectories(temp.resolve("workspace"));
        home = Files.createDirectories(temp.resolve("home"));
        files = new WorkspaceFiles(workspace, home);
        write("dist/app.js", "app");
        write("dist/lib/util.js", "util");
        write("dist/lib/util.js.map", "map");
        write("dist/.secret", "hidden");
        write("reports/a/result.xml", "a");
        write("reports/b/c/result.xml", "b");
        write("reports/b/notes.txt", "notes");
        write("yarn.lock", "root lock");
        write("packages/x/yarn.lock", "x lock");
        write("README.md", "readme");
        Files.writeString(Files.createDirectories(home.resolve(".m2")).resolve("settings.xml"), "m2");
    }

    private void write(String path, String content) throws IOException {
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private List<String> names(WorkspaceFiles.Found found) {
        return found.files().stream().map(found::entryName).toList();
    }

    @Test
    void aDirectoryTakesEverythingBelowItRootedAtItselfWithoutHiddenFiles() throws IOException {
        WorkspaceFiles.Found found = files.find(List.of("dist/"), false);
        assertThat(found.root()).isEqualTo(workspace.resolve("dist"));
        assertThat(names(found)).containsExactly("app.js", "lib/util.js", "lib/util.js.map");
        assertThat(names(files.find(List.of("./dist"), true))).contains(".secret");
    }

    @Test
    void globsMatchWithinAndAcrossDirectoriesAndExclusionsApply() throws IOException {
        WorkspaceFiles.Found xml = files.find(List.of("reports/**/*.xml"), false);
        assertThat(xml.root()).isEqualTo(workspace.resolve("reports"));
        assertThat(names(xml)).containsExactly("a/result.xml", "b/c/result.xml");

        assertThat(names(files.find(WorkspaceFiles.lines("""
                dist/*.js
                dist/lib/*
                !**/*.map
                """), false))).containsExactly("app.js", "lib/util.js");

        // several paths: rooted at their least common ancestor
        WorkspaceFiles.Found mixed = files.find(List.of("README.md", "reports/b/notes.txt"), false);
        assertThat(mixed.root()).isEqualTo(workspace);
        assertThat(names(mixed)).containsExactly("README.md", "reports/b/notes.txt");

        // **/ matches no directory as well, ? one character
        assertThat(names(files.find(List.of("**/yarn.lock"), false)))
                .containsExactly("packages/x/yarn.lock", "yarn.lock");
        assertThat(names(files.find(List.of("reports/?/result.xml"), false))).containsExactly("a/result.xml");
        assertThat(files.find(List.of("nothing/**"), false).files()).isEmpty();
        assertThat(files.find(List.of("~/.m2"), true).files()).containsExactly(home.resolve(".m2/settings.xml"));
    }

    @Test
    void hashFilesIsTheHashOfTheFilesHashesAndEmptyWhenNothingMatches() throws Exception {
        MessageDigest all = MessageDigest.getInstance("SHA-256");
        for (String path : List.of("packages/x/yarn.lock", "yarn.lock")) {
            all.update(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(workspace.resolve(path))));
        }
        String expected = HexFormat.of().formatHex(all.digest());
        assertThat(files.hashFiles(List.of("**/yarn.lock"))).isEqualTo(expected);
        assertThat(files.hashFiles(List.of("**/*.nothing"))).isEmpty();
        // outside the workspace counts nothing
        assertThat(files.hashFiles(List.of("~/.m2/settings.xml"))).isEmpty();
        write("yarn.lock", "changed");
        assertThat(files.hashFiles(List.of("**/yarn.lock"))).isNotEqualTo(expected).hasSize(64);
    }

    @Test
    void anArchiveRoundTripsAndAnEntryOutsideTheTargetIsRefused() throws IOException {
        Path zip = temp.resolve("a.zip");
        WorkspaceFiles.zip(zip, List.of(files.find(List.of("dist"), false)), List.of(""));
        Path target = temp.resolve("out");
        assertThat(WorkspaceFiles.unzip(Files.newInputStream(zip), "", target)).isEqualTo(3);
        assertThat(Files.readString(target.resolve("lib/util.js"))).isEqualTo("util");

        ByteArrayOutputStream evil = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(evil)) {
            out.putNextEntry(new ZipEntry("../escaped.txt"));
            out.write("x".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThatThrownBy(() -> WorkspaceFiles.unzip(new ByteArrayInputStream(evil.toByteArray()), "", target))
                .isInstanceOf(IOException.class).hasMessageContaining("outside");
        assertThat(temp.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void nothingOutsideTheJobsDirectoryIsReadOrWrittenNotEvenThroughALink() throws IOException {
        Path job = Files.createDirectories(temp.resolve("job"));
        Path ws = Files.createDirectories(job.resolve("workspace"));
        Path outside = Files.writeString(temp.resolve("secrets.key"), "do not upload");
        Files.writeString(ws.resolve("ok.txt"), "ok");
        Files.createSymbolicLink(ws.resolve("leak.txt"), outside);
        Files.createSymbolicLink(ws.resolve("out"), temp);
        WorkspaceFiles bounded = new WorkspaceFiles(ws, Files.createDirectories(job.resolve("home")), job);

        WorkspaceFiles.Found found = bounded.find(List.of("."), true);
        assertThat(found.files()).containsExactly(ws.resolve("ok.txt"));
        assertThatThrownBy(() -> bounded.find(List.of(outside.toString()), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the job's directory");
        assertThatThrownBy(() -> bounded.find(List.of("../../secrets.key"), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(bounded.hashFiles(List.of("*.txt"))).isEqualTo(bounded.hashFiles(List.of("ok.txt")));

        Path zip = temp.resolve("b.zip");
        WorkspaceFiles.zip(zip, List.of(found), List.of(""));
        assertThatThrownBy(() -> bounded.extract(Files.newInputStream(zip), "", temp.resolve("elsewhere")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bounded.extract(Files.newInputStream(zip), "", ws.resolve("out/sub")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(temp.resolve("sub")).doesNotExist();
        assertThat(bounded.extract(Files.newInputStream(zip), "", ws.resolve("copy"))).isEqualTo(1);
    }
}
