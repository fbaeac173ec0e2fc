package io.portcullis.password;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** zxcvbn (zxcvbn4j): a score from 0 to 4 and, for weak passwords, what makes them weak. */
final class StrengthMeter {
    /**
     * zxcvbn only sees this many code points of a password. Its l33t matching grows steeply with
     * length: on passwords made of substitution characters ({@code 4@8({[<3!|10$5+7%2}) zxcvbn4j 1.9.0
     * took about 0.1 s at 32 code points, 1 to 1.5 s at 64, 3 s at 100, 4 s at 128 and 24 s at 256,
     * where a passphrase of 128 takes 30 ms (docs/passwords.md has the table). Sign-up is open to
     * anyone, so the cost is capped here; the length rules and the hash still see the whole password.
     */
    static final int MAX_MEASURED_CODE_POINTS = 64;
    private static final String NO_FEEDBACK = "Add another word or two. Uncommon words are better.";

    /** What zxcvbn said: the score and, in English, why a password is guessable ("" when it said nothing). */
    record Verdict(int score, String feedback) {}

    /**
     * Loading the dictionaries is the expensive part (~50 ms of CPU, ~15 MB of heap that a start-up's
     * garbage collections would copy), so it waits for the first password measured. Measuring is
     * thread-safe (nulab/zxcvbn4j#71), so one instance serves all.
     */
    private static final class Dictionaries {
        static final Zxcvbn ZXCVBN = new Zxcvbn();
    }

    /** @param normalised the NFKC-normalised password; @param words the user's own words, lower case */
    Verdict measure(String normalised, List<String> words) {
        boolean cut = normalised.codePointCount(0, normalised.length()) > MAX_MEASURED_CODE_POINTS;
        String measured = cut ? normalised.substring(0, normalised.offsetByCodePoints(0, MAX_MEASURED_CODE_POINTS)) : normalised;
        Strength strength = Dictionaries.ZXCVBN.measure(measured, words);
        try {
            return new Verdict(strength.getScore(), explain(strength.getFeedback(), cut));
        } finally {
            strength.wipe();
        }
    }

    private static String explain(Feedback feedback, boolean cut) {
        List<String> sentences = new ArrayList<>();
        // Locale.ROOT is zxcvbn4j's English bundle, whatever the JVM's default locale.
        String warning = feedback.getWarning(Locale.ROOT);
        if (warning != null && !warning.isEmpty()) sentences.add(warning);
        sentences.addAll(feedback.getSuggestions(Locale.ROOT));
        if (sentences.isEmpty()) sentences.add(NO_FEEDBACK);
        if (cut) sentences.add("Only the first " + MAX_MEASURED_CODE_POINTS + " characters are judged.");
        return String.join(" ", sentences);
    }
}
