package io.jenkins.plugins.codebuildspec.engine.report;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** The report groups of a build, as plain serializable values for the machine where the files are. */
public record ReportJob(String sourceDirectory, List<Group> groups) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ReportJob {
        Objects.requireNonNull(sourceDirectory, "sourceDirectory");
        groups = List.copyOf(groups);
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
}
