package io.jenkins.plugins.codebuildspec.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@link Numbers}: the lenient reading of times and counts in report attributes. */
class NumbersTest {
    @Test
    void decimalsInTheFormatsToolsWrite() {
        assertThat(Numbers.decimal("1.5")).isEqualTo(1.5);
        assertThat(Numbers.decimal("1,5")).isEqualTo(1.5);
        assertThat(Numbers.decimal(" 0.001 ")).isEqualTo(0.001);
        assertThat(Numbers.decimal("1,234.5")).isEqualTo(1234.5);
        assertThat(Numbers.decimal("1.234,5")).isEqualTo(1234.5);
        assertThat(Numbers.decimal("1,234,567")).isEqualTo(1234567);
        assertThat(Numbers.decimal("1.234.567")).isEqualTo(1234567);
        assertThat(Numbers.decimal("1\u00a0234,5")).isEqualTo(1234.5);
        assertThat(Numbers.decimal("2E-3")).isEqualTo(0.002);
        assertThat(Numbers.decimal("12")).isEqualTo(12);
    }

    @Test
    void garbageIsNotANumber() {
        for (String garbage :
                new String[] {null, "", " ", "n/a", "NaN", "Infinity", "0x10", "1.5s", "1e", "--1", "1d"}) {
            assertThat(Numbers.decimal(garbage)).as(String.valueOf(garbage)).isNaN();
        }
    }

    @Test
    void durations() {
        assertThat(Numbers.seconds("0.012")).isEqualTo(Duration.ofMillis(12));
        assertThat(Numbers.seconds("1,5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Numbers.seconds("0.0000001")).isEqualTo(Duration.ofNanos(100));
        assertThat(Numbers.seconds("-3")).isEqualTo(Duration.ZERO);
        assertThat(Numbers.seconds("abc")).isEqualTo(Duration.ZERO);
        assertThat(Numbers.seconds("1e300")).isEqualTo(Duration.ZERO);
        assertThat(Numbers.seconds(null)).isEqualTo(Duration.ZERO);
        assertThat(Numbers.millis("1033")).isEqualTo(Duration.ofMillis(1033));
        assertThat(Numbers.nanos("1500000")).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(Numbers.nanos("1.5E6")).isEqualTo(Duration.ofNanos(1_500_000));
    }

    @Test
    void counts() {
        assertThat(Numbers.count("120")).isEqualTo(OptionalLong.of(120));
        assertThat(Numbers.count("120.0")).isEqualTo(OptionalLong.of(120));
        assertThat(Numbers.count("12.5")).isEmpty();
        assertThat(Numbers.count("-1")).isEmpty();
        assertThat(Numbers.count("lots")).isEmpty();
        assertThat(Numbers.count(null)).isEmpty();
        assertThat(Numbers.hits("3")).isEqualTo(3);
        assertThat(Numbers.hits("0")).isZero();
        assertThat(Numbers.hits("x")).isZero();
    }
}
