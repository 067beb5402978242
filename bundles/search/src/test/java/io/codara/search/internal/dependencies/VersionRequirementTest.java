package io.codara.search.internal.dependencies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRequirementTest {

    @ParameterizedTest(name = "maven {0} in {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "2.12.7.1; [2.0,2.13); true",
        "2.13.0; [2.0,2.13); false",
        "2.13.0-rc1; [2.0,2.13); true", // Maven orders rc before the release
        "1.9.13; [2.0,2.13); false",
        "2.0; [2.0,2.13); true",
        "2.0.0; (2.0,2.13); false", // 2.0.0 equals 2.0 in Maven's order
        "5.3.39; (,5.3.40],[6.0,6.0.23); true",
        "6.0.23; (,5.3.40],[6.0,6.0.23); false",
        "1.0-SNAPSHOT; [1.0,); false",
        "1.10; [1.9,1.10); false",
        "1.2.3; 1.2.3; true"})
    void mavenVersionsInRanges(String version, String range, boolean expected) {
        assertThat(VersionRequirement.satisfies("maven", version, range)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "maven requirement {0} overlaps {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "[2.9,2.10); [2.0,2.13); true",
        "[2.13,); [2.0,2.13); false",
        "2.11.0; [2.0,2.13); true",
        "2.15.2; [2.0,2.13); false",
        "1.+; [1.5,1.6); true", // Gradle's prefix version
        "2.+; [1.5,1.6); false",
        "latest.release; [1.5,1.6); true",
        "${jackson.version}; [2.0,2.13); false"})
    void mavenRequirementsOverlapRanges(String requirement, String range, boolean expected) {
        assertThat(VersionRequirement.overlaps("maven", requirement, range)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "npm {0} overlaps {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "^4.17.0; <4.17.21; true",
        "^4.17.21; <4.17.21; false",
        "~4.17.20; <4.17.21; true",
        "4.17.21; <4.17.21; false",
        "4.17.20; <4.17.21; true",
        "4.x; <4.0.0; false",
        "3.x || 4.x; <4.0.0; true",
        "1.2.3 - 2.3; >=2.3.5; true",
        "1.2.3 - 2.3; >=2.4.0; false",
        ">= 1.0.0 < 2; ^1.9.0; true",
        "*; <1.0.0; true",
        "^0.2.3; >=0.3.0; false",
        "latest; <4.17.21; false",
        "github:lodash/lodash; <4.17.21; false",
        "file:../lodash; <4.17.21; false",
        "npm:lodash@^4.0.0; <4.17.21; false"})
    void npmRequirementsOverlapRanges(String requirement, String range, boolean expected) {
        assertThat(VersionRequirement.overlaps("npm", requirement, range)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "pypi {0} overlaps {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        ">=2.0,<3; >=2.25; true",
        ">=2.0,<3; >=3.0; false",
        "==2.31.0; >=2.0,<3; true",
        "==2.31.*; <2.31.0; false",
        "==2.31.*; <=2.31.0; true",
        "~=2.28; <2.28; false",
        "~=2.28; >=2.99; true",
        "~=2.28.1; >=2.29; false",
        "!=2.0; ==2.0; false",
        "!=2.0; >=2.0,<2.1; true",
        "^1.2; >=2.0; false", // Poetry caret
        "^0.2.3; >=0.2.9,<0.3; true",
        "~1.2.3; >=1.3; false",
        "*; <1; true",
        "1.0.post1; >1.0; true",
        "1.0rc1; >=1.0; false",
        "1!0.5; >=2.0; true"}) // an epoch outranks every release
    void pep440RequirementsOverlapRanges(String requirement, String range, boolean expected) {
        assertThat(VersionRequirement.overlaps("pypi", requirement, range)).isEqualTo(expected);
    }

    @Test
    void pep440OrdersReleasePhasesAsTheSpecifies() {
        String[] ascending = {"1.0.dev0", "1.0a1.dev1", "1.0a1", "1.0b2.post3", "1.0rc1", "1.0", "1.0+local.1",
            "1.0.post1.dev0", "1.0.post1", "1.0.1", "1.1"};
        for (int i = 1; i < ascending.length; i++) {
            assertThat(Pep440Version.parse(ascending[i - 1])).as(ascending[i - 1] + " < " + ascending[i])
                    .isLessThan(Pep440Version.parse(ascending[i]));
        }
        assertThat(Pep440Version.parse("1.0")).isEqualByComparingTo(Pep440Version.parse("1.0.0"));
        assertThat(Pep440Version.parse("1.0-RC-1")).isEqualByComparingTo(Pep440Version.parse("1.0rc1"));
    }

    @ParameterizedTest(name = "cargo {0} overlaps {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "1.0.130; <1.0.100; false", // a bare Cargo version is ^1.0.130
        "1.0.130; >=1.0.200; true",
        "0.4; >=0.5.0; false",
        "=0.4.3; >=0.4.3, <0.4.4; true",
        ">= 1.2, < 1.5; >=1.4.9; true",
        ">= 1.2, < 1.5; >=1.5.0; false",
        "~1.2; >=1.3.0; false",
        "*; <1.0.0; true"})
    void cargoRequirementsOverlapRanges(String requirement, String range, boolean expected) {
        assertThat(VersionRequirement.overlaps("cargo", requirement, range)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "go {0} in {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "v1.9.1; <v1.9.2; true",
        "v1.9.2; <1.9.2; false",
        "v0.0.0-20210226172049-e18ecbb05110; <0.0.1; true",
        "v2.3.0+incompatible; >=2.0.0 <3.0.0; true"})
    void goVersionsInRanges(String requirement, String range, boolean expected) {
        assertThat(VersionRequirement.overlaps("go", requirement, range)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "rubygems {0} overlaps {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "~> 7.0; >= 8.0; false",
        "~> 7.0; >= 7.1.3; true",
        "~> 7.0.4; >= 7.1; false",
        "~> 7.0, >= 7.0.4; < 7.0.4; false",
        ">= 1.2, < 2; = 1.9.9; true",
        "1.15.0; < 1.16; true",
        "1.15.0.rc1; >= 1.15.0; false"})
    void gemRequirementsOverlapRanges(String requirement, String range, boolean expected) {
        assertThat(VersionRequirement.overlaps("rubygems", requirement, range)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "nuget {0} overlaps {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "13.0.1; [12.0,13.0.2); true",
        "13.0.3; [12.0,13.0.2); false",
        "[13.0.1,14.0); [12.0,13.0.2); true",
        "6.0.*; [6.1,); false",
        "6.*; [6.1,); true",
        "1.0.0-beta.2; [1.0.0,); false",
        "1.0.0-beta.10; (1.0.0-beta.2,1.0.0); true"})
    void nugetRequirementsOverlapRanges(String requirement, String range, boolean expected) {
        assertThat(VersionRequirement.overlaps("nuget", requirement, range)).isEqualTo(expected);
    }

    @Test
    void aLockedVersionDecidesOverTheRequirement() {
        Dependency locked = new Dependency("npm", "lodash", "^4.17.0", "4.17.21", "runtime", "package-lock.json", 0);
        Dependency unlocked = new Dependency("npm", "lodash", "^4.17.0", null, "runtime", "package.json", 12);
        assertThat(VersionRequirement.matches(locked, "<4.17.21")).isFalse();
        assertThat(VersionRequirement.matches(unlocked, "<4.17.21")).isTrue();
    }

    @Test
    void anUnversionedDependencyMatchesNoRange() {
        Dependency managed = new Dependency("maven", "org.slf4j:slf4j-api", null, null, "runtime", "pom.xml", 40);
        assertThat(VersionRequirement.matches(managed, "[1.0,)")).isFalse();
    }

    @Test
    void anUnreadableRangeOrEcosystemIsTheCallersError() {
        assertThat(VersionRequirement.isRange("maven", "[1.0,2.0")).isFalse();
        assertThat(VersionRequirement.isRange("pypi", ">=2.0,<3")).isTrue();
        assertThat(VersionRequirement.isRange("npm", "latest")).isFalse();
        assertThatThrownBy(() -> VersionRequirement.overlaps("maven", "1.0", "[1.0,2.0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionRequirement.overlaps("hex", "1.0", "1.0"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
