package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads what {@code export -p} prints in dash, busyboxsh and bash ({@code export A='x'"'"'y'},
 * {@code declare -x A="x\"y"}, {@code declare -x A=$'l1\nl2'}) back into names and values. The shell's
 * own builtin is used to save state between commands because it costs no extra process.
 */
final class ExportParser {
    private final String text;
    private int pos;

    private ExportParser(String text) {
        this.text = text;
    }

    /** Exported variables that have a value, in the order printed. */
    static Map<String, String> parse(String text) {
        return new ExportParser(text).all();
    }

    private Map<String, String> all() {
        Map<String, String> vars = new LinkedHashMap<>();
        while (true) {
            skipBlanks(true);
            if (pos >= text.length()) {
                return vars;
            }
            String word = bareWord();
            if (word.equals("declare") || word.equals("typeset")) {
                skipBlanks(false);
                if (peek() == '-') {
                    bareWord(); // flags such as -x or -rx
                }
            } else if (!word.equals("export")) {
                skipLine();
                continue;
            }
            skipBlanks(false);
            String name = name();
            if (peek() == '=') {
                pos++;
                vars.put(name, value());
            }
            skipLine();
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipBlanks(boolean newlines) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || (newlines && (c == '\n' || c == '\r'))) {
                pos++;
            } else {
                return;
            }
        }
    }

    private void skipLine() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private String bareWord() {
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String name() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '=' || Character.isWhitespace(c)) {
                break;
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    /** A shell word: quoted and unquoted parts, up to unquoted white space. */
    private String value() {
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\'') {
                int end = text.indexOf('\'', pos + 1);
                end = end < 0 ? text.length() : end;
                out.append(text, pos + 1, end);
                pos = end + 1;
            } else if (c == '"') {
                pos++;
                doubleQuoted(out);
            } else if (c == '$' && pos + 1 < text.length() && text.charAt(pos + 1) == '\'') {
                pos += 2;
                ansiC(out);
            } else if (c == '\\' && pos + 1 < text.length()) {
                out.append(text.charAt(pos + 1));
                pos += 2;
            } else if (Character.isWhitespace(c)) {
                break;
            } else {
                out.append(c);
                pos++;
            }
        }
        return out.toString();
    }

    private void doubleQuoted(StringBuilder out) {
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return;
            }
            if (c == '\\' && pos < text.length() && "$`\"\\\n".indexOf(text.charAt(pos)) >= 0) {
                out.append(text.charAt(pos++));
            } else {
                out.append(c);
            }
        }
    }

    /** {@code $'...'}: bash writes non-ASCII bytes as octal escapes, so escapes are collected as bytes. */
    private void ansiC(StringBuilder out) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\'') {
                break;
            }
            if (c != '\\' || pos >= text.length()) {
                bytes.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> bytes.write('\n');
                case 't' -> bytes.write('\t');
                case 'r' -> bytes.write('\r');
                case 'a' -> bytes.write(7);
                case 'b' -> bytes.write('\b');
                case 'e', 'E' -> bytes.write(27);
                case 'f' -> bytes.write('\f');
                case 'v' -> bytes.write(11);
                case 'x' -> bytes.write(number(16, 2));
                case 'u' -> bytes.writeBytes(
                        Character.toString(number(16, 4)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                case 'U' -> bytes.writeBytes(
                        Character.toString(number(16, 8)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                case 'c' -> bytes.write(text.charAt(pos++) & 0x1f);
                default -> {
                    if (e >= '0' && e <= '7') {
                        pos--;
                        bytes.write(number(8, 3));
                    } else {
                        bytes.writeBytes(String.valueOf(e).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        out.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private int number(int radix, int maxDigits) {
        int value = 0;
        int digits = 0;
        while (digits < maxDigits && pos < text.length() && Character.digit(text.charAt(pos), radix) >= 0) {
            value = value * radix + Character.digit(text.charAt(pos++), radix);
            digits++;
        }
        return value;
    }
}
