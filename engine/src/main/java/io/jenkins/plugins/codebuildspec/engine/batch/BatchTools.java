package io.jenkins.plugins.codebuildspec.engine.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * CodeBuild's helper commands that build images carry and buildspecs call: {@code codebuild-tests-run}
 * and {@code codebuild-glob-search} (fan-out test splitting), {@code codebuild-breakpoint} and
 * {@code codebuild-resume} (pausing a build in a debug session; see {@link
 * io.jenkins.plugins.codebuildspec.engine.run.DebugOptions}). Written into a directory for a build's
 * PATH by every front end; the name stays from when only batch builds had them.
 */
public final class BatchTools {
    static final List<String> TOOLS =
            List.of("codebuild-tests-run", "codebuild-glob-search", "codebuild-breakpoint", "codebuild-resume");

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
