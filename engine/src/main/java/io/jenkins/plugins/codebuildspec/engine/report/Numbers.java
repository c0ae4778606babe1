package io.jenkins.plugins.codebuildspec.engine.report;

import java.time.Duration;
import java.util.OptionalLong;

/** Lenient reading of the numbers in report attributes: a bad number counts as absent, never as an exception. */
final class Numbers {
    /** Larger test times (over 30 years) are garbage; ignoring them keeps sums far from overflow. */
    private static final double MAX_SECONDS = 1e9;

    private Numbers() {}

    /**
     * A decimal such as {@code 1.5}, {@code 1,5} (tools formatting with a German or French locale, as old
     * Surefire and NUnit 2 did) or {@code 1,234.5} / {@code 1.234,5} (with grouping); NaN when it is none of these.
     */
    static double decimal(String text) {
        if (text == null) {
            return Double.NaN;
        }
        String s = text.strip().replace("\u00a0", "").replace("\u202f", "").replace("_", "");
        if (s.isEmpty() || s.length() > 64) {
            return Double.NaN;
        }
        int comma = s.lastIndexOf(',');
        int dot = s.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            // Both present: the later one separates the decimals, the other groups thousands.
            s = comma > dot ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
        } else if (comma >= 0) {
            // One comma is a decimal comma; several can only be grouping.
            s = s.indexOf(',') == comma ? s.replace(',', '.') : s.replace(",", "");
        } else if (dot >= 0 && s.indexOf('.') != dot) {
            s = s.replace(".", "");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // Double.parseDouble also takes "NaN", "Infinity", hex and a trailing "d"; reports never mean those.
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Seconds as a duration; zero for a missing, negative, absurd or non-numeric value. */
    static Duration seconds(String text) {
        return scaled(decimal(text), 1e9);
    }

    /** Milliseconds as a duration, as TestNG's {@code duration-ms}. */
    static Duration millis(String text) {
        return scaled(decimal(text), 1e6);
    }

    /** Nanoseconds as a duration, as Cucumber's {@code duration}. */
    static Duration nanos(String text) {
        return scaled(decimal(text), 1);
    }

    private static Duration scaled(double value, double nanosPerUnit) {
        double nanos = value * nanosPerUnit;
        if (!(nanos > 0) || nanos > MAX_SECONDS * 1e9) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** A whole non-negative count such as {@code lines-covered="120"} (or {@code "120.0"}); empty otherwise. */
    static OptionalLong count(String text) {
        double value = decimal(text);
        if (!(value >= 0) || value > 1e15 || value != Math.rint(value)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) value);
    }

    /** A hit count: how often a line or branch ran; 0 for anything that is not a non-negative number. */
    static long hits(String text) {
        double value = decimal(text);
        return value >= 1 && value < 1e18 ? (long) value : 0;
    }
}
