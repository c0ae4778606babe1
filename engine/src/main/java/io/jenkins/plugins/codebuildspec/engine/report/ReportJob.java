package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.model.Env;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The report groups of a build, as plain serializable values for the machine where the files are;
 * {@code autoDiscover} is null when report auto-discover is off.
 */
public record ReportJob(String sourceDirectory, List<Group> groups, AutoDiscover autoDiscover) implements Serializable {
    private static final long serialVersionUID = 2L;

    public ReportJob {
        Objects.requireNonNull(sourceDirectory, "sourceDirectory");
        groups = List.copyOf(groups);
    }

    /** The buildspec's groups only, without auto-discover. */
    public ReportJob(String sourceDirectory, List<Group> groups) {
        this(sourceDirectory, groups, null);
    }

    /** One {@code reports} entry; an empty base directory means the source directory. */
    public record Group(String name, String format, String baseDirectory, List<String> files, boolean discardPaths)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Group {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(baseDirectory, "baseDirectory");
            files = List.copyOf(files);
        }
    }

    /**
     * Report auto-discover: groups named {@code <project>-<FORMAT>-AutoDiscovered}, searched for in
     * {@code directory} (a directory or a pattern relative to the source directory; empty for all of it),
     * at most {@code maxDepth} directories deep and {@code maxFiles} files looked at.
     */
    public record AutoDiscover(String project, String directory, int maxDepth, int maxFiles) implements Serializable {
        private static final long serialVersionUID = 1L;

        public static final int MAX_DEPTH = 12;
        public static final int MAX_FILES = 20_000;

        public AutoDiscover {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(directory, "directory");
            if (maxDepth < 1 || maxFiles < 1) {
                throw new IllegalArgumentException("maxDepth and maxFiles must be positive");
            }
        }

        /**
         * What the build's final environment asks for, as CodeBuild reads it after BUILD: null when
         * {@code CODEBUILD_CONFIG_AUTO_DISCOVER} is {@code false}; else {@code CODEBUILD_CONFIG_AUTO_DISCOVER_DIR}
         * or the whole source directory.
         */
        public static AutoDiscover from(String project, Map<String, String> environment) {
            String on = environment.getOrDefault(Env.AUTO_DISCOVER, "");
            if (on.strip().toLowerCase(Locale.ROOT).equals("false")) {
                return null;
            }
            return new AutoDiscover(project, environment.getOrDefault(Env.AUTO_DISCOVER_DIR, ""), MAX_DEPTH, MAX_FILES);
        }
    }
}
