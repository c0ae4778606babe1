package io.jenkins.plugins.codebuildspec.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secrets holding quotes, backslashes, dollars, backquotes or control characters are masked in the
 * quoted forms real bash and dash print them in, not only as they are.
 */
class ShellQuotedSecretsTest {
    /** Every marker is a piece of a secret: none may reach the log. */
    private static final List<String> MARKERS = List.of(
            "Ab1", "Cd2", "Ef3", "Gh4", "Ij5", "Kl6", "Mn7", "Op8", "Qr9", "St0", "Uv1", "Wx2", "Yz3", "Za4", "Lo5",
            "Lt6");

    private static final Map<String, String> SECRETS = Map.of(
            "S1", "Ab1'Cd2\"Ef3\\Gh4$Ij5`Kl6 Mn7!Op8&Qr9<St0>",
            "S2", "Uv1\tWx2\u001bYz3'Za4\\",
            "S3", "line-Lo5-one\nline-Lt6'two");

    private static List<String> run(String shell, String script) throws Exception {
        Masker masker = new Masker();
        SECRETS.values().forEach(masker::add);
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", script).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().putAll(SECRETS);
        Process p = pb.start();
        p.getOutputStream().close();
        List<String> lines = new ArrayList<>();
        try (LineOutput out = new LineOutput(masker, lines::add)) {
            p.getInputStream().transferTo(out);
        }
        assertThat(p.waitFor()).as(shell + " -c " + script + "\n" + lines).isZero();
        return lines;
    }

    private static void assertMasked(String shell, String script, String expectedLine) throws Exception {
        List<String> lines = run(shell, script);
        String all = String.join("\n", lines);
        assertThat(all).as(shell + " -c '" + script + "' printed:\n" + all).doesNotContain(MARKERS);
        if (expectedLine != null) {
            assertThat(lines).as(shell + " -c '" + script + "'").contains(expectedLine);
        }
    }

    @Test
    void bashPrintsQuotedSecretsMasked() throws Exception {
        String bash = "/bin/bash";
        assertMasked(bash, "export -p", "declare -x S1=\"***\"");
        assertMasked(bash, "declare -p S1 S2 S3", "declare -x S2=$'***'");
        assertMasked(bash, "set", "S1='***'");
        assertMasked(bash, "set -x; : \"$S1\" \"$S2\" \"$S3\"; X=$S1", "+ X='***'");
        assertMasked(bash, "printf '%q\\n' \"$S1\" \"$S2\" \"$S3\"", "***");
        assertMasked(bash, "echo \"${S1@Q}\" \"${S3@Q}\"", null);
        assertMasked(bash, "env", "S1=***");
    }

    @Test
    void dashPrintsQuotedSecretsMasked() throws Exception {
        Path dash = Path.of("/bin/dash");
        String shell = Files.isExecutable(dash) ? dash.toString() : "/bin/sh";
        assertMasked(shell, "export -p", null);
        assertMasked(shell, "set", null);
        assertMasked(shell, "set -x; : \"$S1\" \"$S2\" \"$S3\"", null);
        assertMasked(shell, "env", "S1=***");
    }
}
