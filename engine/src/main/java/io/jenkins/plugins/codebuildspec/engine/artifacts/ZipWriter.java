package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.zip.ZipEntry;

/**
 * The zip format, written front to back onto a stream: each entry's local header and data, then the
 * central directory, with zip64 records only where a size, an offset or the number of entries needs
 * them. Entries are Unix entries ("made by" Unix, the file's mode in the external attributes, as
 * Info-ZIP writes them), names are UTF-8 (flag bit 11) and byte for byte as given, and times are DOS
 * times in the local time zone, clamped to 1980-2107.
 *
 * <p>It holds only the central directory in memory (some 50 bytes plus the name per entry). Entries
 * whose data is complete in memory go in with one call; a large entry is streamed between {@link
 * #beginStreamed} and {@link #endStreamed}, its CRC and sizes in a data descriptor after its data.
 */
final class ZipWriter {
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int DATA_DESCRIPTOR = 0x08074b50;
    private static final int END = 0x06054b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EXTRA = 0x0001;

    private static final int FLAG_DESCRIPTOR = 1 << 3;
    private static final int FLAG_UTF8 = 1 << 11;
    private static final int MADE_BY_UNIX = 3 << 8;
    private static final long MAX32 = 0xFFFFFFFFL;
    private static final int MAX16 = 0xFFFF;

    private final OutputStream out;
    private final ZoneId zone = ZoneId.systemDefault();
    private final Bytes header = new Bytes(256);
    private final Bytes central = new Bytes(1 << 16);
    private long position;
    private long entries;
    private Open open;

    /** An entry whose local header is written: what its central header repeats, and where its data begins. */
    private record Open(
            byte[] name,
            int unixMode,
            int method,
            int flags,
            long dosTime,
            long offset,
            boolean zip64,
            long dataStart) {}

    ZipWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Adds an entry whose data is complete: {@code data[0, length)}, stored or raw deflate as {@code
     * method} says, {@code crc} and {@code size} being those of the uncompressed content.
     */
    void add(String name, int unixMode, long modifiedMillis, int method, long crc, long size, byte[] data, int length)
            throws IOException {
        Open e = begin(name, unixMode, modifiedMillis, method, 0, crc, length, size, size >= MAX32);
        write(data, 0, length);
        centralHeader(e, crc, length, size);
    }

    /**
     * Begins an entry of deflated data streamed through {@link #writeData}; {@code maybeZip64} when its
     * sizes might reach 4 GiB (the local header then has zip64 fields, and the descriptor 8-byte sizes).
     */
    void beginStreamed(String name, int unixMode, long modifiedMillis, boolean maybeZip64) throws IOException {
        open = begin(name, unixMode, modifiedMillis, ZipEntry.DEFLATED, FLAG_DESCRIPTOR, 0, 0, 0, maybeZip64);
    }

    /**
     * Adds a stored entry whose CRC and size are known before its data, which follows through {@link
     * #writeData}; {@link #endStored} checks that exactly {@code size} bytes came.
     */
    void beginStored(String name, int unixMode, long modifiedMillis, long crc, long size) throws IOException {
        open = begin(name, unixMode, modifiedMillis, ZipEntry.STORED, 0, crc, size, size, size >= MAX32);
        centralHeader(open, crc, size, size);
    }

    /** Data of the entry begun last. */
    void writeData(byte[] data, int off, int length) throws IOException {
        if (open == null) {
            throw new IllegalStateException("no entry is open");
        }
        write(data, off, length);
    }

    /** Ends a stored entry: whether exactly {@code size} bytes were written, as its header says. */
    boolean endStored(long size) {
        boolean exact = position - open.dataStart() == size;
        open = null;
        return exact;
    }

    /** Ends a streamed deflated entry with the CRC and sizes of what was written. */
    void endStreamed(long crc, long size) throws IOException {
        Open e = open;
        long compressed = position - e.dataStart();
        if (!e.zip64() && (size >= MAX32 || compressed >= MAX32)) {
            throw new IOException("zip entry " + new String(e.name(), StandardCharsets.UTF_8)
                    + " grew past 4 GiB while it was packaged");
        }
        header.clear();
        header.int32(DATA_DESCRIPTOR).int32(crc);
        if (e.zip64()) {
            header.int64(compressed).int64(size);
        } else {
            header.int32(compressed).int32(size);
        }
        write(header.bytes(), 0, header.length());
        centralHeader(e, crc, compressed, size);
        open = null;
    }

    /** Writes the central directory and the end records; the stream is left open. */
    void finish() throws IOException {
        requireNoOpenEntry();
        long centralOffset = position;
        write(central.bytes(), 0, central.length());
        long centralSize = position - centralOffset;
        boolean zip64 = entries > MAX16 || centralOffset >= MAX32 || centralSize >= MAX32;
        header.clear();
        if (zip64) {
            long zip64End = position;
            header.int32(ZIP64_END)
                    .int64(44)
                    .int16(MADE_BY_UNIX | 45)
                    .int16(45)
                    .int32(0)
                    .int32(0)
                    .int64(entries)
                    .int64(entries)
                    .int64(centralSize)
                    .int64(centralOffset);
            header.int32(ZIP64_LOCATOR).int32(0).int64(zip64End).int32(1);
        }
        header.int32(END)
                .int16(0)
                .int16(0)
                .int16((int) Math.min(entries, MAX16))
                .int16((int) Math.min(entries, MAX16))
                .int32(Math.min(centralSize, MAX32))
                .int32(Math.min(centralOffset, MAX32))
                .int16(0);
        write(header.bytes(), 0, header.length());
        out.flush();
    }

