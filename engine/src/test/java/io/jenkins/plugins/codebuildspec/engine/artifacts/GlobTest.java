package io.jenkins.plugins.codebuildspec.engine.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobTest {
    private static final List<String> PATHS = List.of(
            "a",
            "a.tmp",
            ".tmp",
            "tmp",
            "a/b",
            "a/b.tmp",
            "a/.tmp",
            "a.tmp/b",
            "a.tmp/b.txt",
            "x/y/z/file.tar.gz",
            "x/y/z/.gz",
            "dir/sub dir/na\nme.tmp",
            "line\nbreak",
            "ü/é.tmp",
            "weird[1].tmp",
            "a*b",
            "q?",
            "a/b/c/d/e/f/g/h");

    @Test
    void shortcutsGiveTheSameAnswersAsTheRegex() {
        for (String pattern : List.of(
                "**/*",
                "**/*.tmp",
                "**/*.gz",
                "**/*tmp",
                "**/*.tar.gz",
                "**/*b",
                "**",
                "a",
                "a/b",
                "a.tmp",
                "line\nbreak",
                "**/**",
                "**/*.t?p",
                "**/*[1].tmp",
                "*/b",
                "a/**",
                "**/*/b")) {
            Glob glob = Glob.of(pattern);
            for (String path : PATHS) {
                assertThat(glob.matches(path))
                        .as("%s against %s", pattern, path)
                        .isEqualTo(glob.matchesByRegex(path));
            }
        }
    }

    @Test
    void everythingAndSuffixPatternsMatchWhatCodeBuildDoes() {
        assertThat(Glob.of("**/*").matches("top.txt")).isTrue();
        assertThat(Glob.of("**/*").matches("deep/er/file")).isTrue();
        assertThat(Glob.of("**/*.tmp").matches("a/b.tmp")).isTrue();
        assertThat(Glob.of("**/*.tmp").matches("a.tmp/b")).isFalse();
        assertThat(Glob.of("./a/b/").matches("a/b")).isTrue();
        assertThat(Glob.of("a/b").matches("a/bc")).isFalse();
        assertThat(Glob.of("a/b").isLiteral()).isTrue();
        assertThat(Glob.of("**/*.tmp").isLiteral()).isFalse();
    }
}
