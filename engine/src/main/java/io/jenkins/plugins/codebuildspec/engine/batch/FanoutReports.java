package io.jenkins.plugins.codebuildspec.engine.batch;

import io.jenkins.plugins.codebuildspec.engine.model.Batch;
import io.jenkins.plugins.codebuildspec.engine.model.BatchConfig;
import io.jenkins.plugins.codebuildspec.engine.report.ReportGroupResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code build-fanout}'s test reports merged into one, as CodeBuild shows a fanout's shards as one
 * report: each test group (by name and format) summed over the shards that ran, its files and failing
 * tests named with their shard. **[our rule]** Coverage groups are not merged: the shards' line counts
 * cover the same code, so their sum would be wrong; they stay in each shard's result.
 */
public final class FanoutReports {
    private FanoutReports() {}

    /** The merged test groups of a fanout batch; empty for any other kind of batch. */
    public static List<ReportGroupResult> merge(Batch batch, BatchRunner.BatchResult result) {
        return batch.config() instanceof BatchConfig.BuildFanout ? merge(result) : List.of();
    }

    /** The test groups of every build that ran, merged by group name and format. */
    public static List<ReportGroupResult> merge(BatchRunner.BatchResult result) {
        Map<String, List<Shard>> byGroup = new LinkedHashMap<>();
        for (BatchRunner.ChildResult child : result.builds()) {
            if (child.result().isEmpty()) {
                continue;
            }
            BuildResult build = child.result().get();
            for (ReportGroupResult group : build.reports()) {
                if (!group.isCoverage()) {
                    byGroup.computeIfAbsent(group.name() + "\u0000" + group.format(), k -> new ArrayList<>())
                            .add(new Shard(child.build().identifier(), group));
                }
            }
        }
        List<ReportGroupResult> merged = new ArrayList<>();
        byGroup.values().forEach(shards -> merged.add(sum(shards)));
        return merged;
    }

    private record Shard(String identifier, ReportGroupResult group) {}

    private static ReportGroupResult sum(List<Shard> shards) {
        ReportGroupResult first = shards.get(0).group();
        List<String> files = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        long duration = 0;
        for (Shard s : shards) {
            ReportGroupResult g = s.group();
            g.files().forEach(f -> files.add(s.identifier() + "/" + f));
            g.failingTests().forEach(t -> failing.add(t + " (" + s.identifier() + ")"));
            g.warnings().forEach(w -> warnings.add(s.identifier() + ": " + w));
            tests += g.tests();
            failures += g.failures();
            errors += g.errors();
            skipped += g.skipped();
            duration += g.durationMillis();
        }
        return new ReportGroupResult(
                first.name(),
                first.format(),
                first.kind(),
                files,
                tests,
                failures,
                errors,
                skipped,
                duration,
                failing,
                0,
                0,
                0,
                0,
                warnings);
    }
}
