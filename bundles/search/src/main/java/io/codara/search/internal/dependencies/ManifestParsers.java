package io.codara.search.internal.dependencies;

import java.util.List;

import org.osgi.service.component.annotations.Component;

/**
 * Every manifest and lockfile parser of the search bundle behind one entry point: the indexer hands it each changed
 * file and gets the dependencies it declares.
 */
@Component(service = ManifestParsers.class)
public final class ManifestParsers implements ManifestParser {

    private final List<ManifestParser> parsers = List.of(
            new MavenPomParser(),
            new GradleBuildParser(),
            new GradleVersionCatalogParser(),
            new NpmManifestParser(),
            new NpmLockfileParser(),
            new YarnLockParser(),
            new PnpmLockParser(),
            new PythonRequirementsParser(),
            new PyprojectParser(),
            new GoModParser(),
            new CargoManifestParser(),
            new CargoLockParser(),
            new DotnetProjectParser(),
            new GemfileParser(),
            new GemfileLockParser());

    @Override
    public boolean reads(String path) {
        return parsers.stream().anyMatch(p -> p.reads(path));
    }

    @Override
    public List<Dependency> parse(String path, String content) {
        return parsers.stream().filter(p -> p.reads(path)).flatMap(p -> p.parse(path, content).stream()).toList();
    }
}
