package io.jenkins.plugins.codebuildspec.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auto-discover tells every sample report's format from the file alone, and leaves other files out. */
class ReportSnifferTest {
    @TempDir
    Path temp;

    @Test
    void everySampleReportIsRecognisedAsItsOwnFormat() throws Exception {
        Path root = Samples.path("junitxml").getParent();
        for (ReportFormat format : ReportFormat.values()) {
            Path dir = root.resolve(format.name().toLowerCase(java.util.Locale.ROOT));
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertThat(files).as("samples of %s", format).isNotEmpty();
            for (Path file : files) {
                assertThat(ReportSniffer.formatOf(file)).as("%s", file).contains(format);
            }
        }
    }

    @Test
    void filesThatAreNoReportsAreNotDiscovered() throws Exception {
        Files.writeString(temp.resolve("pom.xml"), "<?xml version=\"1.0\"?>\n<project><modelVersion/></project>");
        Files.writeString(temp.resolve("package.json"), "{\"name\": \"x\", \"version\": \"1.0.0\"}");
        Files.writeString(temp.resolve("notes.txt"), "<testsuite/>");
        Files.writeString(temp.resolve("empty.xml"), "");
        try (Stream<Path> files = Files.list(temp)) {
            files.forEach(f -> assertThat(ReportSniffer.formatOf(f)).as("%s", f).isEmpty());
        }
    }
}
