package io.portcullis.password;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whose password is being set: the user's email and name, which the strength check treats as words
 * an attacker knows. Either may be null (an unnamed user).
 */
public record PasswordContext(String email, String name) {
    private static final Pattern LOCAL_PART_SEPARATORS = Pattern.compile("[._+-]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Shorter fragments ("j" of j.smith) would only let zxcvbn call single letters known words. */
    static final int MIN_WORD_LENGTH = 3;

    /**
     * The words zxcvbn gets as its user-input dictionary: the whole email, its local part and the
     * local part's pieces split on {@code . _ - +}; the name and its words; the application name and
     * its words. NFKC-normalised and lower-cased like the password zxcvbn sees.
     */
    List<String> words(String appName) {
        Set<String> words = new LinkedHashSet<>();
        if (email != null) {
            add(words, email);
            int at = email.lastIndexOf('@');
            String local = at < 0 ? email : email.substring(0, at);
            add(words, local);
            for (String piece : LOCAL_PART_SEPARATORS.split(local)) add(words, piece);
        }
        addWithWords(words, name);
        addWithWords(words, appName);
        return List.copyOf(words);
    }

    private static void addWithWords(Set<String> words, String text) {
        if (text == null) return;
        add(words, text);
        for (String word : SPACES.split(text.strip())) add(words, word);
    }

    private static void add(Set<String> words, String text) {
        String word = PasswordHasher.normalise(text.strip()).toLowerCase(Locale.ROOT);
        if (word.codePointCount(0, word.length()) >= MIN_WORD_LENGTH) words.add(word);
    }
}
