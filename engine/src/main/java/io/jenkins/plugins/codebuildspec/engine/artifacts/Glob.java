package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CodeBuild path pattern: {@code *} and {@code ?} within one path component, {@code **} across any
 * number of them (none included, so {@code **}{@code /*} matches top-level files too, which Java's
 * {@code glob:} PathMatcher does not), and {@code [abc]} classes. Paths are {@code /}-separated and
 * relative; dotfiles match like any other name.
 */
final class Glob {
    private final String pattern;
    private final Pattern regex;
    private final List<String> literalPrefix;
    /**
     * Non-null when the pattern is {@code **}{@code /*} + a wildcard-free last part (the usual
     * "everything" and "every file ending in") : then matching is {@code endsWith}, the same answer as the
     * regex without running it.
     */
    private final String suffix;

    private final boolean literal;

    private Glob(String pattern) {
        this.pattern = pattern;
        this.regex = Pattern.compile(toRegex(pattern));
        this.literalPrefix = literalPrefix(pattern);
        this.literal = literalPrefix.size() == pattern.split("/").length && !hasWildcard(pattern);
        String tail = pattern.startsWith("**/*") ? pattern.substring(4) : null;
        this.suffix = tail != null && !hasWildcard(tail) && tail.indexOf('/') < 0 ? tail : null;
    }

    static Glob of(String pattern) {
        String p = pattern;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return new Glob(p.replaceAll("/+", "/"));
    }

    String pattern() {
        return pattern;
    }

    boolean matches(String relativePath) {
        if (suffix != null) {
            // (?:[^/]*/)*[^/]* matches any string, and the suffix holds no '/'
            return relativePath.endsWith(suffix);
        }
        if (literal) {
            return relativePath.equals(pattern);
        }
        return matchesByRegex(relativePath);
    }

    /** The general matcher, which the shortcuts in {@link #matches} must agree with. */
    boolean matchesByRegex(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    /** Whether the pattern has no wildcard at all (a plain file or directory name). */
    boolean isLiteral() {
        return literal;
    }

    /** The leading components without wildcards: where a walk can start. */
    List<String> literalPrefix() {
        return literalPrefix;
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    private static List<String> literalPrefix(String pattern) {
        List<String> prefix = new ArrayList<>();
        for (String part : pattern.split("/")) {
            if (hasWildcard(part) || part.isEmpty()) {
                break;
            }
            prefix.add(part);
        }
        return prefix;
    }

    private static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        String[] parts = glob.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (part.equals("**")) {
                // zero or more whole components
                re.append(last ? ".*" : "(?:[^/]*/)*");
                continue;
            }
            component(part, re);
            if (!last) {
                re.append('/');
            }
        }
        return re.toString();
    }

    private static void component(String part, StringBuilder re) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = part.indexOf(']', i + 1);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String body = part.substring(i + 1, end);
                        if (body.startsWith("!")) {
                            body = "^" + body.substring(1);
                        }
                        re.append('[').append(body.replace("\\", "\\\\")).append(']');
                        i = end;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
    }
}
