package io.portcullis.password;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * The kinds of character {@code password.requireClasses} can demand, judged per code point of the
 * NFKC-normalised password. A symbol is anything that is neither a letter nor a digit (punctuation,
 * spaces, emoji); letters without case, such as CJK ideographs, are neither lower nor upper.
 */
public enum CharacterClass {
    LOWER("lower", "a lowercase letter", Character::isLowerCase),
    UPPER("upper", "an uppercase letter", Character::isUpperCase),
    DIGIT("digit", "a digit", Character::isDigit),
    SYMBOL("symbol", "a symbol (neither a letter nor a digit)", cp -> !Character.isLetterOrDigit(cp));

    private final String configName;
    private final String description;
    private final IntPredicate test;

    CharacterClass(String configName, String description, IntPredicate test) {
        this.configName = configName;
        this.description = description;
        this.test = test;
    }

    /** The spelling in {@code password.requireClasses}. */
    public String configName() {
        return configName;
    }

    /** How a message to the user names it, e.g. "a digit". */
    public String description() {
        return description;
    }

    public boolean isIn(String password) {
        return password.codePoints().anyMatch(test);
    }

    /** The class with this config name, matched without regard to case, or null. */
    public static CharacterClass fromConfigName(String name) {
        return Arrays.stream(values()).filter(c -> c.configName.equals(name.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
    }

    /** "lower, upper, digit, symbol": for configuration messages. */
    public static String configNames() {
        return Arrays.stream(values()).map(CharacterClass::configName).collect(Collectors.joining(", "));
    }
}
