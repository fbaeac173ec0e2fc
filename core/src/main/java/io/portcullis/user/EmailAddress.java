package io.portcullis.user;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses as Portcullis keeps them: trimmed and lower-cased, at most 254 characters. */
public final class EmailAddress {
    public static final int MAX_LENGTH = 254;
    // Deliberately plain: one @, a dotted domain, no spaces or control characters. Deliverability is
    // proven by the verification mail, not by a regular expression.
    private static final Pattern SHAPE = Pattern.compile("[^\\s@\\p{Cntrl}]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private EmailAddress() {}

    public static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String email) {
        String e = normalise(email);
        return e.length() <= MAX_LENGTH && SHAPE.matcher(e).matches();
    }
}
