package io.jenkins.plugins.codebuildspec.engine.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipPackagerTest {
    @TempDir
    Path temp;

    private List<SelectedFile> select(Path dir) throws Exception {
        return new FileSelector(dir, m -> {})
                .select(new FileSelector.Request(
                        Optional.empty(), List.of("**/*"), List.of(), false, false, List.of()));
    }

    @Test
    void entryOrderAndContentDoNotDependOnTheNumberOfThreads() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("tree"));
        Random random = new Random(1);
        for (int i = 0; i < 300; i++) {
            Path f = dir.resolve("d" + (i % 7) + "/f" + i + ".txt");
            Files.createDirectories(f.getParent());
            byte[] data = new byte[random.nextInt(20_000)];
            if (i % 3 == 0) {
                random.nextBytes(data);
            } else {
                java.util.Arrays.fill(data, (byte) ('a' + i % 26));
            }
            Files.write(f, data);
        }
        // a large file goes through the streaming path
        Files.write(dir.resolve("big.bin"), new byte[(int) ZipPackager.LARGE_FILE + 123]);
        List<SelectedFile> files = select(dir);
        ZipPackager.Packaged one = new ZipPackager(1, 6).write(files, temp.resolve("one.zip"));
        ZipPackager.Packaged four = new ZipPackager(4, 6).write(files, temp.resolve("four.zip"));
        assertThat(names(one.zip())).isEqualTo(names(four.zip())).isSorted();
        assertThat(one.sha256()).as("byte-identical archives").isEqualTo(four.sha256());
        assertThat(one.sha256()).isEqualTo(sha256(one.zip()));
        for (SelectedFile f : files) {
            try (ZipFile z = ZipFile.builder().setPath(four.zip()).get()) {
                assertThat(z.getInputStream(z.getEntry(f.entryName())).readAllBytes())
                        .isEqualTo(Files.readAllBytes(f.source()));
            }
        }
    }

    @Test
    void randomDataIsStoredAndTextIsDeflated() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("mix"));
        byte[] random = new byte[100_000];
        new Random(2).nextBytes(random);
        Files.write(dir.resolve("random.bin"), random);
        Files.writeString(dir.resolve("text.txt"), "hello world ".repeat(10_000));
        ZipPackager.Packaged z = new ZipPackager().write(select(dir), temp.resolve("mix.zip"));
        try (ZipFile zip = ZipFile.builder().setPath(z.zip()).get()) {
            assertThat(zip.getEntry("random.bin").getMethod()).isEqualTo(ZipArchiveEntry.STORED);
            assertThat(zip.getEntry("text.txt").getMethod()).isEqualTo(ZipArchiveEntry.DEFLATED);
            assertThat(zip.getEntry("text.txt").getCompressedSize()).isLessThan(2_000);
        }
    }

    @Test
    void moreThan65535EntriesUseZip64AndReadBackWithTheJdkReaderToo() throws Exception {
        // on a memory file system when there is one: creating 66,500 files on disk takes most of a minute here
        Path ram = io.jenkins.plugins.codebuildspec.engine.run.LocalTempDirectory.create("zip64-test");
        try {
            zip64(ram);
        } finally {
            try (var walk = Files.walk(ram)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private void zip64(Path ram) throws Exception {
        Path dir = Files.createDirectories(ram.resolve("many"));
        for (int d = 0; d < 70; d++) {
            Path sub = Files.createDirectories(dir.resolve("d" + d));
            for (int i = 0; i < 950; i++) {
                Files.writeString(sub.resolve("f" + i), "x");
            }
        }
        ZipPackager.Packaged z = new ZipPackager().write(select(dir), ram.resolve("many.zip"));
        assertThat(z.entries()).isEqualTo(66_500);
        try (java.util.zip.ZipFile jdk = new java.util.zip.ZipFile(z.zip().toFile())) {
            assertThat(jdk.size()).isEqualTo(66_500);
            assertThat(new String(jdk.getInputStream(jdk.getEntry("d69/f949")).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("x");
        }
    }

    @Test
    void aFailureLeavesNoFileUnderTheFinalNameAndNoTemporaryFiles() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("vanish"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.writeString(dir.resolve("b.txt"), "b");
        List<SelectedFile> files = select(dir);
        Files.delete(dir.resolve("b.txt")); // disappears between selection and zipping
        Path outDir = Files.createDirectories(temp.resolve("zipout"));
        Path target = outDir.resolve("app.zip");
        Files.writeString(target, "previous complete artifact");
        assertThatThrownBy(() -> new ZipPackager().write(files, target)).isInstanceOf(IOException.class);
        assertThat(Files.readString(target))
                .as("the previous file is untouched")
                .isEqualTo("previous complete artifact");
        try (var left = Files.list(outDir)) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void aSmallFileThatGrewAfterSelectionFailsTheZipNamingIt() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("growing"));
        Files.write(dir.resolve("steady.txt"), new byte[1000]);
        Files.write(dir.resolve("log.txt"), "line\n".repeat(4000).getBytes(StandardCharsets.UTF_8));
        List<SelectedFile> files = select(dir);
        // a process still writing when the files were chosen
        Files.writeString(dir.resolve("log.txt"), "one more line\n", java.nio.file.StandardOpenOption.APPEND);
        Path target = temp.resolve("out/app.zip");
        assertThatThrownBy(() -> new ZipPackager(1, 6).write(files, target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("log.txt").toString())
                .hasMessageContaining("changed while the artifact was being packaged")
                .hasMessageContaining("20000 bytes when selected, 20014 when read");
        assertThat(target).doesNotExist();
    }

    @Test
    void aLargeFileThatGrewAfterSelectionFailsTheZipNamingItCompressibleOrNot() throws Exception {
        Random random = new Random(3);
        for (boolean compressible : List.of(true, false)) {
            Path dir = Files.createDirectories(temp.resolve("large-" + compressible));
            byte[] data = new byte[(int) ZipPackager.LARGE_FILE + 10];
            if (!compressible) {
                random.nextBytes(data);
            }
            Files.write(dir.resolve("big.bin"), data);
            List<SelectedFile> files = select(dir);
            Files.write(dir.resolve("big.bin"), new byte[7], java.nio.file.StandardOpenOption.APPEND);
            Path target = temp.resolve("out-" + compressible + "/app.zip");
            assertThatThrownBy(() -> new ZipPackager(2, 6).write(files, target))
                    .as("compressible: " + compressible)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(dir.resolve("big.bin").toString())
                    .hasMessageContaining("changed while the artifact was being packaged");
            assertThat(target).doesNotExist();
        }
    }

    @Test
    void eachEntrysSizeAndCrcDescribeTheBytesStoredAsTheJdkReaderChecks() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("check"));
        Random random = new Random(4);
        for (int i = 0; i < 20; i++) {
            byte[] data = new byte[random.nextInt(30_000)];
            if (i % 2 == 0) {
                random.nextBytes(data);
            }
            Files.write(dir.resolve("f" + i), data);
        }
        Files.write(dir.resolve("large.bin"), new byte[(int) ZipPackager.LARGE_FILE + 1]);
        ZipPackager.Packaged z = new ZipPackager(2, 6).write(select(dir), temp.resolve("check.zip"));
        assertThat(ZipChecks.readEveryEntry(z.zip())).isEqualTo(21);
    }

    @Test
    void aBackslashInAFileNameSurvivesEveryWayAnEntryIsWritten() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("odd"));
        byte[] random = new byte[10_000];
        new Random(5).nextBytes(random);
        Files.write(dir.resolve("random\\small.bin"), random);
        Files.writeString(dir.resolve("text\\small.txt"), "text ".repeat(1000));
        Files.write(dir.resolve("large\\file.bin"), new byte[(int) ZipPackager.LARGE_FILE + 1]);
        ZipPackager.Packaged z = new ZipPackager(2, 6).write(select(dir), temp.resolve("odd.zip"));
        assertThat(names(z.zip())).containsExactly("large\\file.bin", "random\\small.bin", "text\\small.txt");
        assertThat(ZipChecks.readEveryEntry(z.zip())).isEqualTo(3);
    }

    private static List<String> names(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            Collections.list(z.getEntriesInPhysicalOrder()).forEach(e -> names.add(e.getName()));
        }
        return names;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            md.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
