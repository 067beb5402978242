package io.codara.git.internal;

import io.codara.api.git.Languages;

import org.osgi.service.component.annotations.Component;

/** Codara's language detection for every capability: {@link Linguist}'s answers as a service. */
@Component(service = Languages.class)
public final class GitLanguages implements Languages {

    @Override
    public String language(String path) {
        return Linguist.detect(path);
    }

    @Override
    public boolean vendored(String path) {
        return Linguist.vendored(path);
    }

    @Override
    public boolean generated(String path) {
        return Linguist.generated(path);
    }

    @Override
    public boolean documentation(String path) {
        return Linguist.documentation(path);
    }
}
