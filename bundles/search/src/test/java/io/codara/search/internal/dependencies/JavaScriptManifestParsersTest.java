package io.codara.search.internal.dependencies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

class JavaScriptManifestParsersTest {

    private final ManifestParsers parsers = new ManifestParsers();

    @Test
    void readsPackageJsonSections() {
        String json = """
                {
                  "name": "web-app",
                  "version": "1.0.0",
                  "dependencies": {
                    "lodash": "^4.17.0",
                    "@babel/runtime": "7.24.4",
                    "left-pad": "github:stevemao/left-pad"
                  },
                  "devDependencies": {
                    "typescript": "~5.4.0"
                  },
                  "peerDependencies": {
                    "react": ">=17 <19"
                  },
                  "optionalDependencies": {
                    "fsevents": "2.x"
                  }
                }
                """;
        List<Dependency> deps = parsers.parse("package.json", json);
        assertThat(deps).extracting(Dependency::name, Dependency::requirement, Dependency::version, Dependency::scope,
                Dependency::line).containsExactly(
                        tuple("lodash", "^4.17.0", null, "runtime", 5),
                        tuple("@babel/runtime", "7.24.4", "7.24.4", "runtime", 6),
                        tuple("left-pad", "github:stevemao/left-pad", null, "runtime", 7),
                        tuple("typescript", "~5.4.0", null, "development", 10),
                        tuple("react", ">=17 <19", null, "runtime", 13),
                        tuple("fsevents", "2.x", null, "optional", 16));
        assertThat(VersionRequirement.matches(deps.get(0), "<4.17.21")).isTrue();
        assertThat(VersionRequirement.matches(deps.get(2), "<4.17.21")).isFalse();
        assertThat(VersionRequirement.matches(deps.get(4), "^18.2.0")).isTrue();
        assertThat(parsers.parse("package.json", "{ \"dependencies\": { \"a\": ")).isEmpty();
        assertThat(parsers.parse("package.json", "[1, 2]")).isEmpty();
        assertThat(parsers.reads("node_modules/lodash/package.json")).isFalse();
    }

    @Test
    void readsPackageLockVersion3() {
        String lock = """
                {
                  "name": "web-app",
                  "version": "1.0.0",
                  "lockfileVersion": 3,
                  "requires": true,
                  "packages": {
                    "": { "name": "web-app", "version": "1.0.0", "dependencies": { "lodash": "^4.17.0" } },
                    "node_modules/lodash": {
                      "version": "4.17.20",
                      "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.20.tgz",
                      "integrity": "sha512-x"
                    },
                    "node_modules/typescript": { "version": "5.4.5", "dev": true },
                    "node_modules/fsevents": { "version": "2.3.3", "optional": true },
                    "node_modules/@babel/core/node_modules/semver": { "version": "6.3.1", "dev": true },
                    "node_modules/my-lib": { "resolved": "packages/my-lib", "link": true },
                    "node_modules/string-width-cjs": { "name": "string-width", "version": "4.2.3" }
                  }
                }
                """;
        List<Dependency> deps = parsers.parse("package-lock.json", lock);
        assertThat(deps).extracting(Dependency::name, Dependency::version, Dependency::scope).containsExactly(
                tuple("lodash", "4.17.20", "runtime"),
                tuple("typescript", "5.4.5", "development"),
                tuple("fsevents", "2.3.3", "optional"),
                tuple("semver", "6.3.1", "development"),
                tuple("string-width", "4.2.3", "runtime"));
        assertThat(deps.get(0).line()).isEqualTo(8);
        assertThat(VersionRequirement.matches(deps.get(0), "<4.17.21")).isTrue();
    }

