package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The artifacts of one build, ready to package: names already expanded by the build's shell. Plain
 * serializable values, so a Jenkins agent can receive it. Empty strings stand for "not set".
 */
public record ArtifactJob(
        String sourceDirectory,
        String buildId,
        boolean codeDeployCheck,
        List<Artifact> artifacts,
        List<String> secondarySources)
        implements Serializable {
    private static final long serialVersionUID = 2L;

    /**
     * @param secondarySources absolute directories of the build's secondary sources: an artifact whose
     *     base directory is absolute and inside one of them is selected there, as CodeBuild's
     *     {@code base-directory: $CODEBUILD_SRC_DIR_<id>} is
     */
    public ArtifactJob {
        Objects.requireNonNull(sourceDirectory, "sourceDirectory");
        Objects.requireNonNull(buildId, "buildId");
        artifacts = List.copyOf(artifacts);
        secondarySources = List.copyOf(secondarySources);
    }

    /** A build with its primary source only. */
    public ArtifactJob(String sourceDirectory, String buildId, boolean codeDeployCheck, List<Artifact> artifacts) {
        this(sourceDirectory, buildId, codeDeployCheck, artifacts, List.of());
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

        /**
         * Why the name or s3-prefix cannot make a key, if it cannot: each {@code /}-separated part must be
         * a name (not empty, {@code .} or {@code ..}), and the file part more than {@code .zip}; stores
         * refuse {@code ..} and {@code \\} anywhere.
         */
        public java.util.Optional<String> nameProblem() {
            String setting = isPrimary() ? "artifacts." : "artifacts.secondary-artifacts." + identifier + ".";
            String allowed = ": use names separated by '/', none of them empty, '.' or '..', without '..' or '\\'"
                    + " anywhere; for example releases/app-1.2.3";
            String file = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
            if (name.isBlank() || !usable(name) || file.isEmpty() || file.endsWith("/")) {
                return java.util.Optional.of(setting + "name '" + name + "' is not usable" + allowed);
            }
            String prefix = s3Prefix.replaceAll("^/+|/+$", "");
            if (!prefix.isEmpty() && !usable(prefix)) {
                return java.util.Optional.of(setting + "s3-prefix '" + s3Prefix + "' is not usable" + allowed);
            }
            return java.util.Optional.empty();
        }

        private static boolean usable(String path) {
            if (path.contains("..") || path.contains("\\") || path.startsWith("/")) {
                return false;
            }
            for (String part : path.split("/", -1)) {
                if (part.isEmpty() || part.equals(".")) {
                    return false;
                }
            }
            return true;
        }

        public String describe() {
            return isPrimary() ? "the primary artifact" : "secondary artifact " + identifier;
        }
    }
}
