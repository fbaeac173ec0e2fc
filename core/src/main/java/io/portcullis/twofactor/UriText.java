package io.portcullis.twofactor;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding for the parts of an {@code otpauth://} URI. Unlike
 * {@link java.net.URLEncoder} (form encoding) it writes a space as {@code %20}, never {@code +},
 * which apps would show literally. {@code @} is legal in both path and query, so an email stays readable.
 */
final class UriText {
    private static final String KEPT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~@";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriText() {}

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && KEPT.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
