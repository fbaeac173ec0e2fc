package io.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What an instance knows of windows: reserved counts until the window ends, full windows until a
 * second before, never more buckets than its capacity.
 */
class KnownWindowsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration LAST_SECOND = Duration.ofSeconds(1);
    private static final RateLimitDecision ALLOWED = RateLimitDecision.ALLOWED;

    @Test
    void aFullWindowIsKnownUntilItsLastSecondWhichIsLeftToTheDatabase() {
        KnownWindows known = new KnownWindows(10, LAST_SECOND);
        Instant end = T0.plusSeconds(10);
        known.full("a", end, T0);

        assertThat(known.answer("a", T0.plusMillis(8_999))).isEqualTo(RateLimitDecision.refused(Duration.ofMillis(1_001)));
        assertThat(known.answer("b", T0)).as("another bucket").isNull();
        assertThat(known.answer("a", T0.plusSeconds(9))).as("its last second").isNull();

        known.full("c", end, T0.plusSeconds(9));
        assertThat(known.answer("c", T0.plusSeconds(9))).as("refused in its last second: not remembered").isNull();
        assertThat(known.size()).isEqualTo(1);
    }

    @Test
    void reservedCountsAreHandedOutOnceEachUntilTheWindowEnds() {
        KnownWindows known = new KnownWindows(10, LAST_SECOND);
        Instant end = T0.plusSeconds(10);
        known.reserve("a", end, 2, T0);
        known.reserve("a", end, 1, T0.plusSeconds(1));

        assertThat(known.answer("a", T0.plusSeconds(2))).isEqualTo(ALLOWED);
        assertThat(known.answer("a", T0.plusSeconds(9))).as("in the last second too: already counted").isEqualTo(ALLOWED);
        assertThat(known.answer("a", T0.plusMillis(9_999))).isEqualTo(ALLOWED);
        assertThat(known.answer("a", T0.plusMillis(9_999))).as("all three handed out: the database decides").isNull();

        known.reserve("b", end, 5, T0);
        assertThat(known.answer("b", end)).as("the window has ended").isNull();
        assertThat(known.size()).isEqualTo(1);
    }

    @Test
    void aFullWindowStillHandsOutTheCountsReservedInIt() {
        KnownWindows known = new KnownWindows(10, LAST_SECOND);
        Instant end = T0.plusSeconds(10);
        known.reserve("a", end, 1, T0);
        known.full("a", end, T0);

        assertThat(known.answer("a", T0)).isEqualTo(ALLOWED);
        assertThat(known.answer("a", T0)).isEqualTo(RateLimitDecision.refused(Duration.ofSeconds(10)));
    }

    @Test
    void aLaterWindowIsNotReplacedByAnEarlierOne() {
        KnownWindows known = new KnownWindows(10, LAST_SECOND);
        known.full("a", T0.plusSeconds(20), T0.plusSeconds(10));
        known.full("a", T0.plusSeconds(10), T0.plusSeconds(5));
        known.reserve("a", T0.plusSeconds(10), 3, T0.plusSeconds(5));
        assertThat(known.answer("a", T0.plusSeconds(11))).isEqualTo(RateLimitDecision.refused(Duration.ofSeconds(9)));

        known.reserve("b", T0.plusSeconds(10), 3, T0);
        known.reserve("b", T0.plusSeconds(20), 1, T0.plusSeconds(10));
        assertThat(known.answer("b", T0.plusSeconds(10))).isEqualTo(ALLOWED);
        assertThat(known.answer("b", T0.plusSeconds(10))).as("the old window's counts are gone with it").isNull();
    }

    @Test
    void atCapacityNoMoreAreRememberedUntilEndedOnesAreSweptOut() {
        KnownWindows known = new KnownWindows(2, LAST_SECOND);
        known.full("a", T0.plusSeconds(5), T0);
        known.reserve("b", T0.plusSeconds(60), 9, T0);
        known.full("c", T0.plusSeconds(60), T0);
        assertThat(known.answer("c", T0)).as("over capacity").isNull();
        assertThat(known.size()).isEqualTo(2);

        Instant later = T0.plusSeconds(5);
        known.full("c", T0.plusSeconds(60), later);
        assertThat(known.answer("c", later)).as("a's window has ended: swept, room for c").isEqualTo(RateLimitDecision.refused(Duration.ofSeconds(55)));
        assertThat(known.answer("b", later)).isEqualTo(ALLOWED);
        assertThat(known.size()).isEqualTo(2);
    }
}
