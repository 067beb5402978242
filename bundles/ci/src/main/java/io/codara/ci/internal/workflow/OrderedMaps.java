package io.codara.ci.internal.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copies that keep the order of the file (which {@link Map#copyOf} does not). */
final class OrderedMaps {

    private OrderedMaps() {
    }

    static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
