package io.codara.webui.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.codara.api.ui.spi.UiContribution;
import io.codara.api.ui.spi.UiSlot;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Collects the {@link UiContribution}s that bundles register, as they come and go, and lists the valid ones. */
@Component(service = UiContributions.class)
public final class UiContributions {

    private static final Logger LOG = LoggerFactory.getLogger(UiContributions.class);
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$");
    private static final Pattern PATH = Pattern.compile("^[a-z0-9][a-z0-9-]{0,49}$");
    private static final Pattern MODULE = Pattern.compile("^/[A-Za-z0-9._~/-]{1,300}\\.m?js$");

    /** What the app needs of one contribution. */
    public record Entry(String id, UiSlot slot, String title, String path, String module, int order,
            boolean requiresSignIn) {
    }

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContribution(UiContribution contribution, Map<String, Object> properties) {
        long serviceId = (Long) properties.get(Constants.SERVICE_ID);
        try {
            entries.put(serviceId, validated(contribution));
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warn("UI contribution {} ignored: {}", contribution.getClass().getName(), e.getMessage());
        }
    }

    void removeContribution(UiContribution contribution, Map<String, Object> properties) {
        entries.remove((Long) properties.get(Constants.SERVICE_ID));
    }

    /** The contributions a viewer sees, by slot order then title; an id registered twice shows once. */
    public List<Entry> visibleTo(boolean signedIn) {
        List<Entry> visible = new ArrayList<>();
        entries.values().stream()
                .filter(entry -> signedIn || !entry.requiresSignIn())
                .sorted(Comparator.comparingInt(Entry::order).thenComparing(Entry::title).thenComparing(Entry::id))
                .forEach(entry -> {
                    boolean duplicate = visible.stream().anyMatch(other -> other.id().equals(entry.id())
                            || other.slot() == entry.slot() && other.path().equals(entry.path()));
                    if (!duplicate) {
                        visible.add(entry);
                    }
                });
        return visible;
    }

    static Entry validated(UiContribution contribution) {
        String id = contribution.id();
        String path = contribution.path();
        String module = contribution.module();
        String title = contribution.title();
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be letters, digits, dots and dashes: " + id);
        }
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("path must be lowercase letters, digits and dashes: " + path);
        }
        if (module == null || !MODULE.matcher(module).matches() || module.contains("..") || module.startsWith("//")) {
            throw new IllegalArgumentException("module must be an absolute path on this server to a .js file: " + module);
        }
        if (title == null || title.isBlank() || title.length() > 60) {
            throw new IllegalArgumentException("title must be 1 to 60 characters");
        }
        if (contribution.slot() == null) {
            throw new IllegalArgumentException("slot is required");
        }
        return new Entry(id, contribution.slot(), title.strip(), path, module, contribution.order(),
                contribution.requiresSignIn());
    }
}
