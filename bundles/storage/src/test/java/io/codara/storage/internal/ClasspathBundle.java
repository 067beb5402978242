package io.codara.storage.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * A stand-in {@link Bundle} whose entries are directories of the test class path, listed the way
 * {@link Bundle#findEntries} lists them (null when nothing matches).
 */
final class ClasspathBundle {

    private ClasspathBundle() {
    }

    static Bundle named(String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "findEntries" -> findEntries((String) args[0], (String) args[1]);
                    case "toString" -> "ClasspathBundle[" + symbolicName + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static BundleContext contextOf(Bundle bundle) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] { BundleContext.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getBundle" -> bundle;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Enumeration<URL> findEntries(String path, String glob) {
        URL dir = ClasspathBundle.class.getClassLoader().getResource(path);
        if (dir == null) {
            return null;
        }
        List<URL> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(dir.toURI()), glob)) {
            for (Path file : files) {
                entries.add(file.toUri().toURL());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return entries.isEmpty() ? null : Collections.enumeration(entries);
    }
}
