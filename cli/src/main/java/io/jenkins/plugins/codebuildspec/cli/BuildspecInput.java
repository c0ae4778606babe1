package io.jenkins.plugins.codebuildspec.cli;

import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.parse.ParseLimits;
import io.jenkins.plugins.codebuildspec.engine.parse.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buildspec given as text rather than a file, as CodeBuild's {@code buildspecOverride} takes it:
 * {@code --buildspec-text TEXT} or {@code -b -} (standard input). Findings are positioned as
 * {@code <inline>:LINE:COL}.
 */
final class BuildspecInput {
    /** How findings name a buildspec that has no file. */
    static final String INLINE = "<inline>";

    /** {@code -b -}: the buildspec is read from standard input. */
    static final String STDIN = "-";

    private BuildspecInput() {}

    static ParseResult parseText(String text) {
        return new BuildspecParser().parse(INLINE, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads at most one byte more than the size limit, so a huge input fails as too large, unread. */
    static ParseResult parseStdin(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(ParseLimits.DEFAULT.maxBytes() + 1);
        return new BuildspecParser().parse(INLINE, bytes);
    }
}
