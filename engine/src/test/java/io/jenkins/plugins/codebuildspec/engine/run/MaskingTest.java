package io.jenkins.plugins.codebuildspec.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets never survive into a log line, however the output arrives. */
class MaskingTest {
    private static List<String> feed(Masker masker, byte[]... writes) {
        List<String> lines = new ArrayList<>();
        LineOutput out = new LineOutput(masker, lines::add);
        for (byte[] w : writes) {
            out.write(w, 0, w.length);
        }
        out.close();
        return lines;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void secretSplitAcrossWritesIsMasked() {
        Masker masker = new Masker();
        masker.add("s3cr3t-value");
        assertThat(feed(masker, b("token=s3cr"), b("3t-val"), b("ue done\n"))).containsExactly("token=*** done");
    }

    @Test
    void everyLineOfAMultiLineSecretIsMaskedOnItsOwn() {
        Masker masker = new Masker();
        masker.add("-----BEGIN KEY-----\nMIIEabcdefghijk\nzyxwvutsrqpon\n-----END KEY-----");
        List<String> lines =
                feed(masker, b("-----BEGIN KEY-----\nMIIEabcdefghijk\nzyxwvutsrqpon\n-----END KEY-----\n"));
        assertThat(lines).containsExactly("***", "***", "***", "***");
    }

    @Test
    void aSecretInsideAVeryLongLineIsMaskedAtEveryCutPoint() {
        String secret = "TOPSECRET-0123456789";
        Masker masker = new Masker();
        masker.add(secret);
        // put the secret across the point where a long line is cut into pieces, at every offset
        for (int shift = 0; shift < secret.length(); shift++) {
            String filler = "x".repeat(LineOutput.MAX_LINE - shift - 1);
            List<String> pieces = feed(masker, b(filler + secret + "tail\n"));
            assertThat(String.join("", pieces))
                    .doesNotContain(secret)
                    .contains("***")
                    .endsWith("tail");
            assertThat(pieces).allSatisfy(p -> assertThat(p).doesNotContain("TOPSECRET"));
        }
    }

    @Test
    void longOutputIsPassedOnInBoundedPieces() {
        Masker masker = new Masker();
        List<String> pieces = new ArrayList<>();
        LineOutput out = new LineOutput(masker, pieces::add);
        byte[] chunk = b("y".repeat(8192));
        for (int i = 0; i < 200; i++) {
            out.write(chunk, 0, chunk.length);
        }
        out.close();
        assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(LineOutput.MAX_LINE));
        assertThat(pieces.stream().mapToInt(String::length).sum()).isEqualTo(200 * 8192);
    }

    @Test
    void utf8CharactersAreNotBrokenAtPieceBoundaries() {
        Masker masker = new Masker();
        List<String> pieces = feed(masker, b("\u00e9".repeat(LineOutput.MAX_LINE) + "\n"));
        assertThat(String.join("", pieces)).isEqualTo("\u00e9".repeat(LineOutput.MAX_LINE));
    }

    @Test
    void longerSecretsAreMaskedBeforeTheirPrefixes() {
        Masker masker = new Masker();
        masker.add("abcd");
        masker.add("abcdefgh");
        assertThat(masker.mask("x abcdefgh y abcd")).isEqualTo("x *** y ***");
    }

    @Test
    void carriageReturnLineEndsAreStripped() {
        assertThat(feed(new Masker(), b("windows line\r\n"))).containsExactly("windows line");
    }
}
