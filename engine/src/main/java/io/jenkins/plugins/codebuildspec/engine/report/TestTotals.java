package io.jenkins.plugins.codebuildspec.engine.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Test counts of one or more reports, with the first {@value #MAX_FAILING_NAMES} names of failed tests. */
public record TestTotals(
        int tests, int failures, int errors, int skipped, Duration duration, List<String> failingTests) {
    /*
     * failures: ran and failed an assertion; errors: could not reach a verdict (an exception, a timeout, an
     * abort); skipped: not run or no verdict (ignored, pending, inconclusive). duration sums the cases' times.
     * failingTests names failed and errored tests ("com.acme.CalcTest.adds") in report order, cut at
     * MAX_FAILING_NAMES; failingTestCount() counts them all.
     */

    /** A summary lists this many failed tests at most; a build with thousands of failures names the first. */
    public static final int MAX_FAILING_NAMES = 100;

    public static final TestTotals EMPTY = new TestTotals(0, 0, 0, 0, Duration.ZERO, List.of());

    public TestTotals {
        if (tests < 0 || failures < 0 || errors < 0 || skipped < 0) {
            throw new IllegalArgumentException(
                    "negative count in " + tests + "/" + failures + "/" + errors + "/" + skipped);
        }
        Objects.requireNonNull(duration, "duration");
        failingTests = List.copyOf(
                failingTests.size() > MAX_FAILING_NAMES ? failingTests.subList(0, MAX_FAILING_NAMES) : failingTests);
    }

    /** The tests that neither failed, errored nor were skipped. */
    public int passed() {
        return tests - failures - errors - skipped;
    }

    /** All failed and errored tests, also those whose names were cut from {@link #failingTests()}. */
    public int failingTestCount() {
        return failures + errors;
    }

    /** Whether {@link #failingTests()} names fewer tests than failed. */
    public boolean failingTestsTruncated() {
        return failingTests.size() < failingTestCount();
    }

    /** Both reports together, as if they were one; the failing names of this one come first. */
    public TestTotals plus(TestTotals other) {
        List<String> names = failingTests;
        if (names.size() < MAX_FAILING_NAMES && !other.failingTests.isEmpty()) {
            names = new ArrayList<>(failingTests);
            names.addAll(other.failingTests);
        }
        return new TestTotals(
                Math.addExact(tests, other.tests),
                Math.addExact(failures, other.failures),
                Math.addExact(errors, other.errors),
                Math.addExact(skipped, other.skipped),
                duration.plus(other.duration),
                names);
    }
}
