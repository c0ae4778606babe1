package io.jenkins.plugins.codebuildspec.engine.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * CodeBuild's helper commands that build images carry and fan-out buildspecs call
 * ({@code codebuild-tests-run}, {@code codebuild-glob-search}), written into a directory for a build's
 * PATH by every front end.
 */
public final class BatchTools {
    static final List<String> TOOLS = List.of("codebuild-tests-run", "codebuild-glob-search");

    private BatchTools() {}

    /** Writes the commands into {@code bin} (created if needed), executable; returns {@code bin}. */
    public static Path install(Path bin) throws IOException {
        Files.createDirectories(bin);
        for (String tool : TOOLS) {
            try (InputStream in = BatchTools.class.getResourceAsStream("tools/" + tool)) {
                if (in == null) {
                    throw new IOException("the engine jar lacks tools/" + tool);
                }
                Path target = bin.resolve(tool);
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                if (!target.toFile().setExecutable(true, false)) {
                    throw new IOException("cannot make " + target + " executable");
                }
            }
        }
        return bin;
    }
}
