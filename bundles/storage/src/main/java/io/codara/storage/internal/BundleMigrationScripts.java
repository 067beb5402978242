package io.codara.storage.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.osgi.framework.Bundle;

/**
 * The {@code *.sql} entries of one folder of a bundle, for Flyway. Flyway's own class path scanning cannot see
 * into another bundle, so the scripts are listed with {@link Bundle#findEntries} and read by URL.
 */
final class BundleMigrationScripts implements ResourceProvider {

    private final Map<String, LoadableResource> byFilename;

    BundleMigrationScripts(Bundle bundle, String path) {
        Map<String, LoadableResource> found = new TreeMap<>();
        Enumeration<URL> entries = bundle.findEntries(path, "*.sql", false);
        if (entries != null) {
            for (URL url : Collections.list(entries)) {
                String file = url.getPath();
                String filename = file.substring(file.lastIndexOf('/') + 1);
                found.put(filename, new Script(url, filename));
            }
        }
        this.byFilename = Collections.unmodifiableMap(found);
    }

    boolean isEmpty() {
        return byFilename.isEmpty();
    }

    @Override
    public LoadableResource getResource(String name) {
        String filename = name.substring(name.lastIndexOf('/') + 1);
        return byFilename.get(filename);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> matching = new ArrayList<>();
        for (Map.Entry<String, LoadableResource> entry : byFilename.entrySet()) {
            String filename = entry.getKey();
            if (!filename.startsWith(prefix)) {
                continue;
            }
            for (String suffix : suffixes) {
                if (filename.endsWith(suffix)) {
                    matching.add(entry.getValue());
                    break;
                }
            }
        }
        return matching;
    }

    /** One script, read by URL; its relative path is its file name so the history is independent of bundle ids. */
    private static final class Script extends LoadableResource {

        private final URL url;
        private final String filename;

        Script(URL url, String filename) {
            this.url = url;
            this.filename = filename;
        }

        @Override
        public Reader read() {
            try {
                return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read migration script " + url, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return url.toExternalForm();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return url.toExternalForm();
        }

        @Override
        public String getFilename() {
            return filename;
        }

        @Override
        public String getRelativePath() {
            return filename;
        }
    }
}
