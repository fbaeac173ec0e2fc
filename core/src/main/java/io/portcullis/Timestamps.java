package io.portcullis;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as Portcullis writes them everywhere (API, audit trail, logs): ISO-8601 UTC with exactly three fractional digits. */
public final class Timestamps {
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final char[] SHAPE = "0000-00-00T00:00:00.000Z".toCharArray();

    private Timestamps() {}

    /**
     * {@code 2026-01-31T09:15:00.000Z}, or null for null. Written digit by digit: every session in
     * every answer carries several of these, and the formatter prints fractions through BigDecimal.
     * Years outside 0000 to 9999 take the formatter.
     */
    public static String iso(Instant instant) {
        if (instant == null) return null;
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) return ISO_MILLIS.format(instant);
        char[] text = SHAPE.clone();
        digits(text, 0, t.getYear(), 4);
        digits(text, 5, t.getMonthValue(), 2);
        digits(text, 8, t.getDayOfMonth(), 2);
        digits(text, 11, t.getHour(), 2);
        digits(text, 14, t.getMinute(), 2);
        digits(text, 17, t.getSecond(), 2);
        digits(text, 20, instant.getNano() / 1_000_000, 3);
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--, value /= 10) text[i] = (char) ('0' + value % 10);
    }
}
