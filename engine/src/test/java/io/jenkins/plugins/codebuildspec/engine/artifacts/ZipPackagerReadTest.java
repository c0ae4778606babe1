package io.jenkins.plugins.codebuildspec.engine.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workers' read of a whole file into a reused direct buffer. */
class ZipPackagerReadTest {
    @TempDir
    Path temp;

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(b.position(), out);
        return out;
    }

    @Test
    void aFileLargerThanTheBufferGetsABufferItFitsAndASmallerOneReusesIt() throws Exception {
        byte[] big = new byte[300_000];
        new Random(3).nextBytes(big);
        Path bigFile = Files.write(temp.resolve("big"), big);
        Path small = Files.writeString(temp.resolve("small"), "hello");
        Path empty = Files.write(temp.resolve("empty"), new byte[0]);

        ByteBuffer buffer = ZipPackager.readFully(bigFile, ByteBuffer.allocateDirect(16));
        assertThat(buffer.isDirect()).isTrue();
        assertThat(bytes(buffer)).isEqualTo(big);

        ByteBuffer again = ZipPackager.readFully(small, buffer);
        assertThat(again).isSameAs(buffer);
        assertThat(bytes(again)).isEqualTo("hello".getBytes());

        assertThat(ZipPackager.readFully(empty, buffer).remaining()).isZero();
    }

    @Test
    void whatDeflateCannotShrinkIsStoredWholeAndTheRestDeflatedIntact() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("tree"));
        Files.writeString(dir.resolve("tiny.txt"), "v1\n"); // deflate makes it bigger: stored
        Files.writeString(dir.resolve("text.txt"), "line of text\n".repeat(5_000));
        Files.write(dir.resolve("empty"), new byte[0]);
        java.util.List<SelectedFile> files = new FileSelector(dir, m -> {})
                .select(new FileSelector.Request(
                        java.util.Optional.empty(),
                        java.util.List.of("**/*"),
                        java.util.List.of(),
                        false,
                        false,
                        java.util.List.of()));
        Path zipPath = new ZipPackager(2, 6).write(files, temp.resolve("t.zip")).zip();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(zipPath.toFile())) {
            assertThat(zip.getEntry("tiny.txt").getMethod()).isEqualTo(java.util.zip.ZipEntry.STORED);
            assertThat(zip.getEntry("text.txt").getMethod()).isEqualTo(java.util.zip.ZipEntry.DEFLATED);
            for (String name : java.util.List.of("tiny.txt", "text.txt", "empty")) {
                assertThat(zip.getInputStream(zip.getEntry(name)).readAllBytes())
                        .as(name)
                        .isEqualTo(Files.readAllBytes(dir.resolve(name)));
            }
        }
    }

    @Test
    void aFileWithMoreThanItsSizeSaysIsReadToItsEnd() throws Exception {
        // procfs reports size 0 for files that have content: the read must grow the buffer as it goes
        Path cmdline = Path.of("/proc/self/cmdline");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(cmdline) && Files.size(cmdline) == 0);
        byte[] expected = Files.readAllBytes(cmdline);
        assertThat(expected).isNotEmpty();
        ByteBuffer read = ZipPackager.readFully(cmdline, ByteBuffer.allocateDirect(1));
        assertThat(bytes(read)).isEqualTo(expected);
    }
}
