package io.jenkins.plugins.codebuildspec.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link TestTotals} and {@link CoverageTotals}: sums, derived counts and the cap on failing names. */
class TotalsTest {
    private static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    @Test
    void emptyIsZero() {
        assertThat(TestTotals.EMPTY.tests()).isZero();
        assertThat(TestTotals.EMPTY.passed()).isZero();
        assertThat(TestTotals.EMPTY.duration()).isEqualTo(Duration.ZERO);
        assertThat(TestTotals.EMPTY.failingTests()).isEmpty();
        assertThat(TestTotals.EMPTY.plus(TestTotals.EMPTY)).isEqualTo(TestTotals.EMPTY);
    }

    @Test
    void plusAddsEverything() {
        TestTotals a = new TestTotals(10, 2, 1, 3, Duration.ofMillis(1500), List.of("a.A.x", "a.A.y", "a.B.z"));
        TestTotals b = new TestTotals(5, 1, 0, 0, Duration.ofMillis(250), List.of("b.C.w"));
        TestTotals sum = a.plus(b);
        assertThat(sum)
                .isEqualTo(new TestTotals(
                        15, 3, 1, 3, Duration.ofMillis(1750), List.of("a.A.x", "a.A.y", "a.B.z", "b.C.w")));
        assertThat(sum.passed()).isEqualTo(8);
        assertThat(sum.failingTestCount()).isEqualTo(4);
        assertThat(sum.failingTestsTruncated()).isFalse();
        assertThat(TestTotals.EMPTY.plus(a)).isEqualTo(a);
    }

    @Test
    void failingNamesAreCappedButCounted() {
        TestTotals many = new TestTotals(300, 150, 0, 0, Duration.ZERO, names("t", 150));
        assertThat(many.failingTests())
                .hasSize(TestTotals.MAX_FAILING_NAMES)
                .startsWith("t0")
                .endsWith("t99");
        assertThat(many.failingTestCount()).isEqualTo(150);
        assertThat(many.failingTestsTruncated()).isTrue();

        TestTotals a = new TestTotals(80, 80, 0, 0, Duration.ZERO, names("a", 80));
        TestTotals b = new TestTotals(50, 0, 50, 0, Duration.ZERO, names("b", 50));
        TestTotals sum = a.plus(b);
        assertThat(sum.failingTests()).hasSize(100).contains("a79", "b19").doesNotContain("b20");
        assertThat(sum.failingTestCount()).isEqualTo(130);
        assertThat(sum.plus(b).failingTests()).isEqualTo(sum.failingTests());
    }

    @Test
    void failingNamesAreImmutable() {
        TestTotals totals = new TestTotals(1, 1, 0, 0, Duration.ZERO, new java.util.ArrayList<>(List.of("x")));
        assertThatThrownBy(() -> totals.failingTests().add("y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void coveragePercentages() {
        CoverageTotals c = new CoverageTotals(41, 50, 10, 16);
        assertThat(c.lineCoveragePercent()).isCloseTo(82.0, within(1e-9));
        assertThat(c.branchCoveragePercent()).isCloseTo(62.5, within(1e-9));
        assertThat(CoverageTotals.EMPTY.lineCoveragePercent()).isZero();
        assertThat(CoverageTotals.EMPTY.branchCoveragePercent()).isZero();
        assertThat(new CoverageTotals(7, 7, 0, 0).lineCoveragePercent()).isEqualTo(100.0);
    }

    @Test
    void coveragePlusAdds() {
        CoverageTotals sum = new CoverageTotals(41, 50, 10, 16).plus(new CoverageTotals(9, 14, 0, 0));
        assertThat(sum).isEqualTo(new CoverageTotals(50, 64, 10, 16));
        assertThat(sum.lineCoveragePercent()).isCloseTo(78.125, within(1e-9));
        assertThat(sum.branchCoveragePercent()).isCloseTo(62.5, within(1e-9));
    }

    @Test
    void impossibleCountsAreRejected() {
        assertThatThrownBy(() -> new CoverageTotals(3, 2, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TestTotals(-1, 0, 0, 0, Duration.ZERO, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