    @Test
    void readsPackageLockVersion1() {
        String lock = """
                {
                  "name": "old-app",
                  "lockfileVersion": 1,
                  "dependencies": {
                    "express": {
                      "version": "4.17.1",
                      "dependencies": {
                        "debug": { "version": "2.6.9" }
                      }
                    },
                    "mocha": { "version": "8.4.0", "dev": true },
                    "aliased": { "version": "npm:lodash@4.17.21" }
                  }
                }
                """;
        assertThat(parsers.parse("package-lock.json", lock))
                .extracting(Dependency::name, Dependency::version, Dependency::scope).containsExactly(
                        tuple("express", "4.17.1", "runtime"),
                        tuple("debug", "2.6.9", "runtime"),
                        tuple("mocha", "8.4.0", "development"));
    }

    @Test
    void readsYarnClassicAndBerryLockfiles() {
        String classic = """
                # THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
                # yarn lockfile v1


                "@babel/code-frame@^7.0.0", "@babel/code-frame@^7.22.13":
                  version "7.24.2"
                  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.24.2.tgz"
                  dependencies:
                    "@babel/highlight" "^7.24.2"

                lodash@^4.17.20:
                  version "4.17.21"
                  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz"
                """;
        List<Dependency> deps = parsers.parse("yarn.lock", classic);
        assertThat(deps).extracting(Dependency::name, Dependency::requirement, Dependency::version, Dependency::line)
                .containsExactly(
                        tuple("@babel/code-frame", "^7.0.0 || ^7.22.13", "7.24.2", 5),
                        tuple("lodash", "^4.17.20", "4.17.21", 11));
        String berry = """
                __metadata:
                  version: 8
                  cacheKey: 10c0

                "lodash@npm:^4.17.20, lodash@npm:^4.17.21":
                  version: 4.17.21
                  resolution: "lodash@npm:4.17.21"

                "web-app@workspace:.":
                  version: 0.0.0-use.local
                """;
        assertThat(parsers.parse("yarn.lock", berry))
                .extracting(Dependency::name, Dependency::requirement, Dependency::version)
                .containsExactly(tuple("lodash", "^4.17.20 || ^4.17.21", "4.17.21"));
    }

    @Test
    void readsPnpmLockfiles() {
        String v9 = """
                lockfileVersion: '9.0'

                importers:
                  .:
                    dependencies:
                      react-dom:
                        specifier: ^18.2.0
                        version: 18.2.0(react@18.2.0)

                packages:
                  '@types/node@20.12.7':
                    resolution: {integrity: sha512-x}

                  react-dom@18.2.0:
                    resolution: {integrity: sha512-y}
                    peerDependencies:
                      react: ^18.2.0
                """;
        assertThat(parsers.parse("pnpm-lock.yaml", v9)).extracting(Dependency::name, Dependency::version)
                .containsExactly(tuple("@types/node", "20.12.7"), tuple("react-dom", "18.2.0"));
        String v6 = """
                lockfileVersion: '6.0'
                packages:
                  /lodash@4.17.21:
                    resolution: {integrity: sha512-z}
                    dev: true
                  /styled-jsx@5.1.1(react@18.2.0):
                    resolution: {integrity: sha512-w}
                """;
        assertThat(parsers.parse("pnpm-lock.yaml", v6))
                .extracting(Dependency::name, Dependency::version, Dependency::scope)
                .containsExactly(tuple("lodash", "4.17.21", "development"), tuple("styled-jsx", "5.1.1", null));
        String v5 = """
                lockfileVersion: 5.4
                packages:
                  /@babel/core/7.24.4:
                    resolution: {integrity: sha512-a}
                  /react-redux/8.1.3_react@18.2.0:
                    resolution: {integrity: sha512-b}
                """;
        assertThat(parsers.parse("pnpm-lock.yaml", v5)).extracting(Dependency::name, Dependency::version)
                .containsExactly(tuple("@babel/core", "7.24.4"), tuple("react-redux", "8.1.3"));
        assertThat(parsers.parse("pnpm-lock.yaml", "packages: [unclosed")).isEmpty();
    }
}
