package io.portcullis.server.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.Parallel;
import io.portcullis.user.User;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The password policy over HTTP, with the default configuration (12 to 128 code points, zxcvbn score
 * at least 3, app name Portcullis): at sign-up, change-password and admin set-user-password. And
 * stored hashes from elsewhere (Better Auth's scrypt, weaker Argon2id) that sign in and are re-hashed.
 */
abstract class PasswordPolicyContract extends ServerContract {
    /** {@code PASSWORD} with t=1. The reference implementation's CLI: echo -n "$PASSWORD" | argon2 0123456789abcdef -id -t 1 -k 19456 -p 1 -l 32 -e */
    private static final String WEAKER_ARGON2ID = "$argon2id$v=19$m=19456,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$K1enrpRISY3No+jNJpy4lWQ9CODG1EkHvgTm4QcKGEc";

    private static final String CURRENT_ARGON2ID = "$argon2id$v=19$m=19456,t=2,p=1$";
    // Produced by better-auth 1.7.25's hashPassword (better-auth/crypto) for BETTER_AUTH_PASSWORD.
    private static final String BETTER_AUTH_PASSWORD = "Imported from Better Auth 7!";
    private static final String BETTER_AUTH_HASH = "43562be812ce74b1b2906717a5a24dd7:a96f3793650dbef8cad8b3f1ae9ee0afd610842d8085206eb4a738f30d33ea63a2c8116ca4169b768917d6535750c44e178fc78f3512b8c3dc442a4f13261524";

    /** Scores 4 on its own; 2 once zxcvbn knows the application is called Portcullis. */
    private static final String APP_NAME_PASSWORD = "Portcullis2026!";

    private static void assertRefused(TestClient.Response r, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo(code);
    }

    /** {@code count} different emoji outside the BMP (two UTF-16 units each), without repeats or runs. */
    private static String variedEmoji(int count) {
        StringBuilder b = new StringBuilder();
        IntStream.range(0, count).forEach(i -> b.appendCodePoint(0x1F600 + (i * 37) % 80));
        return b.toString();
    }

    /** Writes a password hash straight into the user's credential row, as an import would. */
    private void storeHash(User user, String hash) throws SQLException {
        try (Connection c = server.database.connect();
             PreparedStatement ps = c.prepareStatement("UPDATE account SET password_hash = ? WHERE user_id = ? AND provider_id = 'credential'")) {
            ps.setString(1, hash);
            ps.setString(2, user.id());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private String storedHash(User user) throws SQLException {
        try (Connection c = server.database.connect();
             PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM account WHERE user_id = ? AND provider_id = 'credential'")) {
            ps.setString(1, user.id());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static String changePassword(String current, String next) {
        return "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\"}";
    }

    private static String setUserPassword(User target, String password) {
        return "{\"userId\":\"" + target.id() + "\",\"newPassword\":\"" + password + "\"}";
    }

    @Test
    void signUpRefusesPasswordsShorterThan12CodePointsBeforeJudgingStrength() {
        assertRefused(server.client().signUp(newEmail(), "password123"), "PASSWORD_TOO_SHORT"); // 11, and weak too
        TestClient.Response strongButShort = server.client().signUp(newEmail(), "Xq7#vLm2@pR");
        assertRefused(strongButShort, "PASSWORD_TOO_SHORT");
        assertThat(strongButShort.json().get("message").asText()).isEqualTo("Password is too short: use at least 12 characters");
    }

    @Test
    void signUpRefusesWeakPasswordsAndSaysWhy() {
        TestClient.Response weak = server.client().signUp(newEmail(), "password1234");
        assertRefused(weak, "PASSWORD_TOO_WEAK");
        assertThat(weak.json().get("message").asText())
                .isEqualTo("Password is too weak: This is a very common password. Add another word or two. Uncommon words are better.");
        assertThat(weak.setCookies()).isEmpty();
    }

    @Test
    void theApplicationNameIsAGuessableWord() {
        TestClient.Response r = server.client().signUp(newEmail(), APP_NAME_PASSWORD);
        assertRefused(r, "PASSWORD_TOO_WEAK");
        assertThat(r.json().get("message").asText()).startsWith("Password is too weak: ").contains("Add another word or two");
    }

    @Test
    void theUsersOwnEmailIsAGuessablePasswordButSomebodyElsesIsNot() {
        String email = newEmail();
        assertRefused(server.client().signUp(email, email), "PASSWORD_TOO_WEAK");
        // the same kind of string, strong for a user it does not name
        assertThat(server.client().signUp(newEmail(), email).status()).isEqualTo(200);
    }

    @Test
    void a128CodePointEmojiPassphraseIsAcceptedAndSignsIn() {
        String email = newEmail();
        String emoji = variedEmoji(128);
        assertThat(emoji.length()).isEqualTo(256);

        assertThat(server.client().signUp(email, emoji).status()).isEqualTo(200);
        assertThat(server.client().signIn(email, emoji).status()).isEqualTo(200);
        assertRefused(server.client().signUp(newEmail(), variedEmoji(129)), "PASSWORD_TOO_LONG");
    }

    @Test
    void longPasswordsAreNeverTruncated() {
        String email = newEmail();
        String common = "Forty two tired otters juggle nine brass lanterns under a violet moon by the quiet harbour wall, and nobody";
        String first = (common + " minds at all!!!").substring(0, 119) + "A";
        String second = first.substring(0, 119) + "B";
        assertThat(first.codePointCount(0, first.length())).isEqualTo(120);

        assertThat(server.client().signUp(email, first).status()).isEqualTo(200);
        assertThat(server.client().signIn(email, second).status()).isEqualTo(401);
        assertThat(server.client().signIn(email, first).status()).isEqualTo(200);
    }

    @Test
    void changePasswordJudgesTheNewPasswordAgainstTheCallersEmailAndName() {
        User user = server.portcullis.emailPassword().createUser(newEmail(), "Xanthippe Quibblesworth", PASSWORD, null, "user");
        TestClient client = signedIn(user);

        assertRefused(client.post("/change-password", changePassword(PASSWORD, user.email())), "PASSWORD_TOO_WEAK");
        assertRefused(client.post("/change-password", changePassword(PASSWORD, "Quibblesworth1999")), "PASSWORD_TOO_WEAK");
        assertRefused(client.post("/change-password", changePassword(PASSWORD, APP_NAME_PASSWORD)), "PASSWORD_TOO_WEAK");
        assertRefused(client.post("/change-password", changePassword(PASSWORD, "password1234")), "PASSWORD_TOO_WEAK");
        assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(200);
        assertThat(client.post("/change-password", changePassword(PASSWORD, "Quibblesworth never guessed this one")).status()).isEqualTo(200);
    }

    @Test
    void setUserPasswordJudgesThePasswordAgainstTheTargetNotTheAdmin() {
        User admin = newUser("admin");
        User target = newUser("user");
        TestClient adminClient = signedIn(admin);

        assertRefused(adminClient.post("/admin/set-user-password", setUserPassword(target, target.email())), "PASSWORD_TOO_WEAK");
        assertRefused(adminClient.post("/admin/set-user-password", setUserPassword(target, "password1234")), "PASSWORD_TOO_WEAK");
        assertThat(server.client().signIn(target.email(), PASSWORD).status()).isEqualTo(200);
        // the admin's email names the admin, not the target
        assertThat(adminClient.post("/admin/set-user-password", setUserPassword(target, admin.email())).status()).isEqualTo(200);
        assertThat(server.client().signIn(target.email(), admin.email()).status()).isEqualTo(200);
    }

    @Test
    void requiredCharacterClassesApplyAtSignUpChangePasswordAndSetUserPassword() {
        String strong = "Nine brass lanterns, 42 otters";
        try (TestServer strict = TestServer.start(kind(), Map.of("password.requireClasses", "upper,digit,symbol"))) {
            TestClient.Response signUp = strict.client().signUp(newEmail(), PASSWORD);
            assertRefused(signUp, "PASSWORD_MISSING_CHARACTER_CLASS");
            assertThat(signUp.json().get("message").asText())
                    .isEqualTo("Password is missing a required kind of character: add an uppercase letter and a digit");

            User admin = strict.portcullis.emailPassword().createUser(newEmail(), "Admin", strong, null, "admin");
            User target = strict.portcullis.emailPassword().createUser(newEmail(), "Target", strong, null, "user");
            TestClient adminClient = strict.client();
            assertThat(adminClient.signIn(admin.email(), strong).status()).isEqualTo(200);
            TestClient targetClient = strict.client();
            assertThat(targetClient.signIn(target.email(), strong).status()).isEqualTo(200);

            assertRefused(targetClient.post("/change-password", changePassword(strong, "no digits or capitals here")), "PASSWORD_MISSING_CHARACTER_CLASS");
            assertRefused(adminClient.post("/admin/set-user-password", setUserPassword(target, "NoDigitsButCapitals here")), "PASSWORD_MISSING_CHARACTER_CLASS");
            // classes before strength: complete but weak is TOO_WEAK
            assertRefused(adminClient.post("/admin/set-user-password", setUserPassword(target, "Password1234!")), "PASSWORD_TOO_WEAK");
            assertThat(strict.client().signIn(target.email(), strong).status()).isEqualTo(200);
        }
    }

    @Test
    void aBetterAuthScryptHashSignsInAndIsReplacedByArgon2id() throws Exception {
        User user = newUser("user");
        storeHash(user, BETTER_AUTH_HASH);

        assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(storedHash(user)).isEqualTo(BETTER_AUTH_HASH);

        assertThat(server.client().signIn(user.email(), BETTER_AUTH_PASSWORD).status()).isEqualTo(200);
        String rehashed = storedHash(user);
        assertThat(rehashed).startsWith(CURRENT_ARGON2ID);
        assertThat(server.client().signIn(user.email(), BETTER_AUTH_PASSWORD).status()).isEqualTo(200);
        assertThat(storedHash(user)).isEqualTo(rehashed);
        assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void anArgon2idHashWithOtherParametersIsReplacedAtSignIn() throws Exception {
        User user = newUser("user");
        String weaker = WEAKER_ARGON2ID;
        assertThat(weaker).startsWith("$argon2id$v=19$m=19456,t=1,p=1$");
        storeHash(user, weaker);

        assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(200);
        String rehashed = storedHash(user);
        assertThat(rehashed).startsWith(CURRENT_ARGON2ID);
        assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(200);
        assertThat(storedHash(user)).isEqualTo(rehashed);
    }

    @Test
    void parallelSignInsWithTheRightPasswordAllSucceedWhileOneOfThemReplacesTheHash() throws Exception {
        User user = newUser("user");
        storeHash(user, WEAKER_ARGON2ID);
        List<Integer> statuses = Parallel.race(8, i -> server.client().signIn(user.email(), PASSWORD).status());
        assertThat(statuses).as("a re-hash by one is no password change for the others").containsOnly(200);
        assertThat(storedHash(user)).startsWith(CURRENT_ARGON2ID);
    }
}
