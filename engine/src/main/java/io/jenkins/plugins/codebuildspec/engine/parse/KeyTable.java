package io.jenkins.plugins.codebuildspec.engine.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every place in a buildspec that holds a map with fixed keys, and those keys. The parser checks keys
 * against it, and a test checks the JSON Schema against it, so the two cannot drift apart.
 */
public enum KeyTable {
    ROOT("the top level", "version", "run-as", "env", "proxy", "batch", "phases", "reports", "artifacts", "cache"),
    ENV(
            "env",
            "shell",
            "variables",
            "parameter-store",
            "secrets-manager",
            "exported-variables",
            "git-credential-helper"),
    PROXY("proxy", "upload-artifacts", "logs"),
    BATCH("batch", "fast-fail", "build-list", "build-matrix", "build-graph", "build-fanout"),
    BUILD_LIST_ITEM("batch.build-list[]", "identifier", "buildspec", "env", "ignore-failure", "debug-session"),
    BUILD_GRAPH_ITEM(
            "batch.build-graph[]", "identifier", "buildspec", "env", "ignore-failure", "debug-session", "depend-on"),
    BATCH_ENV("batch.<build>.env", "compute-type", "fleet", "image", "type", "privileged-mode", "variables"),
    BUILD_MATRIX("batch.build-matrix", "static", "dynamic"),
    MATRIX_STATIC("batch.build-matrix.static", "ignore-failure", "env"),
    MATRIX_DYNAMIC("batch.build-matrix.dynamic", "buildspec", "env"),
    MATRIX_DYNAMIC_ENV("batch.build-matrix.dynamic.env", "compute-type", "image", "variables"),
    BUILD_FANOUT("batch.build-fanout", "parallelism", "ignore-failure"),
    PHASES("phases", "install", "pre_build", "build", "post_build"),
    PHASE("phases.<phase>", "run-as", "on-failure", "runtime-versions", "commands", "finally"),
    REPORT_GROUP("reports.<group>", "files", "base-directory", "discard-paths", "file-format"),
    ARTIFACTS(
            "artifacts",
            "files",
            "name",
            "discard-paths",
            "base-directory",
            "exclude-paths",
            "enable-symlinks",
            "s3-prefix",
            "secondary-artifacts"),
    SECONDARY_ARTIFACT(
            "artifacts.secondary-artifacts.<id>",
            "files",
            "name",
            "discard-paths",
            "base-directory",
            "exclude-paths",
            "enable-symlinks",
            "s3-prefix"),
    CACHE("cache", "key", "fallback-keys", "action", "paths");

    private final String where;
    private final List<String> keys;

    KeyTable(String where, String... keys) {
        this.where = where;
        this.keys = List.of(keys);
    }

    /** A human name for the place, such as {@code phases.<phase>}. */
    public String where() {
        return where;
    }

    /** The allowed keys, in the order the documentation lists them. */
    public List<String> keys() {
        return keys;
    }

    public boolean allows(String key) {
        return keys.contains(key);
    }

    /** The places other than this one where {@code key} is allowed (for "belongs under" hints). */
    List<String> elsewhere(String key) {
        List<String> places = new ArrayList<>();
        for (KeyTable table : values()) {
            if (table != this && table.allows(key) && !places.contains(table.where)) {
                places.add(table.where);
            }
        }
        return places;
    }

    /** Every key known anywhere in a buildspec. */
    static Set<String> allKeys() {
        return Stream.of(values()).flatMap(t -> t.keys.stream()).collect(Collectors.toSet());
    }
}
