package io.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What an instance knows of windows: counts taken in advance and full windows, each until a second
 * before the window ends; never more buckets than its capacity, beyond which a bucket is counted alone.
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
    void countsTakenInAdvanceAreHandedOutOnceEachUntilTheWindowsLastSecond() {
        KnownWindows known = new KnownWindows(10, LAST_SECOND);
        Instant end = T0.plusSeconds(10);
        known.reserve("a", end, 2, T0);
        known.reserve("a", end, 2, T0.plusSeconds(1));

        assertThat(known.answer("a", T0.plusSeconds(2))).isEqualTo(ALLOWED);
        assertThat(known.answer("a", T0.plusSeconds(3))).isEqualTo(ALLOWED);
        assertThat(known.answer("a", T0.plusMillis(8_999))).isEqualTo(ALLOWED);
        assertThat(known.answer("a", T0.plusSeconds(9))).as("the last second: the database decides").isNull();
        assertThat(known.hasRoomFor("a", T0.plusSeconds(9))).as("and counts each request alone").isFalse();
        assertThat(known.answer("a", end)).as("the window has ended").isNull();
        assertThat(known.size()).isZero();

        known.reserve("b", end, 5, T0.plusSeconds(9));
        assertThat(known.size()).as("counts taken in the last second are not kept").isZero();
    }

    @Test
    void aFullWindowStillHandsOutTheCountsTakenInIt() {
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
    void atCapacityAFurtherBucketIsCountedAloneUntilSpentWindowsAreSweptOut() {
        KnownWindows known = new KnownWindows(2, LAST_SECOND);
        known.full("a", T0.plusSeconds(60), T0);
        known.reserve("b", T0.plusSeconds(60), 1, T0);
        assertThat(known.hasRoomFor("a", T0)).as("a bucket already known").isTrue();
        assertThat(known.hasRoomFor("c", T0)).as("over capacity").isFalse();
        known.full("c", T0.plusSeconds(60), T0);
        assertThat(known.answer("c", T0)).as("not remembered").isNull();

        assertThat(known.answer("b", T0)).isEqualTo(ALLOWED);
        Instant later = T0.plusSeconds(1);
        assertThat(known.hasRoomFor("c", later)).as("b has nothing left to hand out: swept, room for c").isTrue();
        known.full("c", T0.plusSeconds(60), later);
        assertThat(known.answer("c", later)).isEqualTo(RateLimitDecision.refused(Duration.ofSeconds(59)));
        assertThat(known.answer("a", later)).as("a full window is kept").isEqualTo(RateLimitDecision.refused(Duration.ofSeconds(59)));
        assertThat(known.size()).isEqualTo(2);
    }
}
