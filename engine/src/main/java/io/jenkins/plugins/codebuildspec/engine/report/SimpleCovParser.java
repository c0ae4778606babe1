package io.jenkins.plugins.codebuildspec.engine.report;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** SimpleCov JSON: {@code .resultset.json}, or the {@code coverage.json} of its JSON formatters. */
final class SimpleCovParser {
    /*
     * Three shapes: .resultset.json (one result set per test command, merged), SimpleCov's own JSON formatter
     * ({"meta": ..., "coverage": ...}, what CodeBuild documents), and the older simplecov-json gem
     * ({"metrics": ..., "files": [...]}).
     */

    private SimpleCovParser() {}

    static CoverageTotals parse(ReportFile file) throws MalformedReportException {
        JsonNode document = JsonReports.read(file);
        if (!document.isObject()) {
            throw file.notA("the top level is " + JsonReports.kind(document) + ", not an object");
        }
        Map<String, JsonNode> top = document.asObject();
        if (top.containsKey("metrics") || top.containsKey("files")) {
            return simplecovJson(file, document);
        }
        SimpleCovHits hits = new SimpleCovHits();
        JsonNode coverage = JsonReports.field(document, "coverage");
        if (coverage != null && coverage.isObject() && JsonReports.field(coverage, "coverage") == null) {
            // SimpleCov's JSON formatter: already merged, files straight under "coverage".
            addFiles(file, hits, coverage, "\"coverage\"");
            return hits.totals(file);
        }
        // .resultset.json: {"RSpec": {"coverage": {...}, "timestamp": ...}, "Minitest": {...}}. Several
        // commands ran the same files: a line is covered when any of them ran it.
        for (Map.Entry<String, JsonNode> set : top.entrySet()) {
            String where = "result set \"" + set.getKey() + "\"";
            if (!set.getValue().isObject()) {
                throw file.notA(where + " is " + JsonReports.kind(set.getValue()) + ", not an object");
            }
            JsonNode files = JsonReports.field(set.getValue(), "coverage");
            if (files == null || !files.isObject()) {
                throw file.notA(where + " has no \"coverage\" object");
            }
            addFiles(file, hits, files, where);
        }
        return hits.totals(file);
    }

    /** Adds {"/path/file.rb": {"lines": [...], "branches": ...}} or, before SimpleCov 0.18, {"/path": [...]}. */
    private static void addFiles(ReportFile file, SimpleCovHits hits, JsonNode files, String where)
            throws MalformedReportException {
        for (Map.Entry<String, JsonNode> entry : files.asObject().entrySet()) {
            addFile(file, hits, entry.getKey(), entry.getValue(), where);
        }
    }

    private static void addFile(ReportFile file, SimpleCovHits hits, String name, JsonNode value, String where)
            throws MalformedReportException {
        String fileWhere = where + " file " + name;
        if (value.isArray()) {
            hits.lines(name, value.asArray());
            return;
        }
        if (!value.isObject()) {
            throw file.notA(fileWhere + " holds " + JsonReports.kind(value) + ", not line counts");
        }
        hits.lines(name, JsonReports.array(file, value, "lines", fileWhere));
        JsonNode branches = JsonReports.field(value, "branches");
        if (branches != null && branches.isArray()) {
            // The JSON formatter's list: [{"type": "then", "start_line": 14, "coverage": 0}, ...].
            List<JsonNode> list = branches.asArray();
            for (int i = 0; i < list.size(); i++) {
                hits.branch(name, "#" + i, JsonReports.field(list.get(i), "coverage"));
            }
        } else if (branches != null && branches.isObject()) {
            // Ruby's Coverage: {"[:if, 0, 3, 4, 3, 20]": {"[:then, 1, 3, 4, 3, 10]": 1, ...}, ...}.
            for (Map.Entry<String, JsonNode> condition : branches.asObject().entrySet()) {
                if (condition.getValue().isObject()) {
                    for (Map.Entry<String, JsonNode> branch :
                            condition.getValue().asObject().entrySet()) {
                        hits.branch(name, condition.getKey() + " " + branch.getKey(), branch.getValue());
                    }
                }
            }
        } else if (branches != null) {
            throw file.notA(fileWhere + " has \"branches\" holding " + JsonReports.kind(branches));
        }
    }

    /** The simplecov-json gem: its own totals in "metrics", else counted from "files". */
    private static CoverageTotals simplecovJson(ReportFile file, JsonNode document) throws MalformedReportException {
        JsonNode metrics = JsonReports.field(document, "metrics");
        OptionalLong covered = Numbers.count(JsonReports.number(metrics, "covered_lines"));
        OptionalLong total = Numbers.count(JsonReports.number(metrics, "total_lines"));
        OptionalLong branchesCovered = Numbers.count(JsonReports.number(metrics, "covered_branches"));
        OptionalLong branchesTotal = Numbers.count(JsonReports.number(metrics, "total_branches"));
        if (covered.isPresent() && total.isPresent()) {
            boolean branches = branchesCovered.isPresent() && branchesTotal.isPresent();
            return file.coverage(
                    covered.getAsLong(),
                    total.getAsLong(),
                    branches ? branchesCovered.getAsLong() : 0,
                    branches ? branchesTotal.getAsLong() : 0);
        }
        List<JsonNode> files = JsonReports.array(file, document, "files", "the report");
        if (files.isEmpty() && metrics != null) {
            throw file.notA("\"metrics\" lacks covered_lines and total_lines, and there are no \"files\"");
        }
        SimpleCovHits hits = new SimpleCovHits();
        for (int i = 0; i < files.size(); i++) {
            JsonNode entry = files.get(i);
            String name = JsonReports.string(entry, "filename", "#" + i);
            JsonNode coverage = JsonReports.field(entry, "coverage");
            if (coverage != null) {
                addFile(file, hits, name, coverage, "\"files\"");
            }
        }
        return hits.totals(file);
    }
}
