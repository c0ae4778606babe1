package io.jenkins.plugins.codebuildspec.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The values a real shell's {@code export -p} prints come back exactly, in dash and in bash. */
class ExportParserTest {
    private static final Map<String, String> TRICKY = Map.of(
            "QUOTE", "it's \"quoted\"",
            "DOLLAR", "$HOME and `tick` and \\backslash\\",
            "NEWLINES", "line1\nline2\n",
            "TAB", "a\tb",
            "UNICODE", "caf\u00e9 \u2713 \uD83D\uDE00",
            "EMPTY", "",
            "EQUALS", "a=b=c",
            "SPACES", "  leading and trailing  ");

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "bash"})
    void valuesRoundTripThroughTheShell(String shell) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", "export -p");
        pb.environment().clear();
        pb.environment().putAll(TRICKY);
        pb.environment().put("LANG", "C.UTF-8");
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor()).isZero();
        Map<String, String> parsed = ExportParser.parse(out.toString(StandardCharsets.UTF_8));
        assertThat(parsed).containsAllEntriesOf(TRICKY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C", "C.UTF-8"})
    void bashOctalEscapesOfUtf8BytesDecodeToCharacters(String locale) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-c", "export -p"));
        pb.environment().clear();
        pb.environment().put("LC_ALL", locale);
        pb.environment().put("V", "caf\u00e9\nnext");
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(ExportParser.parse(text)).containsEntry("V", "caf\u00e9\nnext");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "export UNSET_BUT_EXPORTED\nexport A='1'\n",
                "declare -x UNSET_BUT_EXPORTED\ndeclare -x A=\"1\"\n"
            })
    void exportedNamesWithoutValueAreLeftOut(String text) {
        assertThat(ExportParser.parse(text)).containsExactly(Map.entry("A", "1"));
    }
}