    /** Writes an entry's local header; {@code zip64}: with zip64 sizes (then both are in its extra field). */
    private Open begin(
            String entryName,
            int unixMode,
            long modifiedMillis,
            int method,
            int flags,
            long crc,
            long compressed,
            long size,
            boolean zip64)
            throws IOException {
        requireNoOpenEntry();
        byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
        checkName(name);
        long dosTime = dosTime(modifiedMillis);
        long offset = position;
        header.clear();
        header.int32(LOCAL_HEADER)
                .int16(versionNeeded(method, zip64))
                .int16(FLAG_UTF8 | flags)
                .int16(method)
                .int32(dosTime)
                .int32(crc)
                .int32(zip64 ? MAX32 : compressed)
                .int32(zip64 ? MAX32 : size)
                .int16(name.length)
                .int16(zip64 ? 20 : 0)
                .bytes(name);
        if (zip64) {
            header.int16(ZIP64_EXTRA).int16(16).int64(size).int64(compressed);
        }
        write(header.bytes(), 0, header.length());
        return new Open(name, unixMode, method, flags, dosTime, offset, zip64, position);
    }

    /** Adds entry {@code e}'s central header, with the CRC and sizes of its data. */
    private void centralHeader(Open e, long crc, long compressed, long size) {
        boolean bigSize = e.zip64() || size >= MAX32;
        boolean bigCompressed = e.zip64() || compressed >= MAX32;
        boolean bigOffset = e.offset() >= MAX32;
        int extra = (bigSize ? 8 : 0) + (bigCompressed ? 8 : 0) + (bigOffset ? 8 : 0);
        boolean zip64 = extra > 0;
        central.int32(CENTRAL_HEADER)
                .int16(MADE_BY_UNIX | (zip64 ? 45 : 20))
                .int16(versionNeeded(e.method(), zip64))
                .int16(FLAG_UTF8 | e.flags())
                .int16(e.method())
                .int32(e.dosTime())
                .int32(crc)
                .int32(bigCompressed ? MAX32 : compressed)
                .int32(bigSize ? MAX32 : size)
                .int16(e.name().length)
                .int16(zip64 ? 4 + extra : 0)
                .int16(0)
                .int16(0)
                .int16(0)
                // the mode, and MS-DOS's read-only attribute when the owner cannot write
                .int32(((long) (e.unixMode() & MAX16) << 16) | ((e.unixMode() & 0200) == 0 ? 1 : 0))
                .int32(bigOffset ? MAX32 : e.offset())
                .bytes(e.name());
        if (zip64) {
            // in this order, and only the fields the record marks as too large
            central.int16(ZIP64_EXTRA).int16(extra);
            if (bigSize) {
                central.int64(size);
            }
            if (bigCompressed) {
                central.int64(compressed);
            }
            if (bigOffset) {
                central.int64(e.offset());
            }
        }
        entries++;
    }

    private static int versionNeeded(int method, boolean zip64) {
        return zip64 ? 45 : method == ZipEntry.DEFLATED ? 20 : 10;
    }

    private static void checkName(byte[] name) throws IOException {
        if (name.length > MAX16) {
            throw new IOException("a zip entry name is at most 65535 bytes; this one has " + name.length + ": "
                    + new String(name, 0, 200, StandardCharsets.UTF_8) + "...");
        }
    }

    private void requireNoOpenEntry() {
        if (open != null) {
            throw new IllegalStateException(
                    "entry " + new String(open.name(), StandardCharsets.UTF_8) + " is still open");
        }
    }

    private void write(byte[] data, int off, int length) throws IOException {
        out.write(data, off, length);
        position += length;
    }

    /** The DOS date and time (date in the high 16 bits) of a time in this zone, clamped to 1980-2107. */
    long dosTime(long millis) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
        if (t.getYear() < 1980) {
            return (1L << 21) | (1L << 16);
        }
        if (t.getYear() > 2107) {
            t = LocalDateTime.of(2107, 12, 31, 23, 59, 58);
        }
        return ((long) (t.getYear() - 1980) << 25)
                | ((long) t.getMonthValue() << 21)
                | ((long) t.getDayOfMonth() << 16)
                | ((long) t.getHour() << 11)
                | ((long) t.getMinute() << 5)
                | (t.getSecond() >> 1);
    }

    /** A growable little-endian byte buffer. */
    private static final class Bytes {
        private byte[] data;
        private int length;

        Bytes(int capacity) {
            data = new byte[capacity];
        }

        void clear() {
            length = 0;
        }

        byte[] bytes() {
            return data;
        }

        int length() {
            return length;
        }

        private void room(int n) {
            if (length + n > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, length + n));
            }
        }

        Bytes int16(int v) {
            room(2);
            data[length++] = (byte) v;
            data[length++] = (byte) (v >>> 8);
            return this;
        }

        Bytes int32(long v) {
            room(4);
            for (int i = 0; i < 4; i++) {
                data[length++] = (byte) (v >>> (8 * i));
            }
            return this;
        }

        Bytes int64(long v) {
            room(8);
            for (int i = 0; i < 8; i++) {
                data[length++] = (byte) (v >>> (8 * i));
            }
            return this;
        }

        Bytes bytes(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, data, length, b.length);
            length += b.length;
            return this;
        }
    }
}
