package io.portcullis.config;

import io.portcullis.password.CharacterClass;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The password policy: length bounds in Unicode code points after NFKC normalisation, the lowest
 * zxcvbn score accepted (0 to 4), and the kinds of character every password must contain; and how
 * many password hashes may run at once ({@value #AUTOMATIC_HASHING_SLOTS}: one per processor).
 */
public record PasswordConfig(int minLength, int maxLength, int minStrength, Set<CharacterClass> requiredClasses, int hashingSlots) {
    public static final int DEFAULT_MIN_LENGTH = 12;
    public static final int DEFAULT_MAX_LENGTH = 128;
    public static final int DEFAULT_MIN_STRENGTH = 3;
    public static final int AUTOMATIC_HASHING_SLOTS = 0;
    public static final int MAX_HASHING_SLOTS = 256;

    public PasswordConfig {
        // An EnumSet keeps the declaration order, so messages list the classes the same way each time.
        EnumSet<CharacterClass> copy = EnumSet.noneOf(CharacterClass.class);
        copy.addAll(requiredClasses);
        requiredClasses = Collections.unmodifiableSet(copy);
    }
}
