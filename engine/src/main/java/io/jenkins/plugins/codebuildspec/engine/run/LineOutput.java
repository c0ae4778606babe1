package io.jenkins.plugins.codebuildspec.engine.run;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a command's output bytes into masked lines. Memory stays bounded whatever the output: a line
 * longer than {@link #MAX_LINE} bytes is passed on in pieces, cut where no secret can be split.
 */
final class LineOutput extends OutputStream {
    static final int MAX_LINE = 256 * 1024;

    private final Masker masker;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private String carry = "";

    LineOutput(Masker masker, Consumer<String> lines) {
        this.masker = masker;
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emitLine();
            return;
        }
        buffer.write(b);
        if (buffer.size() >= MAX_LINE) {
            emitPiece();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (bytes[i] == '\n') {
                buffer.write(bytes, start, i - start);
                emitLine();
                start = i + 1;
            } else if (buffer.size() + (i - start) >= MAX_LINE) {
                buffer.write(bytes, start, i - start);
                start = i;
                emitPiece();
            }
        }
        buffer.write(bytes, start, end - start);
    }

    private void emitLine() {
        String line = carry + decode(buffer.toByteArray(), buffer.size());
        buffer.reset();
        carry = "";
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        lines.accept(masker.mask(line));
    }

    /** A long line: pass on what cannot hold part of a secret, keep the rest. */
    private void emitPiece() {
        byte[] bytes = buffer.toByteArray();
        int usable = bytes.length;
        // never cut inside a UTF-8 sequence: back up over continuation bytes
        while (usable > 0 && (bytes[usable - 1] & 0xC0) == 0x80) {
            usable--;
        }
        if (usable > 0 && (bytes[usable - 1] & 0x80) != 0) {
            usable--;
        }
        String text = carry + decode(bytes, usable);
        buffer.reset();
        buffer.write(bytes, usable, bytes.length - usable);
        int cut = masker.safeCut(text);
        lines.accept(masker.mask(text.substring(0, cut)));
        carry = text.substring(cut);
    }

    private static String decode(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Passes on a last line that has no line end. */
    @Override
    public synchronized void flush() {
        // lines are passed on as they end; a partial line waits for close
    }

    @Override
    public synchronized void close() {
        if (buffer.size() > 0 || !carry.isEmpty()) {
            emitLine();
        }
    }
}
