package io.jenkins.plugins.codebuildspec.engine.report;

import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.CUCUMBERJSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cucumber JSON from cucumber-js and cucumber-jvm. */
class CucumberReportTest {
    @TempDir
    Path temp;

    @Test
    void cucumberJs() throws Exception {
        TestTotals totals = Samples.tests(CUCUMBERJSON, "cucumberjson/cucumber-js.json");
        // Failed and ambiguous steps fail a scenario; pending and undefined ones skip it.
        assertThat(totals)
                .isEqualTo(new TestTotals(
                        6,
                        2,
                        0,
                        2,
                        Duration.ofNanos(218_400_000),
                        List.of(
                                "features/login.feature: Login fails",
                                "features/login.feature: Login with two-factor code")));
        assertThat(totals.passed()).isEqualTo(2);
    }

    @Test
    void cucumberJvmWithBackgroundsAndHooks() throws Exception {
        TestTotals totals = Samples.tests(CUCUMBERJSON, "cucumberjson/cucumber-jvm.json");
        // The third background failed, so its scenario fails although its own steps were only skipped; a
        // failed After hook fails "Pay by invoice"; background and hook time counts.
        assertThat(totals)
                .isEqualTo(new TestTotals(
                        7,
                        3,
                        0,
                        1,
                        Duration.ofMillis(156),
                        List.of(
                                "src/test/resources/features/cart.feature: Remove from cart",
                                "src/test/resources/features/cart.feature: Checkout total",
                                "features/payment.feature: Pay by invoice")));
    }

    @Test
    void featureNamesFallBackAndStepsWithoutResultsPass() throws Exception {
        Path file = temp.resolve("cucumber.json");
        Files.writeString(
                file,
                """
                [
                  {"name": "Search", "elements": [
                    {"name": "Empty scenario", "type": "scenario"},
                    {"name": "No results yet", "steps": [{"name": "a step"}]},
                    {"name": "Broken", "steps": [{"result": {"status": "FAILED", "duration": "12.5"}}]}
                  ]},
                  {"elements": [{"name": "Nameless feature", "steps": [{"result": {"status": "passed", "duration": -5}}]}]},
                  {"uri": "features/empty.feature", "elements": []},
                  {"uri": "features/none.feature"}
                ]
                """);
        TestTotals totals = ((TestReport) ReportParsers.parse(CUCUMBERJSON, file)).totals();
        assertThat(totals).isEqualTo(new TestTotals(4, 1, 0, 0, Duration.ofNanos(13), List.of("Search: Broken")));
    }

    @Test
    void emptyArrayHasNoTests() throws Exception {
        Path file = temp.resolve("cucumber.json");
        Files.writeString(file, "[]");
        assertThat(((TestReport) ReportParsers.parse(CUCUMBERJSON, file)).totals())
                .isEqualTo(TestTotals.EMPTY);
    }
}
