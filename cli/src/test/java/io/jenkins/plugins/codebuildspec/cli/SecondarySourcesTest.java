package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secondary sources, as the CodeBuild local agent takes them: -s ID:DIR beside the primary -s DIR. */
class SecondarySourcesTest {
    @TempDir
    Path dir;

    @Test
    void secondarySourcesSetTheirVariableAndArtifactsCanBeTakenFromThem() throws Exception {
        Path src = Files.createDirectories(dir.resolve("app"));
        Path lib = Files.createDirectories(dir.resolve("lib-checkout"));
        Files.createDirectories(lib.resolve("dist"));
        Files.writeString(lib.resolve("dist/lib.txt"), "from lib");
        Files.writeString(src.resolve("app.txt"), "from app");
        Files.writeString(
                src.resolve("buildspec.yml"),
                """
                version: 0.2
                env:
                  exported-variables: [LIB, DOCS]
                phases:
                  build:
                    commands:
                      - export LIB="$CODEBUILD_SRC_DIR_lib" DOCS="$CODEBUILD_SRC_DIR_docs"
                      - cd "$CODEBUILD_SRC_DIR_lib" && echo built > dist/built.txt
                artifacts:
                  files: [app.txt]
                  secondary-artifacts:
                    library:
                      base-directory: $CODEBUILD_SRC_DIR_lib/dist
                      files: ['**/*']
                    library2:
                      base-directory: ${CODEBUILD_SRC_DIR_lib}
                      files: [dist/lib.txt]
                    primary_again:
                      base-directory: $CODEBUILD_SRC_DIR
                      files: [app.txt]
                """);
        Path out = dir.resolve("out");
        Path json = dir.resolve("result.json");
        CliRunner r = CliRunner.run(
                "run",
                "-s",
                src.toString(),
                "-s",
                "lib:" + lib,
                "-s",
                "docs:" + lib,
                "-a",
                out.toString(),
                "--json",
                json.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        var result = new ObjectMapper().readTree(json.toFile());
        assertThat(result.get("exportedVariables").get("LIB").asText()).isEqualTo(lib.toString());
        assertThat(result.get("exportedVariables").get("DOCS").asText()).isEqualTo(lib.toString());
        assertThat(entries(out.resolve("library.zip"))).containsExactly("built.txt", "lib.txt");
        assertThat(entries(out.resolve("library2.zip"))).containsExactly("dist/lib.txt");
        assertThat(entries(out.resolve("primary_again.zip"))).containsExactly("app.txt");
    }

    @Test
    void unusableSourceFlagsAreUsageErrorsAndRunNothing() throws Exception {
        Path src = Files.createDirectories(dir.resolve("app"));
        Files.writeString(src.resolve("buildspec.yml"), "version: 0.2\nphases:\n  build:\n    commands: [touch ran]\n");
        Path other = Files.createDirectories(dir.resolve("other"));
        assertThat(usage("-s", src.toString(), "-s", "lib:" + dir.resolve("missing")))
                .contains("secondary source lib: directory " + dir.resolve("missing") + " does not exist");
        assertThat(usage("-s", src.toString(), "-s", "9lib:" + other))
                .contains("ID:DIR")
                .contains("sourceIdentifier");
        assertThat(usage("-s", src.toString(), "-s", other.toString())).contains("two primary source directories");
        assertThat(usage("-s", src.toString(), "-s", "a:" + other, "-s", "a:" + other))
                .contains("given twice");
        assertThat(src.resolve("ran")).doesNotExist();
    }

    private static String usage(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        CliRunner r = CliRunner.run(all.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        return r.err();
    }

    private static List<String> entries(Path zip) throws Exception {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.stream().map(e -> e.getName()).sorted().toList();
        }
    }
}
