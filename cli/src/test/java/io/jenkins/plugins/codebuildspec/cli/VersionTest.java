package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code -V} says which version and which commit a user is running, or plainly that it cannot. */
class VersionTest {
    @Test
    void versionNamesTheProjectVersionAndTheCommitItWasBuiltFrom() throws Exception {
        CliRunner r = CliRunner.run("-V");
        assertThat(r.exitCode()).isZero();
        String commit = headCommit();
        String expected = "codebuild-local " + System.getProperty("expected.version") + " ("
                + (commit.isEmpty() ? "commit unknown: built outside a git clone" : "commit " + commit.substring(0, 12))
                + ")";
        assertThat(r.out().strip()).isEqualTo(expected);
    }

    @Test
    void versionWithoutGitOrMavenSaysWhatIsUnknown() {
        assertThat(Main.Version.line("${project.version}", "${git.commit.id}"))
                .isEqualTo("codebuild-local (version unknown: not built by Maven)"
                        + " (commit unknown: built outside a git clone)");
        assertThat(Main.Version.line("1.2.3", "unknown"))
                .isEqualTo("codebuild-local 1.2.3 (commit unknown: built outside a git clone)");
    }

    /** The commit of the checkout the tests run in, or "" outside a git clone. */
    private static String headCommit() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD")
                .directory(Path.of("..").toAbsolutePath().normalize().toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return git.exitValue() == 0 ? out : "";
    }
}
