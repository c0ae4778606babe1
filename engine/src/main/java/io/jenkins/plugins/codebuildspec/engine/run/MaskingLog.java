package io.jenkins.plugins.codebuildspec.engine.run;

/** Masks every line once, where it is written, whoever wrote it. */
final class MaskingLog implements BuildLog {
    private final BuildLog delegate;
    private final Masker masker;

    MaskingLog(BuildLog delegate, Masker masker) {
        this.delegate = delegate;
        this.masker = masker;
    }

    @Override
    public void engine(String line) {
        delegate.engine(masker.mask(line));
    }

    @Override
    public void output(String line) {
        // LineOutput masks command output already, with the split-safe logic; masking again is harmless
        delegate.output(masker.mask(line));
    }
}
