package io.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The memory of full windows: each until a second before its end, never more than its capacity. */
class FullWindowsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration LAST_SECOND = Duration.ofSeconds(1);

    @Test
    void aFullWindowIsKnownUntilItsLastSecondWhichIsLeftToTheDatabase() {
        FullWindows full = new FullWindows(10, LAST_SECOND);
        Instant end = T0.plusSeconds(10);
        full.remember("a", end, T0);

        assertThat(full.endOfFullWindow("a", T0.plusMillis(8_999))).isEqualTo(end);
        assertThat(full.endOfFullWindow("b", T0)).as("another bucket").isNull();
        assertThat(full.endOfFullWindow("a", T0.plusSeconds(9))).as("its last second").isNull();
        assertThat(full.size()).isZero();

        full.remember("c", end, T0.plusSeconds(9));
        assertThat(full.size()).as("refused in its last second: not remembered").isZero();
    }

    @Test
    void aLaterWindowIsNotReplacedByAnEarlierOne() {
        FullWindows full = new FullWindows(10, LAST_SECOND);
        full.remember("a", T0.plusSeconds(20), T0.plusSeconds(10));
        full.remember("a", T0.plusSeconds(10), T0.plusSeconds(5));
        assertThat(full.endOfFullWindow("a", T0.plusSeconds(11))).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void atCapacityNoMoreAreRememberedUntilEndedOnesAreSweptOut() {
        FullWindows full = new FullWindows(2, LAST_SECOND);
        full.remember("a", T0.plusSeconds(5), T0);
        full.remember("b", T0.plusSeconds(60), T0);
        full.remember("c", T0.plusSeconds(60), T0);
        assertThat(full.endOfFullWindow("c", T0)).as("over capacity").isNull();
        assertThat(full.size()).isEqualTo(2);

        Instant later = T0.plus(Duration.ofSeconds(4));
        full.remember("c", T0.plusSeconds(60), later);
        assertThat(full.endOfFullWindow("c", later)).as("a's window was in its last second: swept, room for c").isEqualTo(T0.plusSeconds(60));
        assertThat(full.endOfFullWindow("b", later)).isEqualTo(T0.plusSeconds(60));
        assertThat(full.size()).isEqualTo(2);
    }
}
