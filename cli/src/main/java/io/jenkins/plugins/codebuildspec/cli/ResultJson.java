package io.jenkins.plugins.codebuildspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import io.jenkins.plugins.codebuildspec.engine.run.ResultMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The build result as JSON for scripts, in the engine's {@link ResultMap} shape: the same names as
 * the Jenkins step's return value.
 */
final class ResultJson {
    private ResultJson() {}

    /** Written to a temporary name and renamed, so a reader never sees half a file. */
    static void write(BuildResult result, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".result", ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(temp.toFile(), ResultMap.of(result));
        HtmlReport.readableByAll(temp);
        Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
