package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copies that keep the order keys were written in (Map.copyOf does not). */
final class Collections2 {
    private Collections2() {}

    static <K, V> Map<K, V> copyOf(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
