package io.codara.search.internal.dependencies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmManifestParsersTest {

    private final ManifestParsers parsers = new ManifestParsers();

    // Shaped like jackson-databind's and Spring projects' poms, shortened.
    private static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <parent>
                <groupId>com.example</groupId>
                <artifactId>example-parent</artifactId>
                <version>3.1.0</version>
              </parent>
              <artifactId>example-service</artifactId>
              <properties>
                <jackson.version>2.12.7</jackson.version>
                <junit.version>5.10.2</junit.version>
                <jackson.databind.version>${jackson.version}.1</jackson.databind.version>
              </properties>
              <dependencyManagement>
                <dependencies>
                  <dependency>
                    <groupId>org.junit</groupId>
                    <artifactId>junit-bom</artifactId>
                    <version>${junit.version}</version>
                    <type>pom</type>
                    <scope>import</scope>
                  </dependency>
                  <dependency>
                    <groupId>org.slf4j</groupId>
                    <artifactId>slf4j-api</artifactId>
                    <version>2.0.13</version>
                  </dependency>
                </dependencies>
              </dependencyManagement>
              <dependencies>
                <dependency>
                  <groupId>com.fasterxml.jackson.core</groupId>
                  <artifactId>jackson-databind</artifactId>
                  <version>${jackson.databind.version}</version>
                  <exclusions>
                    <exclusion>
                      <groupId>com.fasterxml.jackson.core</groupId>
                      <artifactId>jackson-annotations</artifactId>
                    </exclusion>
                  </exclusions>
                </dependency>
                <dependency>
                  <groupId>org.slf4j</groupId>
                  <artifactId>slf4j-api</artifactId>
                </dependency>
                <dependency>
                  <groupId>${project.groupId}</groupId>
                  <artifactId>example-model</artifactId>
                  <version>${project.version}</version>
                </dependency>
                <dependency>
                  <groupId>org.junit.jupiter</groupId>
                  <artifactId>junit-jupiter</artifactId>
                  <scope>test</scope>
                </dependency>
                <dependency>
                  <groupId>com.google.code.findbugs</groupId>
                  <artifactId>jsr305</artifactId>
                  <version>[3.0,4.0)</version>
                  <optional>true</optional>
                </dependency>
              </dependencies>
              <build>
                <plugins>
                  <plugin>
                    <artifactId>maven-surefire-plugin</artifactId>
                    <version>3.2.5</version>
                    <dependencies>
                      <dependency>
                        <groupId>org.junit.platform</groupId>
                        <artifactId>junit-platform-launcher</artifactId>
                        <version>1.10.2</version>
                      </dependency>
                    </dependencies>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    @Test
    void readsAPomWithPropertiesManagementAndPlugins() {
        List<Dependency> deps = parsers.parse("service/pom.xml", POM);
        assertThat(deps).extracting(Dependency::name, Dependency::requirement, Dependency::version, Dependency::scope)
                .containsExactly(
                        tuple("com.fasterxml.jackson.core:jackson-databind", "2.12.7.1", "2.12.7.1", "runtime"),
                        tuple("org.slf4j:slf4j-api", "2.0.13", "2.0.13", "runtime"),
                        tuple("com.example:example-model", "3.1.0", "3.1.0", "runtime"),
                        tuple("org.junit.jupiter:junit-jupiter", null, null, "test"),
                        tuple("com.google.code.findbugs:jsr305", "[3.0,4.0)", null, "optional"),
                        tuple("org.apache.maven.plugins:maven-surefire-plugin", "3.2.5", "3.2.5", "build"),
                        tuple("org.junit:junit-bom", "5.10.2", "5.10.2", "build"));
        assertThat(deps.get(0).line()).isEqualTo(POM.lines().toList().indexOf("    <dependency>") + 1);
        assertThat(deps).allMatch(d -> d.ecosystem().equals("maven") && d.manifest().equals("service/pom.xml"));
        assertThat(VersionRequirement.matches(deps.get(0), "[2.0,2.13)")).isTrue();
    }

    @Test
    void aPomCannotReadFilesThroughExternalEntities(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "s3cr3t-version");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE project [ <!ENTITY xxe SYSTEM "%s"> ]>
                <project>
                  <dependencies>
                    <dependency>
                      <groupId>org.example</groupId>
                      <artifactId>leak</artifactId>
                      <version>&xxe;</version>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(secret.toUri());
        assertThat(parsers.parse("pom.xml", xxe))
                .noneMatch(d -> String.valueOf(d.requirement()).contains("s3cr3t"));
        assertThat(parsers.parse("App.csproj", xxe.replace("<project>", "<Project><ItemGroup>")
                .replace("</project>", "</ItemGroup></Project>")))
                .noneMatch(d -> String.valueOf(d.requirement()).contains("s3cr3t"));
    }

    @Test
    void aMalformedPomYieldsNothing() {
        assertThat(parsers.parse("pom.xml", "<project><dependencies><dependency><groupId>x")).isEmpty();
        assertThat(parsers.parse("pom.xml", "")).isEmpty();
    }

    @Test
    void readsTheCommonGradleGroovyForms() {
        String build = """
                plugins {
                    id 'java-library'
                    id 'org.springframework.boot' version '3.2.5'
                }
                ext {
                    guavaVersion = '33.1.0-jre'
                }
                def jacksonVersion = "2.17.0"

                dependencies {
                    implementation platform('org.springframework.boot:spring-boot-dependencies:3.2.5')
                    implementation 'org.springframework.boot:spring-boot-starter-web'
                    api "com.google.guava:guava:${guavaVersion}"
                    implementation "com.fasterxml.jackson.core:jackson-databind:$jacksonVersion"
                    compileOnly 'org.projectlombok:lombok:1.18.32'
                    annotationProcessor 'org.projectlombok:lombok:1.18.32'
                    runtimeOnly group: 'org.postgresql', name: 'postgresql', version: '42.7.3'
                    testImplementation 'org.junit.jupiter:junit-jupiter:5.10.+'
                    // implementation 'commented:out:1.0'
                }
                """;
        List<Dependency> deps = parsers.parse("build.gradle", build);
        assertThat(deps).extracting(Dependency::name, Dependency::requirement, Dependency::version, Dependency::scope)
                .containsExactly(
                        tuple("org.springframework.boot:spring-boot-dependencies", "3.2.5", "3.2.5", "runtime"),
                        tuple("org.springframework.boot:spring-boot-starter-web", null, null, "runtime"),
                        tuple("com.google.guava:guava", "33.1.0-jre", "33.1.0-jre", "runtime"),
                        tuple("com.fasterxml.jackson.core:jackson-databind", "2.17.0", "2.17.0", "runtime"),
                        tuple("org.projectlombok:lombok", "1.18.32", "1.18.32", "build"),
                        tuple("org.projectlombok:lombok", "1.18.32", "1.18.32", "build"),
                        tuple("org.postgresql:postgresql", "42.7.3", "42.7.3", "runtime"),
                        tuple("org.junit.jupiter:junit-jupiter", "5.10.+", null, "test"));
        assertThat(deps.get(0).line()).isEqualTo(11);
        assertThat(VersionRequirement.matches(deps.get(7), "[5.10.0,5.11)")).isTrue();
    }

    @Test
    void readsGradleKotlinDsl() {
        String build = """
                val ktorVersion: String by project
                val coroutines = "1.8.0"
                dependencies {
                    implementation(kotlin("stdlib"))
                    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-core:$coroutines")
                    implementation(enforcedPlatform("io.ktor:ktor-bom:2.3.10"))
                    testImplementation(group = "io.mockk", name = "mockk", version = "1.13.10")
                    kapt("com.google.dagger:dagger-compiler:2.51")
                    implementation(libs.okhttp)
                }
                """;
        assertThat(parsers.parse("app/build.gradle.kts", build))
                .extracting(Dependency::name, Dependency::requirement, Dependency::scope)
                .containsExactly(
                        tuple("org.jetbrains.kotlinx:kotlinx-coroutines-core", "1.8.0", "runtime"),
                        tuple("io.ktor:ktor-bom", "2.3.10", "runtime"),
                        tuple("io.mockk:mockk", "1.13.10", "test"),
                        tuple("com.google.dagger:dagger-compiler", "2.51", "build"));
    }

    @Test
    void readsAGradleVersionCatalog() {
        String catalog = """
                [versions]
                okhttp = "4.12.0"
                junit = { strictly = "5.10.2" }

                [libraries]
                okhttp = { module = "com.squareup.okhttp3:okhttp", version.ref = "okhttp" }
                junit-jupiter = { group = "org.junit.jupiter", name = "junit-jupiter", version.ref = "junit" }
                guava = "com.google.guava:guava:33.1.0-jre"
                bom-managed = { module = "org.slf4j:slf4j-api" }

                [plugins]
                kotlin-jvm = { id = "org.jetbrains.kotlin.jvm", version = "1.9.23" }
                """;
        List<Dependency> deps = parsers.parse("gradle/libs.versions.toml", catalog);
        assertThat(deps).extracting(Dependency::name, Dependency::requirement, Dependency::scope).containsExactly(
                tuple("com.squareup.okhttp3:okhttp", "4.12.0", null),
                tuple("org.junit.jupiter:junit-jupiter", "5.10.2", null),
                tuple("com.google.guava:guava", "33.1.0-jre", null),
                tuple("org.slf4j:slf4j-api", null, null),
                tuple("org.jetbrains.kotlin.jvm:org.jetbrains.kotlin.jvm.gradle.plugin", "1.9.23", "build"));
        assertThat(deps.get(0).line()).isEqualTo(6);
        assertThat(parsers.parse("gradle/libs.versions.toml", "[libraries\nx = ")).isEmpty();
    }

    @Test
    void readsCsprojPackageReferences() {
        String csproj = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net8.0</TargetFramework>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Newtonsoft.Json" Version="13.0.1" />
                    <PackageReference Include="Serilog">
                      <Version>[3.1.0,4.0.0)</Version>
                    </PackageReference>
                    <PackageReference Include="StyleCop.Analyzers" Version="1.2.0-beta.556" PrivateAssets="all" />
                    <PackageReference Include="Microsoft.Extensions.Logging" />
                    <ProjectReference Include="..\\Core\\Core.csproj" />
                  </ItemGroup>
                </Project>
                """;
        List<Dependency> deps = parsers.parse("src/App/App.csproj", csproj);
        assertThat(deps).extracting(Dependency::name, Dependency::requirement, Dependency::version, Dependency::scope,
                Dependency::line).containsExactly(
                        tuple("Newtonsoft.Json", "13.0.1", "13.0.1", "runtime", 6),
                        tuple("Serilog", "[3.1.0,4.0.0)", null, "runtime", 7),
                        tuple("StyleCop.Analyzers", "1.2.0-beta.556", "1.2.0-beta.556", "build", 10),
                        tuple("Microsoft.Extensions.Logging", null, null, "runtime", 11));
        assertThat(VersionRequirement.matches(deps.get(0), "[12.0,13.0.2)")).isTrue();
        assertThat(VersionRequirement.matches(deps.get(1), "[4.0.0,)")).isFalse();
        assertThat(parsers.parse("Directory.Packages.props",
                "<Project><ItemGroup><PackageVersion Include=\"xunit\" Version=\"2.7.0\" /></ItemGroup></Project>"))
                .extracting(Dependency::name, Dependency::version).containsExactly(tuple("xunit", "2.7.0"));
    }

    @Test
    void saysWhichPathsItReads() {
        assertThat(parsers.reads("pom.xml")).isTrue();
        assertThat(parsers.reads("module/build.gradle.kts")).isTrue();
        assertThat(parsers.reads("src/App/App.csproj")).isTrue();
        assertThat(parsers.reads("README.md")).isFalse();
        assertThat(parsers.reads("src/main/java/Pom.java")).isFalse();
        assertThat(parsers.parse("README.md", "# hello")).isEmpty();
    }
}
