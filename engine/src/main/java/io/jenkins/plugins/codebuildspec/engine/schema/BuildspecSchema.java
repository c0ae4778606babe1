package io.jenkins.plugins.codebuildspec.engine.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The JSON Schema (draft 2020-12) for buildspec files, for editors and SchemaStore. */
public final class BuildspecSchema {
    private static final String RESOURCE = "buildspec.schema.json";

    private BuildspecSchema() {}

    /** The schema document as JSON text. */
    public static String json() {
        try (InputStream in = BuildspecSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " next to " + BuildspecSchema.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
