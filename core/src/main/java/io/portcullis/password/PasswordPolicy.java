package io.portcullis.password;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.config.PasswordConfig;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rules a new password must meet, checked in this order on the NFKC-normalised password: length
 * in Unicode code points (never truncated), the required kinds of character, then the zxcvbn score
 * with the user's email, name and the application name as known words. The first rule broken is the
 * answer.
 */
public final class PasswordPolicy {
    private final PasswordConfig config;
    private final String appName;
    /** Null when {@code minStrength} is 0: every score passes, so zxcvbn is neither loaded nor run. */
    private final StrengthMeter meter;

    public PasswordPolicy(PasswordConfig config, String appName) {
        this.config = config;
        this.appName = appName;
        this.meter = config.minStrength() > 0 ? new StrengthMeter() : null;
    }

    /**
     * @throws PortcullisException {@code PASSWORD_TOO_SHORT}, {@code PASSWORD_TOO_LONG},
     *     {@code PASSWORD_MISSING_CHARACTER_CLASS} or {@code PASSWORD_TOO_WEAK}, with a message that says why
     */
    public void check(String password, PasswordContext context) {
        String normalised = PasswordHasher.normalise(password);
        checkLength(normalised);
        checkClasses(normalised);
        if (meter != null) checkStrength(normalised, context);
    }

    private void checkLength(String normalised) {
        int length = normalised.codePointCount(0, normalised.length());
        if (length < config.minLength()) {
            throw new PortcullisException(ErrorCode.PASSWORD_TOO_SHORT,
                    "Password is too short: use at least " + config.minLength() + " characters");
        }
        if (length > config.maxLength()) {
            throw new PortcullisException(ErrorCode.PASSWORD_TOO_LONG,
                    "Password is too long: use at most " + config.maxLength() + " characters");
        }
    }

    private void checkClasses(String normalised) {
        List<CharacterClass> missing = config.requiredClasses().stream().filter(c -> !c.isIn(normalised)).toList();
        if (missing.isEmpty()) return;
        throw new PortcullisException(ErrorCode.PASSWORD_MISSING_CHARACTER_CLASS,
                "Password is missing a required kind of character: add " + listed(missing));
    }

    private void checkStrength(String normalised, PasswordContext context) {
        StrengthMeter.Verdict verdict = meter.measure(normalised, context.words(appName));
        if (verdict.score() < config.minStrength()) {
            throw new PortcullisException(ErrorCode.PASSWORD_TOO_WEAK, "Password is too weak: " + verdict.feedback());
        }
    }

    /** "a digit", "a digit and a symbol", "a lowercase letter, a digit and a symbol". */
    private static String listed(List<CharacterClass> classes) {
        List<String> names = classes.stream().map(CharacterClass::description).toList();
        if (names.size() == 1) return names.get(0);
        return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
                + " and " + names.get(names.size() - 1);
    }
}
