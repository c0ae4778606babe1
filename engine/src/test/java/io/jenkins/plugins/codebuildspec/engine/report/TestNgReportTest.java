package io.jenkins.plugins.codebuildspec.engine.report;

import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.TESTNGXML;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TestNG's testng-results.xml. */
class TestNgReportTest {
    @Test
    void countsTestMethodsButNotConfigurationOrRetriedAttempts() throws Exception {
        TestTotals totals = Samples.tests(TESTNGXML, "testngxml/testng-results.xml");
        // placesOrder, rejectsEmptyCart, computesTax x2, chargesCard (final attempt), refunds;
        // setUp/tearDown are configuration and the first chargesCard attempt was retried.
        assertThat(totals)
                .isEqualTo(new TestTotals(
                        6,
                        2,
                        0,
                        1,
                        Duration.ofMillis(41 + 7 + 3 + 2 + 980),
                        List.of(
                                "com.acme.OrderServiceTest.rejectsEmptyCart",
                                "com.acme.PaymentGatewayTest.chargesCard")));
        assertThat(totals.passed()).isEqualTo(3);
    }
}
