package io.portcullis.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.config.PasswordConfig;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    private static final PasswordContext ADA = new PasswordContext("ada.king-lovelace@example.com", "Ada Lovelace");
    private static final PasswordPolicy DEFAULT = policy(PasswordConfig.DEFAULT_MIN_STRENGTH, Set.of());

    private static PasswordPolicy policy(int minStrength, Set<CharacterClass> classes) {
        return policy(minStrength, classes, "Portcullis");
    }

    private static PasswordPolicy policy(int minStrength, Set<CharacterClass> classes, String appName) {
        return new PasswordPolicy(new PasswordConfig(12, 128, minStrength, classes, PasswordConfig.AUTOMATIC_HASHING_SLOTS), appName);
    }

    /** The message of the refusal, after checking its code. */
    private static String refusal(ErrorCode code, ThrowingCallable check) {
        PortcullisException[] caught = new PortcullisException[1];
        assertThatThrownBy(check).isInstanceOfSatisfying(PortcullisException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            caught[0] = e;
        });
        return caught[0].getMessage();
    }

    /** count distinct emoji from U+1F600 on: no repeat or sequence for zxcvbn to find. */
    private static String variedEmoji(int count) {
        StringBuilder b = new StringBuilder();
        IntStream.range(0, count).forEach(i -> b.appendCodePoint(0x1F600 + (i * 37) % 80));
        return b.toString();
    }

    @Test
    void lengthIsCountedInCodePointsAfterNormalisationAndNeverTruncated() {
        PasswordPolicy lengthOnly = policy(0, Set.of());
        lengthOnly.check("😀".repeat(12), ADA); // 12 code points, 24 UTF-16 units
        assertThat(refusal(ErrorCode.PASSWORD_TOO_SHORT, () -> lengthOnly.check("😀".repeat(11), ADA)))
                .isEqualTo("Password is too short: use at least 12 characters");
        lengthOnly.check("a".repeat(128), ADA);
        assertThat(refusal(ErrorCode.PASSWORD_TOO_LONG, () -> lengthOnly.check("a".repeat(129), ADA)))
                .isEqualTo("Password is too long: use at most 128 characters");
        // "ﬃ" (one code point) becomes "ffi" (three) under NFKC: 10 + 3 is long enough
        lengthOnly.check("x".repeat(10) + "ﬃ", ADA);
    }

    @Test
    void lengthIsCheckedBeforeClassesAndStrength() {
        PasswordPolicy strict = policy(3, EnumSet.allOf(CharacterClass.class));
        refusal(ErrorCode.PASSWORD_TOO_SHORT, () -> strict.check("password123", ADA)); // 11 code points, and weak
        refusal(ErrorCode.PASSWORD_TOO_LONG, () -> strict.check("p".repeat(129), ADA));
    }

    @Test
    void missingClassesAreNamedInTheMessage() {
        PasswordPolicy classes = policy(0, EnumSet.of(CharacterClass.LOWER, CharacterClass.UPPER, CharacterClass.DIGIT, CharacterClass.SYMBOL));
        assertThat(refusal(ErrorCode.PASSWORD_MISSING_CHARACTER_CLASS, () -> classes.check("correct horse battery staple", ADA)))
                .isEqualTo("Password is missing a required kind of character: add an uppercase letter and a digit");
        assertThat(refusal(ErrorCode.PASSWORD_MISSING_CHARACTER_CLASS, () -> classes.check("CORRECTHORSEBATTERY", ADA)))
                .isEqualTo("Password is missing a required kind of character: add a lowercase letter, a digit and a symbol (neither a letter nor a digit)");
        classes.check("Correct horse battery staple 7", ADA);
        classes.check("Ünïcödé wörds ½ ß9", ADA);
    }

    @Test
    void classesAreJudgedAfterNfkc() {
        PasswordPolicy digit = policy(0, EnumSet.of(CharacterClass.DIGIT));
        // "²" is not a decimal digit, but NFKC makes it "2"
        digit.check("correct horse battery staple²", ADA);
        refusal(ErrorCode.PASSWORD_MISSING_CHARACTER_CLASS, () -> digit.check("correct horse battery staple", ADA));
    }

    @Test
    void classesAreCheckedBeforeStrength() {
        PasswordPolicy upperAndWeak = policy(3, EnumSet.of(CharacterClass.UPPER));
        refusal(ErrorCode.PASSWORD_MISSING_CHARACTER_CLASS, () -> upperAndWeak.check("password1234", ADA));
        refusal(ErrorCode.PASSWORD_TOO_WEAK, () -> upperAndWeak.check("Password1234", ADA));
    }

    @Test
    void aWeakPasswordIsRefusedWithZxcvbnsReason() {
        assertThat(refusal(ErrorCode.PASSWORD_TOO_WEAK, () -> DEFAULT.check("password1234", ADA)))
                .isEqualTo("Password is too weak: This is a very common password. Add another word or two. Uncommon words are better.");
        assertThat(refusal(ErrorCode.PASSWORD_TOO_WEAK, () -> DEFAULT.check("abcdefghijklmnop", ADA)))
                .startsWith("Password is too weak: Sequences like abc or 6543 are easy to guess.");
        DEFAULT.check("correct horse battery staple", ADA);
        DEFAULT.check("Imported from Better Auth 7!", ADA);
    }

    @Test
    void theApplicationNameIsAKnownWord() {
        // zxcvbn alone scores this 4; knowing the application is called Portcullis, 2
        policy(3, Set.of(), "Something Else").check("Portcullis2026!", ADA);
        assertThat(refusal(ErrorCode.PASSWORD_TOO_WEAK, () -> policy(3, Set.of(), "Portcullis").check("Portcullis2026!", ADA)))
                .startsWith("Password is too weak: ").contains("Add another word or two");
    }

    @Test
    void theUsersEmailAndNameAreKnownWords() {
        PasswordContext other = new PasswordContext("someone@example.com", "Someone Else");
        PasswordContext xanthippe = new PasswordContext("zwolinski.quartermain@example.com", "Xanthippe Quibblesworth");
        for (String password : new String[] {"zwolinski.quartermain@example.com", "quartermainzwolinski", "Xanthippe Quibblesworth", "Quibblesworth1999"}) {
            DEFAULT.check(password, other);
            refusal(ErrorCode.PASSWORD_TOO_WEAK, () -> DEFAULT.check(password, xanthippe));
        }
    }

    @Test
    void contextWordsAreTheEmailItsPiecesTheNameAndTheAppNameLowerCased() {
        PasswordContext context = new PasswordContext("Ada.King-Lovelace+pw@example.com", "Ada  Lovelace");
        assertThat(context.words("My App")).containsExactly(
                "ada.king-lovelace+pw@example.com", "ada.king-lovelace+pw", "ada", "king", "lovelace", "ada  lovelace", "my app", "app");
        assertThat(new PasswordContext(null, null).words("Portcullis")).containsExactly("portcullis");
    }

    @Test
    void theMinimumScoreIsConfigurable() {
        policy(0, Set.of()).check("password1234", ADA);
        policy(1, Set.of()).check("password1234", ADA);
        refusal(ErrorCode.PASSWORD_TOO_WEAK, () -> policy(2, Set.of()).check("password1234", ADA));
        // score 3: accepted by default, refused at 4, with a reason although zxcvbn gives none above 2
        DEFAULT.check("correcthorse12", ADA);
        assertThat(refusal(ErrorCode.PASSWORD_TOO_WEAK, () -> policy(4, Set.of()).check("correcthorse12", ADA)))
                .isEqualTo("Password is too weak: Add another word or two. Uncommon words are better.");
    }

    @Test
    void longPasswordsAreJudgedOnTheirFirst64CodePoints() {
        DEFAULT.check(variedEmoji(128), ADA);
        DEFAULT.check("correct horse battery staple ".repeat(5).substring(0, 120), ADA);
        String weakStart = "a".repeat(64) + "Xq7#vLm2@pR9!kT4";
        assertThat(refusal(ErrorCode.PASSWORD_TOO_WEAK, () -> DEFAULT.check(weakStart, ADA)))
                .endsWith("Only the first 64 characters are judged.");
    }
}
