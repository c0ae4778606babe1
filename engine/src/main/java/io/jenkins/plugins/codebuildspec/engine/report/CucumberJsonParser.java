package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.report.TestTally.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** Cucumber JSON (cucumber-jvm, cucumber-js, behave, godog): an array of features whose scenarios are tests. */
final class CucumberJsonParser {
    /*
     * A scenario failed when a step or hook failed or was ambiguous, was skipped when anything else did not
     * pass (skipped, pending, undefined), and passed otherwise.
     */

    private CucumberJsonParser() {}

    static TestTotals parse(ReportFile file) throws MalformedReportException {
        JsonNode document = JsonReports.read(file);
        if (!document.isArray()) {
            throw file.notA("the top level is " + JsonReports.kind(document) + ", not an array of features");
        }
        TestTally tally = new TestTally();
        List<JsonNode> features = document.asArray();
        for (int f = 0; f < features.size(); f++) {
            JsonNode feature = features.get(f);
            String where = "feature " + (f + 1);
            if (!feature.isObject()) {
                throw file.notA(where + " is " + JsonReports.kind(feature) + ", not an object");
            }
            String featureName = featureName(feature, where);
            // cucumber-jvm writes a background as an element of its own before each scenario; its steps
            // belong to that scenario, which only skips its own steps when the background failed.
            Outcome background = Outcome.PASSED;
            List<JsonNode> elements = JsonReports.array(file, feature, "elements", where);
            for (int e = 0; e < elements.size(); e++) {
                JsonNode element = elements.get(e);
                String elementWhere = where + " element " + (e + 1);
                if (!element.isObject()) {
                    throw file.notA(elementWhere + " is " + JsonReports.kind(element) + ", not an object");
                }
                Run run = new Run();
                run.results(file, element, elementWhere);
                String type =
                        JsonReports.string(element, "type", "scenario").strip().toLowerCase(Locale.ROOT);
                if (type.equals("background")) {
                    background = background.worst(run.outcome);
                    tally.addTime(run.duration);
                    continue;
                }
                String scenario = JsonReports.string(element, "name", "");
                tally.add(run.outcome.worst(background), run.duration, () -> featureName + ": " + scenario);
                background = Outcome.PASSED;
            }
        }
        return tally.totals();
    }

    /** The outcome and time of the steps and hooks of one scenario or background. */
    private static final class Run {
        Outcome outcome = Outcome.PASSED;
        Duration duration = Duration.ZERO;

        void results(ReportFile file, JsonNode element, String where) throws MalformedReportException {
            hooks(file, element, "before", where);
            List<JsonNode> steps = JsonReports.array(file, element, "steps", where);
            for (JsonNode step : steps) {
                // Step hooks (BeforeStep/AfterStep) hang off their step in cucumber-jvm.
                hooks(file, step, "before", where);
                result(JsonReports.field(step, "result"));
                hooks(file, step, "after", where);
            }
            hooks(file, element, "after", where);
        }

        private void hooks(ReportFile file, JsonNode owner, String name, String where) throws MalformedReportException {
            for (JsonNode hook : JsonReports.array(file, owner, name, where)) {
                result(JsonReports.field(hook, "result"));
            }
        }

        private void result(JsonNode result) {
            if (result == null) {
                return;
            }
            duration = duration.plus(Numbers.nanos(JsonReports.number(result, "duration")));
            String status = JsonReports.string(result, "status", "").strip().toLowerCase(Locale.ROOT);
            outcome = outcome.worst(
                    switch (status) {
                        case "passed" -> Outcome.PASSED;
                        case "failed", "ambiguous" -> Outcome.FAILED;
                        default -> Outcome.SKIPPED; // skipped, pending, undefined, unused
                    });
        }
    }

    /** The feature's file (without cucumber-jvm's {@code file:} or {@code classpath:} scheme), else its name. */
    private static String featureName(JsonNode feature, String fallback) {
        String uri = JsonReports.string(feature, "uri", "").strip();
        for (String scheme : List.of("classpath:", "file://", "file:")) {
            if (uri.startsWith(scheme)) {
                uri = uri.substring(scheme.length());
                break;
            }
        }
        if (!uri.isEmpty()) {
            return uri;
        }
        String name = JsonReports.string(feature, "name", "").strip();
        return name.isEmpty() ? fallback : name;
    }
}
