package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a zip of selected files: entries in name order whatever the thread count, deflate spread over
 * every core, Unix modes kept (CodeDeploy hook scripts stay executable), zip64 when needed, files that
 * would not compress (random or already compressed data) stored, and the archive written under a
 * temporary name renamed only once complete.
 *
 * <p>Worker threads compress the next small files into memory while the writer appends finished ones
 * in order; what is in flight is bounded ({@value #WINDOW_BYTES} bytes of input), and a large file is
 * streamed by the writer itself, so memory does not grow with the artifact.
 */
public final class ZipPackager {
    /** A finished zip. */
    public record Packaged(Path zip, String sha256, long size, int entries) {}

    static final long WINDOW_BYTES = 48L << 20;
    static final long LARGE_FILE = 8L << 20;
    private static final int SAMPLE = 4096;

    /** Above this many bits of entropy per byte, deflate would gain under ~1%: store instead. */
    private static final double STORE_ABOVE_BITS = 7.9;

    private final int threads;
    private final int level;
    private final ThreadLocal<Deflater> deflaters;
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
    private final ThreadLocal<ByteBuffer> direct = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 16));
    private final ThreadLocal<byte[]> samples = ThreadLocal.withInitial(() -> new byte[SAMPLE]);

    public ZipPackager() {
        this(Runtime.getRuntime().availableProcessors(), Deflater.DEFAULT_COMPRESSION);
    }

    public ZipPackager(int threads, int level) {
        this.threads = Math.max(1, threads);
        this.level = level;
        this.deflaters = ThreadLocal.withInitial(() -> new Deflater(level, true));
    }

    /** An entry compressed ahead of the writer. */
    private record Ready(SelectedFile file, int method, long crc, byte[] data) {}

    /** Writes {@code files} (sorted by entry name) to {@code target}, replacing it only when complete. */
    public Packaged write(List<SelectedFile> files, Path target) throws IOException, InterruptedException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "zip " + target.getFileName());
            t.setDaemon(true);
            return t;
        });
        boolean done = false;
        try {
            MessageDigest sha = sha256();
            try (OutputStream file = Files.newOutputStream(temp);
                    DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha);
                    ZipArchiveOutputStream zip = new ZipArchiveOutputStream(digest)) {
                zip.setUseZip64(Zip64Mode.AsNeeded);
                zip.setLevel(level);
                writeAll(files, zip, pool);
                zip.finish();
            }
            long size = Files.size(temp);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return new Packaged(target, HexFormat.of().formatHex(sha.digest()), size, files.size());
        } finally {
            pool.shutdownNow();
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private void writeAll(List<SelectedFile> files, ZipArchiveOutputStream zip, ExecutorService pool)
            throws IOException, InterruptedException {
        Deque<Future<Ready>> window = new ArrayDeque<>();
        Deque<Long> windowSizes = new ArrayDeque<>();
        long inFlight = 0;
        int next = 0;
        for (int i = 0; i < files.size(); i++) {
            // keep the workers busy with the files after this one, within the memory window
            while (next < files.size() && (window.isEmpty() || inFlight < WINDOW_BYTES)) {
                SelectedFile f = files.get(next++);
                long cost = isLarge(f) ? 0 : f.size();
                // a large file is streamed by the writer when its turn comes: a finished empty future
                window.add(isLarge(f) ? CompletableFuture.completedFuture(null) : pool.submit(() -> prepare(f)));
                windowSizes.add(cost);
                inFlight += cost;
            }
            Future<Ready> future = window.poll();
            inFlight -= windowSizes.poll();
            SelectedFile f = files.get(i);
            Ready ready = get(future);
            if (ready == null) {
                stream(f, zip);
            } else {
                writeReady(ready, zip);
            }
        }
    }

    private static boolean isLarge(SelectedFile f) {
        return !f.isSymlink() && f.size() > LARGE_FILE;
    }

    private Ready prepare(SelectedFile f) throws IOException {
        if (f.isSymlink()) {
            byte[] raw = f.linkTarget().orElseThrow().getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(raw);
            return new Ready(f, ZipEntry.STORED, crc.getValue(), raw);
        }
        // read straight into this worker's direct buffer: no array per file, no copy from a temporary
        // native buffer; CRC32 and the deflater read it where it is
        ByteBuffer raw = readFully(f.source());
        int length = raw.remaining();
        CRC32 crc = new CRC32();
        crc.update(raw.duplicate());
        byte[] sample = samples.get();
        int sampled = Math.min(length, SAMPLE);
        raw.get(0, sample, 0, sampled);
        if (!compressible(sample, sampled)) {
            return new Ready(f, ZipEntry.STORED, crc.getValue(), copy(raw));
        }
        // one deflater and buffer per worker thread: creating a zlib stream per file costs more than
        // compressing a small file
        Deflater deflater = deflaters.get();
        deflater.reset();
        deflater.setInput(raw.duplicate()); // the deflater moves the position of what it is given
        deflater.finish();
        // deflate into one reused buffer as large as the input (worse does not pay: it is stored then)
        byte[] buffer = buffers.get();
        if (buffer.length < length + 64) {
            buffer = new byte[length + 64];
            buffers.set(buffer);
        }
        int compressed = 0;
        while (!deflater.finished() && compressed < length) {
            compressed += deflater.deflate(buffer, compressed, buffer.length - compressed);
        }
        // never let deflate make an entry bigger than the file
        if (!deflater.finished() || compressed >= length) {
            return new Ready(f, ZipEntry.STORED, crc.getValue(), copy(raw));
        }
        return new Ready(f, ZipEntry.DEFLATED, crc.getValue(), java.util.Arrays.copyOf(buffer, compressed));
    }

    private static byte[] copy(ByteBuffer raw) {
        byte[] bytes = new byte[raw.limit()];
        raw.get(0, bytes);
        return bytes;
    }

    /** The whole file, to its end whatever size it had when selected, in this thread's direct buffer. */
    private ByteBuffer readFully(Path file) throws IOException {
        ByteBuffer buffer = readFully(file, direct.get());
        direct.set(buffer);
        return buffer;
    }

    /**
     * Reads {@code file} to its end into {@code buffer}, or into a larger direct buffer when it does not
     * fit (also when the file grows while being read); returns the buffer holding it, flipped.
     */
    static ByteBuffer readFully(Path file, ByteBuffer buffer) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long expected = channel.size();
            if (buffer.capacity() < expected + 1) {
                buffer = ByteBuffer.allocateDirect((int) Math.min(Integer.MAX_VALUE - 8, expected + 1));
            }
            buffer.clear();
            while (true) {
                if (!buffer.hasRemaining()) {
                    // more than the file's size said: make room for the rest
                    if (buffer.capacity() > (Integer.MAX_VALUE - 8) / 2) {
                        throw new IOException(file + " grew past 1 GiB while being read");
                    }
                    ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(buffer.capacity() * 2, 1 << 16));
                    buffer.flip();
                    bigger.put(buffer);
                    buffer = bigger;
                }
                if (channel.read(buffer) < 0) {
                    break;
                }
            }
            buffer.flip();
            return buffer;
        }
    }

    private static void writeReady(Ready r, ZipArchiveOutputStream zip) throws IOException {
        ZipArchiveEntry entry = entry(r.file());
        entry.setMethod(r.method());
        entry.setCrc(r.crc());
        entry.setSize(r.file().isSymlink() ? r.data().length : r.file().size());
        entry.setCompressedSize(r.data().length);
        zip.addRawArchiveEntry(entry, new ByteArrayInputStream(r.data()));
    }

    /** A large file, compressed by the writer as it streams: bounded memory whatever its size. */
    private void stream(SelectedFile f, ZipArchiveOutputStream zip) throws IOException {
        ZipArchiveEntry entry = entry(f);
        byte[] sample = new byte[SAMPLE];
        int n;
        try (InputStream in = Files.newInputStream(f.source())) {
            n = in.readNBytes(sample, 0, SAMPLE);
        }
        if (compressible(sample, n)) {
            entry.setMethod(ZipEntry.DEFLATED);
        } else {
            // STORED needs size and CRC before the data on a stream that cannot seek back
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(f.size());
            entry.setCrc(crc(f.source()));
        }
        zip.putArchiveEntry(entry);
        try (InputStream in = Files.newInputStream(f.source())) {
            in.transferTo(zip);
        }
        zip.closeArchiveEntry();
    }

    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }

    private static ZipArchiveEntry entry(SelectedFile f) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(f.entryName());
        entry.setUnixMode(f.unixMode());
        entry.setTime(f.modifiedMillis());
        return entry;
    }

    private static Ready get(Future<Ready> f) throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("zipping failed: " + cause, cause);
        }
    }

    /** Judged on the first 4 KiB: random or already-compressed data is stored. */
    static boolean compressible(byte[] data, int length) {
        int n = Math.min(length, SAMPLE);
        if (n < 64) {
            return true;
        }
        int[] counts = new int[256];
        for (int i = 0; i < n; i++) {
            counts[data[i] & 0xff]++;
        }
        double bits = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                bits -= p * (Math.log(p) / Math.log(2));
            }
        }
        // a small sample cannot show 8 bits of entropy: allow for it
        double ceiling = Math.min(STORE_ABOVE_BITS, Math.log(n) / Math.log(2) - 0.1);
        return bits < ceiling;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
