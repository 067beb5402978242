package io.codara.search.internal.dependencies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

class OtherManifestParsersTest {

    private final ManifestParsers parsers = new ManifestParsers();

    @Test
    void readsRequirementsFiles() {
        String requirements = """
                # Core
                -r base.txt
                --index-url https://pypi.org/simple
                Django>=4.2,<5.0  # LTS
                requests[socks]==2.31.0 ; python_version >= "3.8"
                numpy~=1.26.0 \\
                    --hash=sha256:abc
                Flask_SQLAlchemy
                -e git+https://github.com/org/repo.git#egg=repo
                mypkg @ https://example.com/mypkg-1.0.tar.gz
                """;
        List<Dependency> deps = parsers.parse("requirements-dev.txt", requirements);
        assertThat(deps).extracting(Dependency::name, Dependency::requirement, Dependency::version, Dependency::scope,
                Dependency::line).containsExactly(
                        tuple("django", ">=4.2,<5.0", null, "development", 4),
                        tuple("requests", "==2.31.0", "2.31.0", "development", 5),
                        tuple("numpy", "~=1.26.0", null, "development", 6),
                        tuple("flask-sqlalchemy", null, null, "development", 8),
                        tuple("mypkg", null, null, "development", 10));
        assertThat(VersionRequirement.matches(deps.get(0), ">=5.0")).isFalse();
        assertThat(VersionRequirement.matches(deps.get(1), ">=2.0,<3")).isTrue();
        assertThat(parsers.parse("requirements.txt", "requests>=2.0\n").get(0).scope()).isNull();
        assertThat(parsers.parse("requirements.txt", "!!! not ( a requirement\n")).isEmpty();
    }

    @Test
    void readsPep621AndPoetryPyprojects() {
        String pep621 = """
                [project]
                name = "httpx"
                dependencies = [
                    "certifi",
                    "httpcore==1.*",
                    "idna",
                    "sniffio",
                ]

                [project.optional-dependencies]
                http2 = ["h2>=3,<5"]
                test = ["pytest>=8"]
                """;
        assertThat(parsers.parse("pyproject.toml", pep621))
                .extracting(Dependency::name, Dependency::requirement, Dependency::scope, Dependency::line)
                .containsExactly(
                        tuple("certifi", null, "runtime", 4),
                        tuple("httpcore", "==1.*", "runtime", 5),
                        tuple("idna", null, "runtime", 6),
                        tuple("sniffio", null, "runtime", 7),
                        tuple("h2", ">=3,<5", "optional", 11),
                        tuple("pytest", ">=8", "test", 12));
        String poetry = """
                [tool.poetry]
                name = "app"

                [tool.poetry.dependencies]
                python = "^3.10"
                fastapi = "^0.110.0"
                SQLAlchemy = { version = "2.0.29", extras = ["asyncio"] }
                uvloop = { version = ">=0.19", optional = true }

                [tool.poetry.group.test.dependencies]
                pytest = "^8.1"
                """;
        List<Dependency> deps = parsers.parse("backend/pyproject.toml", poetry);
        assertThat(deps).extracting(Dependency::name, Dependency::requirement, Dependency::version, Dependency::scope)
                .containsExactly(
                        tuple("fastapi", "^0.110.0", null, "runtime"),
                        tuple("sqlalchemy", "2.0.29", "2.0.29", "runtime"),
                        tuple("uvloop", ">=0.19", null, "optional"),
                        tuple("pytest", "^8.1", null, "test"));
        assertThat(VersionRequirement.matches(deps.get(0), ">=0.111")).isFalse();
        assertThat(parsers.parse("pyproject.toml", "[project\ndependencies = [")).isEmpty();
    }

    @Test
    void readsGoModWithIndirectAndReplace() {
        String goMod = """
                module github.com/example/service

                go 1.22

                require github.com/gin-gonic/gin v1.9.1

                require (
                	github.com/stretchr/testify v1.9.0
                	golang.org/x/net v0.0.0-20210226172049-e18ecbb05110 // indirect
                	github.com/example/shared v0.3.0
                	github.com/old/lib v1.0.0
                )

                replace github.com/example/shared => ../shared
                replace github.com/old/lib v1.0.0 => github.com/new/lib v1.2.0
                """;
        List<Dependency> deps = parsers.parse("go.mod", goMod);
        assertThat(deps).extracting(Dependency::name, Dependency::version, Dependency::line).containsExactly(
                tuple("github.com/gin-gonic/gin", "v1.9.1", 5),
                tuple("github.com/stretchr/testify", "v1.9.0", 8),
                tuple("golang.org/x/net", "v0.0.0-20210226172049-e18ecbb05110", 9),
                tuple("github.com/example/shared", null, 10),
                tuple("github.com/new/lib", "v1.2.0", 11));
        assertThat(VersionRequirement.matches(deps.get(0), "<1.9.2")).isTrue();
        assertThat(VersionRequirement.matches(deps.get(3), "<1.0.0")).isFalse();
    }

