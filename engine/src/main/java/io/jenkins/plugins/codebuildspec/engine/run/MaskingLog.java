package io.jenkins.plugins.codebuildspec.engine.run;

/**
 * Masks the engine's own lines where they are written; command output is masked by {@link LineOutput},
 * which must cut long lines where no secret is split.
 */
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

    /** Command output reaches here through {@link LineOutput}, which has masked it already. */
    @Override
    public void output(String line) {
        delegate.output(line);
    }
}
