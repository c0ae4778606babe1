package io.jenkins.plugins.codebuildspec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.EnvVars;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's text must reach the process as written, through Jenkins' own variable expansion. */
class ContainerShellTest {
    private static final List<String> TEXTS =
            List.of("plain", "$HOME", "${HOME}", "$$", "a$", "$1 ${X:-y} $(date)", "'$HOME' \"$HOME\"");

    @Test
    void argumentsSurviveTheLaunchersExpansion() {
        EnvVars node = new EnvVars("HOME", "/home/jenkins", "X", "x");
        for (String text : TEXTS) {
            assertEquals(text, node.expand(ContainerShell.literal(text)));
        }
    }

    @Test
    void environmentValuesSurviveTheLaunchersExpansion() {
        for (String text : TEXTS) {
            EnvVars node = new EnvVars("HOME", "/home/jenkins", "X", "x");
            node.overrideExpandingAll(Map.of("V", ContainerShell.literal(text)));
            assertEquals(text, node.get("V"));
        }
    }
}
