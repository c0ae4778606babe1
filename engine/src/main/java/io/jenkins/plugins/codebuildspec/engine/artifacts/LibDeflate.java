package io.jenkins.plugins.codebuildspec.engine.artifacts;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * <a href="https://github.com/ebiggers/libdeflate">libdeflate</a>, when the machine has it, called
 * through JNA: whole-buffer deflate about twice as fast as zlib at the same level, with output of about
 * the same size (Debian and Ubuntu: package {@code libdeflate0}; Homebrew: {@code libdeflate}). The zip
 * packager uses it for the files it compresses in memory and keeps the JDK's zlib for the rest, and
 * everywhere when it is missing or when {@code -Dcodebuildspec.deflate=zlib} is set.
 *
 * <p>Loaded once per JVM, and used only after compressing a known text and reading it back with the
 * JDK's inflater: a library of that name that does not do exactly that is not used.
 */
final class LibDeflate {
    /** Set to {@code zlib} to keep the JDK's zlib even where libdeflate is installed. */
    static final String PROPERTY = "codebuildspec.deflate";

    private static final List<String> NAMES = List.of(
            // the soname first: the dynamic linker finds it at once, where JNA's search by "deflate" would
            // run ldconfig
            "libdeflate.so.0", "deflate", "/opt/homebrew/lib/libdeflate.dylib", "/usr/local/lib/libdeflate.dylib");

    private LibDeflate() {}

    // libdeflate.h; size_t is mapped to long, so only where size_t has 64 bits (checked in load)
    private static native Pointer libdeflate_alloc_compressor(int level);

    private static native long libdeflate_deflate_compress(
            Pointer compressor, byte[] in, long inBytes, byte[] out, long outBytesAvailable);

    private static native void libdeflate_free_compressor(Pointer compressor);

    /** Why it cannot be used, or null when it can: loaded and checked once, by {@link #loadInBackground}. */
    private static CompletableFuture<String> loading;

    /**
     * Starts loading it on a thread of its own (JNA's start and the self-test take some 100 ms), so that
     * it is ready when the first zip needs it; nothing native is touched while it is turned off.
     */
    static void loadInBackground() {
        if (!turnedOff()) {
            loading();
        }
    }

    private static synchronized CompletableFuture<String> loading() {
        if (loading == null) {
            CompletableFuture<String> result = new CompletableFuture<>();
            Thread loader = new Thread(
                    () -> {
                        try {
                            result.complete(load());
                        } catch (Throwable e) {
                            result.complete("libdeflate could not be loaded: " + e);
                        }
                    },
                    "libdeflate loader");
            loader.setDaemon(true);
            loader.start();
            loading = result;
        }
        return loading;
    }

    private static boolean turnedOff() {
        return "zlib".equalsIgnoreCase(System.getProperty(PROPERTY, "").trim());
    }

    /** Whether the packager should use it: installed, working, and not turned off. */
    static boolean enabled() {
        return unavailable().isEmpty();
    }

    /** Why it is not used, if it is not. */
    static Optional<String> unavailable() {
        if (turnedOff()) {
            return Optional.of("turned off by -D" + PROPERTY + "=zlib");
        }
        return Optional.ofNullable(loading().join());
    }

    private static String load() {
        try {
            if (Native.SIZE_T_SIZE != 8) {
                return "libdeflate is used on 64-bit JVMs only";
            }
            for (String name : NAMES) {
                try {
                    Native.register(LibDeflate.class, NativeLibrary.getInstance(name));
                    return selfTest();
                } catch (UnsatisfiedLinkError e) {
                    // not under this name: try the next
                }
            }
        } catch (LinkageError | RuntimeException e) {
            // JNA itself cannot run here (no native part for this platform, or no writable directory)
            return "JNA cannot run here: " + e;
        }
        return "libdeflate is not installed (Debian and Ubuntu: libdeflate0; Homebrew: libdeflate)";
    }

    /** Null when a known text compresses and inflates back to itself; else what went wrong. */
    private static String selfTest() {
        byte[] text = "libdeflate self-test: the quick brown fox jumps over the lazy dog, the quick brown fox."
                .repeat(40)
                .getBytes(StandardCharsets.UTF_8);
        Pointer compressor = libdeflate_alloc_compressor(6);
        if (compressor == null) {
            return "libdeflate could not allocate a compressor";
        }
        try {
            byte[] out = new byte[text.length];
            long n = libdeflate_deflate_compress(compressor, text, text.length, out, out.length);
            if (n <= 0 || n >= text.length) {
                return "libdeflate did not compress its self-test text";
            }
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(out, 0, (int) n);
                byte[] back = new byte[text.length + 1];
                int length = inflater.inflate(back);
                return inflater.finished() && Arrays.equals(text, 0, text.length, back, 0, length)
                        ? null
                        : "libdeflate's self-test output did not inflate back to its input";
            } finally {
                inflater.end();
            }
        } catch (DataFormatException e) {
            return "libdeflate's self-test output is not deflate data: " + e.getMessage();
        } finally {
            libdeflate_free_compressor(compressor);
        }
    }

    /**
     * Compressors of one level, shared by the threads of one zip: each call takes an idle one (or
     * allocates one) and gives it back. Closing frees the idle ones; one still in a call is freed when
     * that call returns, so none is freed while in use and none outlives the zip.
     */
    static final class Compressors implements AutoCloseable {
        private final int level;
        private final Deque<Pointer> idle = new ArrayDeque<>();
        private boolean closed;

        /** {@code level} as zlib's: -1 for the default (6), 0 to 9. */
        Compressors(int level) {
            if (!enabled()) {
                throw new IllegalStateException(
                        "libdeflate is not used: " + unavailable().orElseThrow());
            }
            this.level = level < 0 ? 6 : level;
        }

        /**
         * Deflates all of {@code in} into {@code out} (raw deflate, no zlib or gzip wrapper) and returns
         * the compressed length, or -1 when it would take more than {@code limit} bytes.
         */
        int deflate(byte[] in, byte[] out, int limit) throws IOException {
            if (limit > out.length) {
                throw new IllegalArgumentException("limit " + limit + " beyond a buffer of " + out.length);
            }
            if (limit <= 0) {
                return -1;
            }
            Pointer compressor = take();
            try {
                long n = libdeflate_deflate_compress(compressor, in, in.length, out, limit);
                return n == 0 ? -1 : (int) n;
            } finally {
                give(compressor);
            }
        }

        private Pointer take() throws IOException {
            synchronized (this) {
                if (closed) {
                    throw new IOException("the zip is already closed");
                }
                Pointer p = idle.poll();
                if (p != null) {
                    return p;
                }
            }
            Pointer p = libdeflate_alloc_compressor(level);
            if (p == null) {
                throw new IOException("libdeflate could not allocate a compressor of level " + level);
            }
            return p;
        }

        private void give(Pointer compressor) {
            synchronized (this) {
                if (!closed) {
                    idle.push(compressor);
                    return;
                }
            }
            libdeflate_free_compressor(compressor);
        }

        @Override
        public void close() {
            synchronized (this) {
                closed = true;
                for (Pointer p; (p = idle.poll()) != null; ) {
                    libdeflate_free_compressor(p);
                }
            }
        }
    }
}
