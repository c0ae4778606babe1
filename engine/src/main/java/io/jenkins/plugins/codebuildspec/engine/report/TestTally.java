package io.jenkins.plugins.codebuildspec.engine.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Counts test outcomes as a parser streams through a report, keeping only the first failing names. */
final class TestTally {
    /** The outcome of one test case, in the order a case with several results is judged by. */
    enum Outcome {
        PASSED,
        SKIPPED,
        FAILED,
        ERROR;

        /** The worse of two outcomes, for a case that reports several (a failure and an error, say). */
        Outcome worst(Outcome other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    private int tests;
    private int failures;
    private int errors;
    private int skipped;
    private long nanos;
    private final List<String> failingNames = new ArrayList<>();

    /** Records one test case; {@code name} is only computed for failing tests that still fit the list. */
    void add(Outcome outcome, Duration duration, Supplier<String> name) {
        tests++;
        addTime(duration);
        switch (outcome) {
            case PASSED -> {}
            case SKIPPED -> skipped++;
            case FAILED -> failures++;
            case ERROR -> errors++;
        }
        if ((outcome == Outcome.FAILED || outcome == Outcome.ERROR) && wantsName()) {
            failingNames.add(name.get());
        }
    }

    /** Whether one more failing name would still be kept. */
    boolean wantsName() {
        return failingNames.size() < TestTotals.MAX_FAILING_NAMES;
    }

    /** Index of the next failing name, for parsers that fix names up after the case (TRX). */
    int failingNameCount() {
        return failingNames.size();
    }

    /** Replaces a failing name recorded earlier, once the parser has learned more about it. */
    void renameFailing(int index, String name) {
        failingNames.set(index, name);
    }

    /** Adds run time that belongs to no single test (Cucumber backgrounds). */
    void addTime(Duration duration) {
        // Saturates rather than overflows: absurd times in a huge file must not make parsing fail.
        long add;
        try {
            add = duration.toNanos();
        } catch (ArithmeticException e) {
            add = Long.MAX_VALUE;
        }
        long sum = nanos + add;
        nanos = sum < nanos ? Long.MAX_VALUE : sum;
    }

    TestTotals totals() {
        return new TestTotals(tests, failures, errors, skipped, Duration.ofNanos(nanos), failingNames);
    }
}
