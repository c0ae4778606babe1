package io.jenkins.plugins.codebuildspec.engine.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.Inflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip packager with libdeflate (real library, through JNA) and with the JDK's zlib, side by side. */
class LibDeflateTest {
    @TempDir
    Path temp;

    /** What the dynamic linker knows of libdeflate here, as a user's machine would show it. */
    private static boolean installed() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("/sbin/ldconfig", "-p")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException noLdconfig) {
            return false;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.contains("libdeflate.so.0 ");
    }

    @Test
    void theMachinesLibdeflateIsFoundCheckedAndUsedByDefault() throws Exception {
        assumeTrue(installed(), "libdeflate0 is not installed on this machine");
        assertThat(LibDeflate.unavailable()).as("why libdeflate is not used").isEmpty();
        assertThat(new ZipPackager().compressor()).isEqualTo("libdeflate");
    }

    @Test
    void bothCompressorsWriteTheSameFilesWithSizesWithinOnePercent() throws Exception {
        assumeTrue(LibDeflate.enabled(), "libdeflate is not used here: " + LibDeflate.unavailable());
        Path dir = Files.createDirectories(temp.resolve("tree"));
        Random random = new Random(11);
        Map<String, byte[]> contents = new TreeMap<>();
        // the edges: empty, one byte, just under and over the sample the store decision reads, and text
        // that compresses a little, a lot, or not at all
        contents.put("empty.txt", new byte[0]);
        contents.put("one.txt", new byte[] {'x'});
        for (int size : List.of(63, 64, 4095, 4097, 20_000, 300_000)) {
            contents.put("text-" + size + ".txt", text(random, size));
        }
        byte[] noise = new byte[50_000];
        random.nextBytes(noise);
        contents.put("random.bin", noise);
        byte[] mostlyNoise = noise.clone();
        for (int i = 0; i < mostlyNoise.length; i += 3) {
            mostlyNoise[i] = 0;
        }
        contents.put("mostly-random.bin", mostlyNoise);
        for (int i = 0; i < 50; i++) {
            contents.put("many/f" + i + ".log", text(random, random.nextInt(30_000)));
        }
        // real text for the sizes: this engine's own sources
        try (var sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : (Iterable<Path>) sources.filter(Files::isRegularFile)::iterator) {
                contents.put("src/" + contents.size() + "-" + source.getFileName(), Files.readAllBytes(source));
            }
        }
        assertThat(contents).hasSizeGreaterThan(200);
        // over the in-memory limit: streamed through zlib whichever compressor the packager has
        contents.put("large.txt", text(random, (int) ZipPackager.LARGE_FILE + 5_000));
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
        List<SelectedFile> files = select(dir);

        ZipPackager.Packaged fast = new ZipPackager(2, 6, true).write(files, temp.resolve("libdeflate.zip"));
        ZipPackager.Packaged zlib = new ZipPackager(2, 6, false).write(files, temp.resolve("zlib.zip"));

        assertThat(fast.compressor()).isEqualTo("libdeflate");
        assertThat(zlib.compressor()).startsWith("zlib");
        for (ZipPackager.Packaged z : List.of(fast, zlib)) {
            assertThat(ZipChecks.readEveryEntry(z.zip())).as(z.compressor()).isEqualTo(contents.size());
            assertThat(ZipChecks.unzipTestFailure(z.zip()))
                    .as("unzip -t, " + z.compressor())
                    .isEmpty();
            try (ZipFile zip = ZipFile.builder().setPath(z.zip()).get()) {
                for (Map.Entry<String, byte[]> e : contents.entrySet()) {
                    ZipArchiveEntry entry = zip.getEntry(e.getKey());
                    assertThat(zip.getInputStream(entry).readAllBytes())
                            .as(e.getKey() + " from " + z.compressor())
                            .isEqualTo(e.getValue());
                }
                assertThat(zip.getEntry("random.bin").getMethod()).isEqualTo(ZipArchiveEntry.STORED);
                assertThat(zip.getEntry("text-300000.txt").getMethod()).isEqualTo(ZipArchiveEntry.DEFLATED);
                assertThat(zip.getEntry("text-300000.txt").getCompressedSize()).isLessThan(150_000);
            }
        }
        // about -0.5% to +0.1% on real text here (sources, logs, docs); synthetic text like text()'s
        // compresses a few percent less with libdeflate, and is a small part of this tree
        assertThat((double) fast.size())
                .as("libdeflate's archive against zlib's (%d bytes)", zlib.size())
                .isBetween(zlib.size() * 0.99, zlib.size() * 1.01);
    }

    @Test
    void theZlibPropertyKeepsTheJdksZlibAndSaysSo() throws Exception {
        System.setProperty(LibDeflate.PROPERTY, "zlib");
        try {
            ZipPackager packager = new ZipPackager();
            assertThat(packager.compressor()).isEqualTo("zlib (turned off by -Dcodebuildspec.deflate=zlib)");
            Path dir = Files.createDirectories(temp.resolve("plain"));
            Files.writeString(dir.resolve("a.txt"), "abc ".repeat(5_000));
            ZipPackager.Packaged z = packager.write(select(dir), temp.resolve("plain.zip"));
            assertThat(z.compressor()).startsWith("zlib");
            assertThat(ZipChecks.readEveryEntry(z.zip())).isEqualTo(1);
        } finally {
            System.clearProperty(LibDeflate.PROPERTY);
        }
    }

    @Test
    void compressorsRefuseToDeflateOnceClosedAndStoreWhatWouldNotShrink() throws Exception {
        assumeTrue(LibDeflate.enabled(), "libdeflate is not used here: " + LibDeflate.unavailable());
        byte[] text = "a line of text that repeats\n".repeat(1_000).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length];
        LibDeflate.Compressors compressors = new LibDeflate.Compressors(6);
        int n = compressors.deflate(text, out, text.length - 1);
        assertThat(n).isPositive().isLessThan(1_000);
        // raw deflate, as zip entries hold it: the JDK inflates it back
        Inflater inflater = new Inflater(true);
        inflater.setInput(out, 0, n);
        byte[] back = new byte[text.length];
        assertThat(inflater.inflate(back)).isEqualTo(text.length);
        inflater.end();
        assertThat(back).isEqualTo(text);
        assertThat(compressors.deflate(text, out, 10))
                .as("does not fit in 10 bytes")
                .isEqualTo(-1);
        compressors.close();
        assertThatThrownBy(() -> compressors.deflate(text, out, text.length - 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
    }

    private static List<SelectedFile> select(Path dir) throws Exception {
        return new FileSelector(dir, m -> {})
                .select(new FileSelector.Request(
                        Optional.empty(), List.of("**/*"), List.of(), false, false, List.of()));
    }

    /** Words of a small vocabulary: compresses far more than real text, and there libdeflate's sizes differ most. */
    private static byte[] text(Random random, int size) {
        String[] words = {"deploy", "artifact", "phase", "build", "install", "the", "a", "of", "cache"};
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append(words[random.nextInt(words.length)]).append(random.nextInt(8) == 0 ? '\n' : ' ');
        }
        sb.setLength(size);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
