package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The artifacts of one build, ready to package: names already expanded by the build's shell. Plain
 * serializable values, so a Jenkins agent can receive it. Empty strings stand for "not set".
 */
public record ArtifactJob(String sourceDirectory, String buildId, boolean codeDeployCheck, List<Artifact> artifacts)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ArtifactJob {
        Objects.requireNonNull(sourceDirectory, "sourceDirectory");
        Objects.requireNonNull(buildId, "buildId");
        artifacts = List.copyOf(artifacts);
    }

    /** One artifact: the primary one has an empty identifier. */
    public record Artifact(
            String identifier,
            String name,
            String s3Prefix,
            String baseDirectory,
            List<String> files,
            List<String> excludePaths,
            boolean discardPaths,
            boolean enableSymlinks)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Artifact {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(s3Prefix, "s3Prefix");
            Objects.requireNonNull(baseDirectory, "baseDirectory");
            files = List.copyOf(files);
            excludePaths = List.copyOf(excludePaths);
        }

        public boolean isPrimary() {
            return identifier.isEmpty();
        }

        /** {@code [s3-prefix/]name.zip}: the key relative to the store. */
        public String key() {
            String file = name.endsWith(".zip") ? name : name + ".zip";
            String prefix = s3Prefix.replaceAll("^/+|/+$", "");
            return prefix.isEmpty() ? file : prefix + "/" + file;
        }

        public String describe() {
            return isPrimary() ? "the primary artifact" : "secondary artifact " + identifier;
        }
    }
}
