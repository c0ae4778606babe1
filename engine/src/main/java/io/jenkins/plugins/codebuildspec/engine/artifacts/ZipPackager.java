package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
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

/**
 * Writes a zip of selected files: entries in name order whatever the thread count, deflate spread over
 * every core (libdeflate where the machine has it, see {@link LibDeflate}), Unix modes kept (CodeDeploy hook scripts stay executable), zip64 when needed, files that
 * would not compress (random or already compressed data) stored, and the archive written under a
 * temporary name renamed only once complete.
 *
 * <p>Worker threads compress the next small files into memory while the writer appends finished ones
 * in order; what is in flight is bounded ({@value #WINDOW_BYTES} bytes of input), and a large file is
 * streamed by the writer itself, so memory does not grow with the artifact. {@link ZipWriter} writes
 * the format.
 */
public final class ZipPackager {
    /** A finished zip; {@code compressor} says what deflated it, for the log. */
    public record Packaged(Path zip, String sha256, long size, int entries, String compressor) {}

    static final long WINDOW_BYTES = 48L << 20;
    static final long LARGE_FILE = 8L << 20;
    /** A streamed file this large gets zip64 sizes: deflate could make it larger than 4 GiB. */
    private static final long STREAM_ZIP64 = 0xFFFFFFFFL - (64L << 20);

    private static final int SAMPLE = 4096;

    /** Above this many bits of entropy per byte, deflate would gain under ~1%: store instead. */
    private static final double STORE_ABOVE_BITS = 7.9;

    private final int threads;
    private final int level;
    /** Whether to use libdeflate; null: where it can be. */
    private final Boolean libdeflate;

    private final ThreadLocal<Deflater> deflaters;
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    public ZipPackager() {
        this(Runtime.getRuntime().availableProcessors(), Deflater.DEFAULT_COMPRESSION);
    }

    /** {@code level} as zlib's: -1 for the default (6), 0 to 9; libdeflate where installed, else zlib. */
    public ZipPackager(int threads, int level) {
        this(threads, level, null);
        LibDeflate.loadInBackground();
    }

    ZipPackager(int threads, int level, Boolean libdeflate) {
        this.threads = Math.max(1, threads);
        this.level = level;
        this.libdeflate = libdeflate;
        this.deflaters = ThreadLocal.withInitial(() -> new Deflater(level, true));
    }

    private boolean useLibDeflate() {
        return libdeflate != null ? libdeflate : LibDeflate.enabled();
    }

    /** What compresses the files this packager holds in memory, and if not libdeflate, why not. */
    public String compressor() {
        return useLibDeflate()
                ? "libdeflate"
                : "zlib" + LibDeflate.unavailable().map(why -> " (" + why + ")").orElse("");
    }

