package io.portcullis;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.testing.Generated;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writesIsoUtcWithThreeFractionalDigits() {
        assertThat(Timestamps.iso(Instant.parse("2026-01-31T09:15:00Z"))).isEqualTo("2026-01-31T09:15:00.000Z");
        assertThat(Timestamps.iso(Instant.parse("2026-11-23T23:59:59.999999999Z"))).isEqualTo("2026-11-23T23:59:59.999Z");
        assertThat(Timestamps.iso(Instant.parse("2024-02-29T00:00:00.007Z"))).isEqualTo("2024-02-29T00:00:00.007Z");
        assertThat(Timestamps.iso(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Timestamps.iso(Instant.parse("1969-12-31T23:59:59.500Z"))).isEqualTo("1969-12-31T23:59:59.500Z");
        assertThat(Timestamps.iso(null)).isNull();
    }

    @Test
    void agreesWithJavaTimesFormatterOverTheWholeRange() {
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        Generated.tries(g -> {
            long seconds = first + Math.floorMod(g.anyLong(), last - first + 1);
            Instant instant = Instant.ofEpochSecond(seconds, g.between(0, 999_999_999));
            assertThat(Timestamps.iso(instant)).as("%s", instant).isEqualTo(REFERENCE.format(instant));
        });
        // Outside four-digit years the formatter's own rendering is kept.
        Instant far = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(Timestamps.iso(far)).isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC).format(far));
    }
}
