package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The forms a value takes when a shell prints it quoted, as {@code export -p}, {@code declare -p},
 * {@code set}, {@code set -x} and {@code printf %q} do in bash and dash: a secret holding a quote,
 * backslash, dollar or backquote must be masked in these forms as well as in its own.
 */
final class ShellQuoting {
    private static final String BACKSLASH_QUOTED = " \t'\"\\|&;()<>!{}*[]?^$`,";

    private ShellQuoting() {}

    /** The value itself first, then each quoted form that differs from it (without the enclosing quotes). */
    static Set<String> forms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        // bash set, set -x, ${v@Q}: 'it'\''s'
        forms.add(value.replace("'", "'\\''"));
        // dash export -p and set: 'it'"'"'s'
        forms.add(value.replace("'", "'\"'\"'"));
        // bash export -p and declare -p: "say \"hi\" to \$USER"
        forms.add(doubleQuoted(value));
        if (hasControl(value)) {
            // bash export -p, declare -p and set for values with control characters: $'a\tb'
            forms.add(ansiC(value));
        } else {
            forms.add(backslashed(value));
        }
        return forms;
    }

    private static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '"' || c == '$' || c == '`') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** printf %q: a backslash before each character the shell treats specially. */
    private static String backslashed(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (BACKSLASH_QUOTED.indexOf(c) >= 0 || (i == 0 && (c == '~' || c == '#'))) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static String ansiC(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case 11 -> out.append("\\v");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                case 27 -> out.append("\\E");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append('\\').append(String.format("%03o", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