    /** An entry compressed ahead of the writer: CRC and size are those of the bytes read, never of a stat. */
    private record Ready(SelectedFile file, int method, long crc, long size, byte[] data) {}

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
        LibDeflate.Compressors compressors = useLibDeflate() ? new LibDeflate.Compressors(level) : null;
        try {
            MessageDigest sha = sha256();
            try (OutputStream file = Files.newOutputStream(temp);
                    DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha)) {
                ZipWriter zip = new ZipWriter(digest);
                writeAll(files, zip, pool, compressors);
                zip.finish();
            }
            long size = Files.size(temp);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return new Packaged(target, HexFormat.of().formatHex(sha.digest()), size, files.size(), compressor());
        } finally {
            pool.shutdownNow();
            if (compressors != null) {
                compressors.close();
            }
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private void writeAll(
            List<SelectedFile> files, ZipWriter zip, ExecutorService pool, LibDeflate.Compressors compressors)
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
                window.add(
                        isLarge(f)
                                ? CompletableFuture.completedFuture(null)
                                : pool.submit(() -> prepare(f, compressors)));
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

    private Ready prepare(SelectedFile f, LibDeflate.Compressors compressors) throws IOException {
        byte[] raw;
        if (f.isSymlink()) {
            raw = f.linkTarget().orElseThrow().getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                raw = Files.readAllBytes(f.source());
            } catch (java.nio.file.NoSuchFileException e) {
                throw FileChanges.changed(f, "it was removed");
            }
            FileChanges.check(f, raw.length);
        }
        CRC32 crc = new CRC32();
        crc.update(raw);
        if (f.isSymlink() || !compressible(raw, raw.length)) {
            return new Ready(f, ZipEntry.STORED, crc.getValue(), raw.length, raw);
        }
        // deflate into one reused buffer per thread, at most one byte less than the file: an entry that
        // deflate would not make smaller is stored
        byte[] buffer = buffers.get();
        if (buffer.length < raw.length) {
            buffer = new byte[raw.length];
            buffers.set(buffer);
        }
        int limit = raw.length - 1;
        int length = compressors != null ? compressors.deflate(raw, buffer, limit) : zlib(raw, buffer, limit);
        return length < 0
                ? new Ready(f, ZipEntry.STORED, crc.getValue(), raw.length, raw)
                : new Ready(f, ZipEntry.DEFLATED, crc.getValue(), raw.length, Arrays.copyOf(buffer, length));
    }

    /** Deflates with the JDK's zlib into {@code out}: the compressed length, or -1 if over {@code limit}. */
    private int zlib(byte[] raw, byte[] out, int limit) {
        // one deflater per worker thread: creating a zlib stream per file costs more than compressing a
        // small file
        Deflater deflater = deflaters.get();
        deflater.reset();
        deflater.setInput(raw);
        deflater.finish();
        int length = 0;
        while (!deflater.finished() && length < limit) {
            length += deflater.deflate(out, length, limit - length);
        }
        return deflater.finished() ? length : -1;
    }

    private static void writeReady(Ready r, ZipWriter zip) throws IOException {
        SelectedFile f = r.file();
        zip.add(
                f.entryName(),
                f.unixMode(),
                f.modifiedMillis(),
                r.method(),
                r.crc(),
                r.size(),
                r.data(),
                r.data().length);
    }

    /**
     * A large file, handled by the writer as it streams: bounded memory whatever its size. Deflated, its
     * CRC and sizes are those of the very bytes compressed, in a data descriptor after the data. Stored,
     * they must precede the data on a stream that cannot seek back, so a first pass computes them and
     * the second is checked against them: a file that changed in between fails, it is never recorded
     * wrongly.
     */
    private void stream(SelectedFile f, ZipWriter zip) throws IOException {
        byte[] sample = new byte[SAMPLE];
        int n;
        try (InputStream in = Files.newInputStream(f.source())) {
            n = in.readNBytes(sample, 0, SAMPLE);
        } catch (java.nio.file.NoSuchFileException e) {
            throw FileChanges.changed(f, "it was removed");
        }
        if (compressible(sample, n)) {
            deflate(f, zip);
            return;
        }
        CRC32 first = new CRC32();
        long size = copy(f, first, OutputStream.nullOutputStream());
        FileChanges.check(f, size);
        zip.beginStored(f.entryName(), f.unixMode(), f.modifiedMillis(), first.getValue(), size);
        CRC32 second = new CRC32();
        long read = copy(f, second, new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                zip.writeData(b, off, len);
            }
        });
        if (!zip.endStored(size) || read != size || second.getValue() != first.getValue()) {
            throw FileChanges.changed(f, "its content differed between two reads");
        }
    }

    /** Streams a large file through zlib: CRC and sizes are those of the bytes read and written. */
    private void deflate(SelectedFile f, ZipWriter zip) throws IOException {
        zip.beginStreamed(f.entryName(), f.unixMode(), f.modifiedMillis(), f.size() >= STREAM_ZIP64);
        Deflater deflater = new Deflater(level, true);
        byte[] input = new byte[1 << 16];
        byte[] output = new byte[1 << 16];
        CRC32 crc = new CRC32();
        long total = 0;
        try (InputStream in = Files.newInputStream(f.source())) {
            for (int n; (n = in.read(input)) > 0; ) {
                crc.update(input, 0, n);
                total += n;
                deflater.setInput(input, 0, n);
                while (!deflater.needsInput()) {
                    zip.writeData(output, 0, deflater.deflate(output));
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                zip.writeData(output, 0, deflater.deflate(output));
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw FileChanges.changed(f, "it was removed");
        } finally {
            deflater.end();
        }
        FileChanges.check(f, total);
        zip.endStreamed(crc.getValue(), total);
    }

    /** Copies the file, counting and checksumming exactly the bytes passed on. */
    private static long copy(SelectedFile f, CRC32 crc, OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (InputStream in = Files.newInputStream(f.source())) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
                out.write(buffer, 0, n);
                total += n;
            }
        }
        return total;
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
