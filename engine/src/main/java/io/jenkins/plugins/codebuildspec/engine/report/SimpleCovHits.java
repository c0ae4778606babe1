package io.jenkins.plugins.codebuildspec.engine.report;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** Line and branch hits per source file, merged over SimpleCov result sets (a line run by any counts). */
final class SimpleCovHits {
    /** Marks a line that cannot run (a comment, a blank line, a line in a nocov block). */
    private static final long NOT_RELEVANT = -1;

    private final Map<String, long[]> lines = new HashMap<>();
    private final Map<String, Map<String, Long>> branches = new HashMap<>();

    /** Merges one file's line array: null or "ignored" is not relevant, 0 is missed, more is covered. */
    void lines(String file, List<JsonNode> counts) {
        long[] merged = lines.get(file);
        if (merged == null || merged.length < counts.size()) {
            long[] grown = new long[counts.size()];
            Arrays.fill(grown, NOT_RELEVANT);
            if (merged != null) {
                System.arraycopy(merged, 0, grown, 0, merged.length);
            }
            merged = grown;
            lines.put(file, merged);
        }
        for (int i = 0; i < counts.size(); i++) {
            long hits = hits(counts.get(i));
            merged[i] = Math.max(merged[i], hits);
        }
    }

    /** Merges one branch's count; a branch the JSON formatter marked "ignored" (nocov) is not counted. */
    void branch(String file, String key, JsonNode count) {
        long hits = hits(count);
        if (hits == NOT_RELEVANT) {
            return;
        }
        branches.computeIfAbsent(file, f -> new HashMap<>()).merge(key, hits, Math::max);
    }

    private static long hits(JsonNode count) {
        if (count == null || count.isNull() || !count.isNumber()) {
            return NOT_RELEVANT;
        }
        double value = Numbers.decimal(count.asNumber());
        if (!(value >= 0)) {
            return NOT_RELEVANT;
        }
        return value >= 1 ? 1 : 0; // only covered-or-not matters, and this cannot overflow
    }

    CoverageTotals totals(ReportFile file) throws MalformedReportException {
        long linesCovered = 0;
        long linesTotal = 0;
        for (long[] hits : lines.values()) {
            for (long h : hits) {
                if (h != NOT_RELEVANT) {
                    linesTotal++;
                    if (h > 0) {
                        linesCovered++;
                    }
                }
            }
        }
        long branchesCovered = 0;
        long branchesTotal = 0;
        for (Map<String, Long> perFile : branches.values()) {
            for (long h : perFile.values()) {
                branchesTotal++;
                if (h > 0) {
                    branchesCovered++;
                }
            }
        }
        return file.coverage(linesCovered, linesTotal, branchesCovered, branchesTotal);
    }
}
