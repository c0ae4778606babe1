package io.jenkins.plugins.codebuildspec.engine.artifacts;

/**
 * An artifact that cannot be made as the buildspec asks, with CodeBuild's phase context code
 * ({@code CLIENT_ERROR} for the buildspec's own problems).
 */
public class ArtifactException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    public ArtifactException(String code, String message) {
        super(message);
        this.code = code;
    }

    public ArtifactException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
