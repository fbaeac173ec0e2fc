package io.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The memory of full windows: each until its end, and never more than its capacity. */
class FullWindowsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aFullWindowIsKnownUntilItsEndAndForgottenAt() {
        FullWindows full = new FullWindows(10);
        Instant end = T0.plusSeconds(10);
        full.remember("a", end, T0);

        assertThat(full.endOfFullWindow("a", T0.plusSeconds(9))).isEqualTo(end);
        assertThat(full.endOfFullWindow("b", T0)).as("another bucket").isNull();
        assertThat(full.endOfFullWindow("a", end)).as("at its end").isNull();
        assertThat(full.size()).isZero();
    }

    @Test
    void atCapacityNoMoreAreRememberedUntilEndedOnesAreSweptOut() {
        FullWindows full = new FullWindows(2);
        full.remember("a", T0.plusSeconds(5), T0);
        full.remember("b", T0.plusSeconds(60), T0);
        full.remember("c", T0.plusSeconds(60), T0);
        assertThat(full.endOfFullWindow("c", T0)).as("over capacity").isNull();
        assertThat(full.size()).isEqualTo(2);

        Instant later = T0.plus(Duration.ofSeconds(5));
        full.remember("c", T0.plusSeconds(60), later);
        assertThat(full.endOfFullWindow("c", later)).as("a's window had ended: swept, room for c").isEqualTo(T0.plusSeconds(60));
        assertThat(full.endOfFullWindow("b", later)).isEqualTo(T0.plusSeconds(60));
        assertThat(full.size()).isEqualTo(2);
    }
}
