package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactException;
import io.jenkins.plugins.codebuildspec.engine.artifacts.FileSelector;
import io.jenkins.plugins.codebuildspec.engine.artifacts.SelectedFile;
import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Collects each report group's files (base-directory, patterns, discard-paths as for artifacts) and
 * reads them into totals. A malformed report file is a warning naming it, never a failed build.
 */
public final class ReportCollector {
    /** The groups' results and the lines to log. */
    public record Outcome(List<ReportGroupResult> groups, List<String> messages) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        public Outcome {
            groups = List.copyOf(groups);
            messages = List.copyOf(messages);
        }
    }

    public Outcome collect(ReportJob job) throws IOException {
        List<ReportGroupResult> results = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        Path source = Path.of(job.sourceDirectory()).toRealPath();
        Set<Path> taken = new HashSet<>();
        for (ReportJob.Group group : job.groups()) {
            ReportFormat format = ReportFormat.fromValue(group.format()).orElse(ReportFormat.JUNITXML);
            List<SelectedFile> files;
            List<String> selection = new ArrayList<>();
            try {
                files = new FileSelector(source, selection::add)
                        .select(new FileSelector.Request(
                                group.baseDirectory().isEmpty() ? Optional.empty() : Optional.of(group.baseDirectory()),
                                group.files(),
                                List.of(),
                                group.discardPaths(),
                                false,
                                List.of()));
            } catch (ArtifactException e) {
                messages.add("Report group " + group.name() + ": " + e.getMessage());
                continue;
            }
            if (files.isEmpty()) {
                messages.add("Report group " + group.name() + ": no report files match " + group.files());
                continue;
            }
            files.forEach(f -> taken.add(f.source().toAbsolutePath().normalize()));
            results.add(read(
                    group.name(),
                    format,
                    files.stream()
                            .map(f -> new Candidate(
                                    f.source(),
                                    f.source().startsWith(source)
                                            ? source.relativize(f.source()).toString()
                                            : f.entryName()))
                            .toList(),
                    messages));
        }
        if (job.autoDiscover() != null) {
            // files a reports: group already read are not counted twice
            var found = new ReportDiscovery(source, job.autoDiscover(), messages).discover(taken);
            found.forEach((format, paths) -> results.add(read(
                    ReportDiscovery.groupName(job.autoDiscover().project(), format),
                    format,
                    paths.stream()
                            .map(p -> new Candidate(p, source.relativize(p).toString()))
                            .toList(),
                    messages)));
        }
        return new Outcome(results, messages);
    }

    /** A report file and how messages name it. */
    private record Candidate(Path file, String shown) {}

    private static ReportGroupResult read(
            String name, ReportFormat format, List<Candidate> files, List<String> messages) {
        TestTotals tests = TestTotals.EMPTY;
        CoverageTotals coverage = CoverageTotals.EMPTY;
        List<String> read = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Candidate f : files) {
            String shown = f.shown();
            try {
                ParsedReport report = ReportParsers.parse(format, f.file(), shown);
                if (report instanceof TestReport t) {
                    tests = tests.plus(t.totals());
                } else if (report instanceof CoverageReport c) {
                    coverage = coverage.plus(c.totals());
                }
                read.add(shown);
            } catch (MalformedReportException e) {
                String warning = "Report group " + name + ": skipping " + e.getMessage();
                warnings.add(warning);
                messages.add(warning);
            }
        }
        ReportGroupResult result = new ReportGroupResult(
                name,
                format.name(),
                format.kind().name(),
                read,
                tests.tests(),
                tests.failures(),
                tests.errors(),
                tests.skipped(),
                tests.duration().toMillis(),
                tests.failingTests(),
                coverage.linesCovered(),
                coverage.linesTotal(),
                coverage.branchesCovered(),
                coverage.branchesTotal(),
                warnings);
        messages.add("Report group " + result.summary() + " (" + read.size() + " file(s), " + format.name() + ")");
        for (String failing : result.failingTests()) {
            messages.add("  failed: " + failing);
        }
        return result;
    }
}
