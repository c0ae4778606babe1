package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Replaces secret values with {@code ***}. A multi-line secret (a PEM key) is also masked line by line,
 * because output is masked a line at a time; such lines shorter than {@value #MIN_LINE} characters are
 * left alone, as they would mask ordinary text.
 */
public final class Masker {
    public static final String MASK = "***";
    static final int MIN_LINE = 4;

    private final Set<String> secrets = new CopyOnWriteArraySet<>();
    private volatile List<String> longestFirst = List.of();

    /**
     * Adds a value to mask from now on, with the quoted forms shells print it in ({@link ShellQuoting});
     * empty values are ignored.
     */
    public void add(String secret) {
        if (secret == null || secret.isEmpty()) {
            return;
        }
        boolean changed = false;
        for (String form : ShellQuoting.forms(secret)) {
            changed |= addForm(form);
        }
        if (changed) {
            List<String> sorted = new ArrayList<>(secrets);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            longestFirst = List.copyOf(sorted);
        }
    }

    private boolean addForm(String secret) {
        boolean changed = secrets.add(secret);
        if (secret.contains("\n")) {
            for (String line : secret.split("\r?\n")) {
                String trimmed = line.strip();
                if (trimmed.length() >= MIN_LINE) {
                    changed |= secrets.add(trimmed);
                }
            }
        }
        return changed;
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /** The longest secret's length: output held back to mask a secret split across writes. */
    int longest() {
        List<String> all = longestFirst;
        return all.isEmpty() ? 0 : all.get(0).length();
    }

    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : longestFirst) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    /**
     * Where {@code text} can be cut so that no secret occurrence, whole or begun at the end, is split:
     * at most {@code text.length() - (longest - 1)}, moved left to the start of any occurrence it falls in.
     */
    int safeCut(String text) {
        int hold = Math.max(0, longest() - 1);
        int cut = Math.max(0, text.length() - hold);
        boolean moved = true;
        while (moved && cut > 0) {
            moved = false;
            for (String secret : longestFirst) {
                int from = Math.max(0, cut - secret.length() + 1);
                int at = text.indexOf(secret, from);
                if (at >= 0 && at < cut && at + secret.length() > cut) {
                    cut = at;
                    moved = true;
                }
            }
        }
        return cut;
    }
}
