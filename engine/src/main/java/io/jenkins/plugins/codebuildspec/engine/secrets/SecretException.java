package io.jenkins.plugins.codebuildspec.engine.secrets;

/** A secret that could not be resolved; the message says which and why, and holds no secret value. */
public class SecretException extends Exception {
    private static final long serialVersionUID = 1L;

    public SecretException(String message) {
        super(message);
    }

    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
