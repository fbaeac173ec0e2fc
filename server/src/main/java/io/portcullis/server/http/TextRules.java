package io.portcullis.server.http;

import java.util.regex.Pattern;

/** The rules every text field of a body and every query parameter follows, and how names appear in messages. */
final class TextRules {
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private TextRules() {}

    /** What is wrong with {@code text}, or null when nothing is. */
    static String problem(String text, int maxLength) {
        String wrong = problemOfCompared(text, maxLength);
        if (wrong != null) return wrong;
        // JSON's \ud800 escapes decode to half a character, which UTF-8 cannot store: the database would
        // keep '?' instead, and two different passwords would hash alike.
        if (hasUnpairedSurrogate(text)) return "Must be valid Unicode text (it holds half of a surrogate pair)";
        return null;
    }

    /**
     * As {@link #problem}, for a password compared with the stored one and never stored itself: half
     * surrogate pairs pass, since a password set before they were refused was hashed with them.
     */
    static String problemOfCompared(String text, int maxLength) {
        if (text.length() > maxLength) return "Must be at most " + maxLength + " characters";
        if (CONTROL.matcher(text).find()) return "Must not contain control characters";
        return null;
    }

    /** A parameter or field name as a message may show it: control characters replaced, at most 64 characters. */
    static String clip(String name) {
        String printable = CONTROL.matcher(name).replaceAll("?");
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