    @Test
    void readsCargoManifestsAndLockfiles() {
        String cargo = """
                [package]
                name = "ripgrep"
                version = "14.1.0"

                [dependencies]
                serde = { version = "1.0.197", features = ["derive"] }
                regex = "1.10"
                bstr = { workspace = true }
                tokio-old = { package = "tokio", version = "0.2", optional = true }
                local = { path = "../local" }

                [dependencies.memchr]
                version = "2.7"

                [dev-dependencies]
                pretty_assertions = "=1.4.0"

                [build-dependencies]
                cc = "1"

                [target.'cfg(windows)'.dependencies]
                winapi = "0.3"

                [workspace.dependencies]
                bstr = "1.9.1"
                """;
        List<Dependency> deps = parsers.parse("Cargo.toml", cargo);
        assertThat(deps).extracting(Dependency::name, Dependency::requirement, Dependency::version, Dependency::scope)
                .containsExactly(
                        tuple("serde", "1.0.197", null, "runtime"),
                        tuple("regex", "1.10", null, "runtime"),
                        tuple("bstr", "1.9.1", null, "runtime"),
                        tuple("tokio", "0.2", null, "optional"),
                        tuple("local", null, null, "runtime"),
                        tuple("memchr", "2.7", null, "runtime"),
                        tuple("winapi", "0.3", null, "runtime"),
                        tuple("pretty_assertions", "=1.4.0", "1.4.0", "development"),
                        tuple("cc", "1", null, "build"),
                        tuple("bstr", "1.9.1", null, "runtime"));
        assertThat(deps.get(0).line()).isEqualTo(6);
        assertThat(VersionRequirement.matches(deps.get(1), "<1.10.0")).isFalse();
        assertThat(VersionRequirement.matches(deps.get(1), ">=1.11.0")).isTrue();
        String lock = """
                # This file is automatically @generated by Cargo.
                version = 3

                [[package]]
                name = "memchr"
                version = "2.7.2"
                source = "registry+https://github.com/rust-lang/crates.io-index"
                checksum = "6c8640c5d730cb13ebd907d8d04b52f55ac9a2eec55b440c8892f40d56c76c1d"

                [[package]]
                name = "ripgrep"
                version = "14.1.0"
                dependencies = [
                 "memchr",
                ]
                """;
        assertThat(parsers.parse("Cargo.lock", lock))
                .extracting(Dependency::name, Dependency::version, Dependency::line)
                .containsExactly(tuple("memchr", "2.7.2", 5));
        assertThat(parsers.parse("Cargo.toml", "[dependencies\nserde = ")).isEmpty();
    }

    @Test
    void readsGemfilesAndTheirLocks() {
        String gemfile = """
                source "https://rubygems.org"
                ruby "3.3.0"

                gem "rails", "~> 7.1.3", ">= 7.1.3.2"
                gem 'pg', '~> 1.1'
                gem "puma", ">= 5.0" # the web server
                gem "bootsnap", require: false

                group :development, :test do
                  gem "debug", platforms: %i[ mri windows ]
                end

                group :test do
                  gem "capybara"
                end

                gem "rubocop", "1.63.1", group: :development
                """;
        List<Dependency> deps = parsers.parse("Gemfile", gemfile);
        assertThat(deps).extracting(Dependency::name, Dependency::requirement, Dependency::version, Dependency::scope,
                Dependency::line).containsExactly(
                        tuple("rails", "~> 7.1.3, >= 7.1.3.2", null, "runtime", 4),
                        tuple("pg", "~> 1.1", null, "runtime", 5),
                        tuple("puma", ">= 5.0", null, "runtime", 6),
                        tuple("bootsnap", null, null, "runtime", 7),
                        tuple("debug", null, null, "test", 10),
                        tuple("capybara", null, null, "test", 14),
                        tuple("rubocop", "1.63.1", "1.63.1", "development", 17));
        assertThat(VersionRequirement.matches(deps.get(0), ">= 7.2")).isFalse();
        assertThat(VersionRequirement.matches(deps.get(1), "< 1.5.6")).isTrue();
        String lock = """
                GEM
                  remote: https://rubygems.org/
                  specs:
                    actioncable (7.1.3.2)
                      actionpack (= 7.1.3.2)
                    nokogiri (1.16.4-x86_64-linux)
                      racc (~> 1.4)
                    pg (1.5.6)

                PLATFORMS
                  x86_64-linux

                DEPENDENCIES
                  pg (~> 1.1)
                """;
        assertThat(parsers.parse("Gemfile.lock", lock))
                .extracting(Dependency::name, Dependency::version, Dependency::line).containsExactly(
                        tuple("actioncable", "7.1.3.2", 4),
                        tuple("nokogiri", "1.16.4", 6),
                        tuple("pg", "1.5.6", 8));
    }
}
