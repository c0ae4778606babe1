package io.jenkins.plugins.codebuildspec.engine.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip format as the packager writes it, read back by the JDK, Commons Compress and Info-ZIP's unzip. */
class ZipWriterTest {
    @TempDir
    Path temp;

    private static final long GIB = 1L << 30;

    @Test
    void entriesPastFourGibibytesGetZip64SizesAndOffsetsThatReadersFollow() throws Exception {
        Path zip = temp.resolve("huge.zip");
        byte[] zeros = new byte[8 << 20];
        // the zeros are holes in a sparse file: some 9 GiB of archive in a few kilobytes of disk
        try (SparseOutput out = new SparseOutput(zip, zeros)) {
            ZipWriter writer = new ZipWriter(out);
            long first = 2 * GIB + 12345;
            writer.beginStored("first.bin", 0100644, 0, zerosCrc(first, zeros), first);
            writeZeros(writer, first, zeros);
            assertThat(writer.endStored(first)).isTrue();
            long big = 4 * GIB + 777;
            writer.beginStored("big.bin", 0100644, 0, zerosCrc(big, zeros), big);
            writeZeros(writer, big, zeros);
            assertThat(writer.endStored(big)).isTrue();
            byte[] text = "after six gibibytes\n".getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(text);
            writer.add("late.txt", 0100755, 0, ZipEntry.STORED, crc.getValue(), text.length, text, text.length);
            writer.finish();
        }
        assertThat(Files.size(zip)).isGreaterThan(6 * GIB);

        try (java.util.zip.ZipFile jdk = new java.util.zip.ZipFile(zip.toFile())) {
            assertThat(jdk.getEntry("big.bin").getSize()).isEqualTo(4 * GIB + 777);
            assertThat(new String(jdk.getInputStream(jdk.getEntry("late.txt")).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("after six gibibytes\n");
        }
        try (ZipFile commons = ZipFile.builder().setPath(zip).get()) {
            ZipArchiveEntry late = commons.getEntry("late.txt");
            assertThat(late.getUnixMode()).isEqualTo(0100755);
            assertThat(commons.getEntry("big.bin").getSize()).isEqualTo(4 * GIB + 777);
        }
        // Info-ZIP, a reader of its own: lists the zip64 sizes and extracts the entry past 4 GiB
        assumeTrue(unzipInstalled(), "unzip is not installed");
        assertThat(run("unzip", "-l", zip.toString())).contains("4294968073", "late.txt");
        assertThat(run("unzip", "-p", zip.toString(), "late.txt")).isEqualTo("after six gibibytes\n");
    }

    @Test
    void namesModesAndTimesReadBackAsWritten() throws Exception {
        Path zip = temp.resolve("attrs.zip");
        ZoneId zone = ZoneId.systemDefault();
        long june2024 = LocalDateTime.of(2024, 6, 15, 13, 45, 31)
                .atZone(zone)
                .toInstant()
                .toEpochMilli();
        long before1980 = 0;
        long after2107 =
                LocalDateTime.of(2200, 1, 1, 0, 0).atZone(zone).toInstant().toEpochMilli();
        try (OutputStream out = Files.newOutputStream(zip)) {
            ZipWriter writer = new ZipWriter(out);
            byte[] b = "x".getBytes(StandardCharsets.UTF_8);
            long crc = crc(b);
            writer.add("dir/read-only.txt", 0100444, june2024, ZipEntry.STORED, crc, 1, b, 1);
            writer.add("grüße/日本.txt", 0100644, before1980, ZipEntry.STORED, crc, 1, b, 1);
            writer.add("back\\slash", 0100755, after2107, ZipEntry.STORED, crc, 1, b, 1);
            writer.finish();
        }
        try (java.util.zip.ZipFile jdk = new java.util.zip.ZipFile(zip.toFile())) {
            // DOS times have two-second steps
            assertThat(jdk.getEntry("dir/read-only.txt").getTimeLocal())
                    .isEqualTo(LocalDateTime.of(2024, 6, 15, 13, 45, 30));
            assertThat(jdk.getEntry("grüße/日本.txt").getTimeLocal()).isEqualTo(LocalDateTime.of(1980, 1, 1, 0, 0));
            assertThat(jdk.getEntry("back\\slash").getTimeLocal())
                    .isEqualTo(LocalDateTime.of(2107, 12, 31, 23, 59, 58));
        }
        try (ZipFile commons = ZipFile.builder().setPath(zip).get()) {
            ZipArchiveEntry readOnly = commons.getEntry("dir/read-only.txt");
            assertThat(readOnly.getUnixMode()).isEqualTo(0100444);
            assertThat(readOnly.getExternalAttributes() & 1)
                    .as("MS-DOS read-only")
                    .isEqualTo(1);
            assertThat(readOnly.getPlatform()).isEqualTo(ZipArchiveEntry.PLATFORM_UNIX);
            assertThat(readOnly.getGeneralPurposeBit().usesUTF8ForNames()).isTrue();
            assertThat(commons.getEntry("back\\slash").getUnixMode()).isEqualTo(0100755);
            assertThat(commons.getEntry("back\\slash").getExternalAttributes() & 1)
                    .isZero();
        }
    }

    @Test
    void aStoredEntryGivenFewerBytesThanItsHeaderSaysIsReported() throws Exception {
        try (OutputStream out = Files.newOutputStream(temp.resolve("short.zip"))) {
            ZipWriter writer = new ZipWriter(out);
            byte[] data = new byte[100];
            writer.beginStored("short.bin", 0100644, 0, crc(new byte[200]), 200);
            writer.writeData(data, 0, data.length);
            assertThat(writer.endStored(200)).isFalse();
        }
    }

    private static void writeZeros(ZipWriter writer, long size, byte[] zeros) throws IOException {
        for (long left = size; left > 0; ) {
            int n = (int) Math.min(left, zeros.length);
            writer.writeData(zeros, 0, n);
            left -= n;
        }
    }

    private static long zerosCrc(long size, byte[] zeros) {
        CRC32 crc = new CRC32();
        for (long left = size; left > 0; ) {
            int n = (int) Math.min(left, zeros.length);
            crc.update(zeros, 0, n);
            left -= n;
        }
        return crc.getValue();
    }

    private static long crc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return crc.getValue();
    }

    private static boolean unzipInstalled() {
        try {
            return new ProcessBuilder("unzip", "-v").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Writes a file, leaving a hole for every write of the given zero buffer. */
    private static final class SparseOutput extends OutputStream {
        private final FileChannel channel;
        private final byte[] zeros;

        SparseOutput(Path file, byte[] zeros) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.zeros = zeros;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (b == zeros) {
                channel.position(channel.position() + len);
            } else {
                channel.write(ByteBuffer.wrap(b, off, len));
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
