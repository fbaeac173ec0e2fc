package io.portcullis.server.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditQuery;
import io.portcullis.server.testing.DatabaseCells;
import io.portcullis.server.testing.Mailbox;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.server.testing.TotpCodes;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * TOTP two-factor authentication over HTTP: enrolment and its confirmation, the sign-in challenge,
 * replay, attempts and lockout, backup codes, trusted devices, disabling, and what is stored. Codes
 * come from {@link TotpCodes}, the tests' own RFC 6238, at the server's clock; a code is used at most
 * once per time step, so after one was accepted the tests move the clock 30 s for a fresh one.
 */
public abstract class TwoFactorContract extends ServerContract {
    static final String CHALLENGE_COOKIE = "portcullis.two_factor";
    static final String TRUST_COOKIE = "portcullis.trust_device";
    static final String CHALLENGE_BODY = "{\"twoFactorRedirect\":true,\"twoFactorMethods\":[\"totp\"]}";
    private static final String SECRET = "a-two-factor-test-secret-of-at-least-32-characters";
    private static final String WRONG_PASSWORD = "not the password at all";
    private static final String NEW_PASSWORD = "a brand new passphrase 42";
    private static final Pattern BACKUP_CODE = Pattern.compile("[0-9A-Za-z]{5}-[0-9A-Za-z]{5}");
    private static final Pattern RESET_LINK = Pattern.compile("/reset-password/([A-Za-z0-9_-]{43})\\?callbackURL=%2Freset");
    private static final String PNG_DATA = "data:image/png;base64,";

    private Mailbox mailbox;

    @Override
    protected Map<String, String> settings() {
        if (mailbox == null) mailbox = new Mailbox();
        Map<String, String> settings = new HashMap<>(mailbox.settings());
        // A configured secret: it keys the TOTP secret's encryption, and no ./data/secret gets written.
        settings.put("secret", SECRET);
        return settings;
    }

    @AfterAll
    void stopMailbox() {
        if (mailbox != null) mailbox.close();
    }

    // ---------------------------------------------------------------- helpers

    /** A user's confirmed (or pending) enrolment, and the client whose session made it. */
    record Enrolment(User user, TestClient client, String totpUri, String secret, List<String> backupCodes) {}

    private static String body(String... pairs) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) b.append(',');
            String value = pairs[i + 1];
            boolean literal = value.equals("true") || value.equals("false");
            b.append('"').append(pairs[i]).append("\":").append(literal ? value : '"' + value + '"');
        }
        return b.append('}').toString();
    }

    private static String password(String password) {
        return body("password", password);
    }

    /** "status CODE" of an error answer, "200 " of a success. */
    private static String answer(TestClient.Response r) {
        return r.status() + " " + (r.status() == 200 ? "" : r.json().path("code").asText());
    }

    private static String expectedUri(String issuerEncoded, String email, String secret) {
        return "otpauth://totp/" + issuerEncoded + ":" + email + "?secret=" + secret + "&issuer=" + issuerEncoded
                + "&digits=6&period=30";
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Enables 2FA (pending) for the user on a new signed-in client. */
    private static Enrolment enable(TestServer on, User user) {
        TestClient client = on.client();
        TestClient.Response signIn = client.signIn(user.email(), PASSWORD);
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
        assertThat(client.cookies).containsKey(COOKIE);
        return enable(user, client);
    }

    private static Enrolment enable(User user, TestClient client) {
        TestClient.Response r = client.post("/two-factor/enable", password(PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String uri = r.json().get("totpURI").asText();
        return new Enrolment(user, client, uri, TotpCodes.secretOf(uri), texts(r.json().get("backupCodes")));
    }

    /** Enables 2FA and confirms it with the current code: 2FA is active, the client holds the rotated session. */
    private static Enrolment enableAndConfirm(TestServer on, User user) {
        Enrolment e = enable(on, user);
        TestClient.Response r = e.client().post("/two-factor/verify-totp", body("code", TotpCodes.at(e.secret(), on.clock.instant())));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return e;
    }

    /** A new user with active 2FA. */
    private Enrolment enableAndConfirm() {
        return enableAndConfirm(server, aUser());
    }

    private User aUser() {
        return newUser(Roles.DEFAULT);
    }

    /** A new client that gave the right password and holds the challenge cookie. */
    private static TestClient challenge(TestServer on, User user) {
        TestClient client = on.client();
        TestClient.Response r = client.signIn(user.email(), PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(CHALLENGE_BODY);
        assertThat(client.cookies).containsKey(CHALLENGE_COOKIE).doesNotContainKey(COOKIE);
        return client;
    }

    private TestClient challenge(User user) {
        return challenge(server, user);
    }

    /** The code of this moment. */
    private static String code(TestServer on, Enrolment e) {
        return TotpCodes.at(e.secret(), on.clock.instant());
    }

    /** A code of a step no code was accepted in yet: moves the clock 30 s first. */
    private String freshCode(Enrolment e) {
        server.clock.advance(Duration.ofSeconds(TotpCodes.PERIOD_SECONDS));
        return code(server, e);
    }

    private static String wrongCode(TestServer on, Enrolment e) {
        return TotpCodes.wrong(e.secret(), on.clock.instant());
    }

    private String wrongCode(Enrolment e) {
        return wrongCode(server, e);
    }

    private static TestClient.Response verifyTotp(TestClient client, String code) {
        return client.post("/two-factor/verify-totp", body("code", code));
    }

    private static TestClient.Response verifyTotp(TestClient client, String code, boolean trustDevice) {
        return client.post("/two-factor/verify-totp", body("code", code, "trustDevice", String.valueOf(trustDevice)));
    }

    private static TestClient.Response verifyBackupCode(TestClient client, String code) {
        return client.post("/two-factor/verify-backup-code", body("code", code));
    }

    /** A client that completed a challenge with trustDevice and then signed out: it keeps the trust cookie only. */
    private TestClient trustedAndSignedOut(Enrolment e) {
        TestClient device = challenge(e.user());
        TestClient.Response r = verifyTotp(device, freshCode(e), true);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(device.cookies).containsKey(TRUST_COOKIE);
        assertThat(device.post("/sign-out", "{}").status()).isEqualTo(200);
        assertThat(isSignedIn(device)).isFalse();
        return device;
    }

    /** Signs in on this client and says whether it got a session directly ("session") or a challenge ("challenge"). */
    private static String signInOutcome(TestClient client, String email, String password) {
        TestClient.Response r = client.signIn(email, password);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        if (r.body().equals(CHALLENGE_BODY)) {
            assertThat(r.setCookie(COOKIE)).isEmpty();
            return "challenge";
        }
        assertThat(r.json().has("twoFactorRedirect")).isFalse();
        assertThat(r.json().get("token").asText()).isNotEmpty();
        assertThat(r.setCookie(COOKIE)).isPresent();
        assertThat(isSignedIn(client)).isTrue();
        return "session";
    }

    private JsonNode sessionUser(TestClient client) {
        return client.get("/get-session").json().get("user");
    }

    static String decodeQr(String dataUri) throws Exception {
        assertThat(dataUri).startsWith(PNG_DATA);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUri.substring(PNG_DATA.length()))));
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    /** The same code in the other letter case (upper when it has lower-case letters, else lower). */
    private static String otherCase(String code) {
        String upper = code.toUpperCase(Locale.ROOT);
        return upper.equals(code) ? code.toLowerCase(Locale.ROOT) : upper;
    }

    // ---------------------------------------------------------------- enrolment

    @Test
    void enableAnswersTheOtpauthUriItsQrCodeAndTenBackupCodesAndRefusesAWrongPassword() throws Exception {
        User user = aUser();
        TestClient client = signedIn(user);

        TestClient.Response wrong = client.post("/two-factor/enable", password(WRONG_PASSWORD));
        assertThat(answer(wrong)).isEqualTo("400 INVALID_PASSWORD");

        TestClient.Response r = client.post("/two-factor/enable", password(PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.get("method").asText()).isEqualTo("totp");
        String uri = json.get("totpURI").asText();
        String secret = TotpCodes.secretOf(uri);
        assertThat(secret).as("20 bytes of base32 without padding").matches("[A-Z2-7]{32}");
        assertThat(uri).isEqualTo(expectedUri("Portcullis", user.email(), secret));
        assertThat(decodeQr(json.get("qrCode").asText())).isEqualTo(uri);
        List<String> codes = texts(json.get("backupCodes"));
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> BACKUP_CODE.matcher(c).matches());
    }

    @Test
    void enableTakesAnIssuerAndPercentEncodesIt() throws Exception {
        User user = aUser();
        TestClient client = signedIn(user);
        TestClient.Response r = client.post("/two-factor/enable", "{\"password\":\"" + PASSWORD + "\",\"issuer\":\"Caf\\u00e9 & Co\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String uri = r.json().get("totpURI").asText();
        assertThat(uri).isEqualTo(expectedUri("Caf%C3%A9%20%26%20Co", user.email(), TotpCodes.secretOf(uri)));
        assertThat(decodeQr(r.json().get("qrCode").asText())).isEqualTo(uri);
    }

    @Test
    void anEnrolmentIsNotActiveUntilConfirmedSoSignInStillGivesASession() {
        Enrolment e = enable(server, aUser());
        assertThat(sessionUser(e.client()).get("twoFactorEnabled").asBoolean()).isFalse();
        assertThat(signInOutcome(server.client(), e.user().email(), PASSWORD)).isEqualTo("session");
    }

    @Test
    void confirmingWithTheRightCodeActivatesTwoFactorAndRotatesTheSession() {
        Enrolment e = enable(server, aUser());
        String oldCookie = e.client().cookies.get(COOKIE);

        assertThat(answer(verifyTotp(e.client(), wrongCode(e)))).isEqualTo("401 INVALID_CODE");
        assertThat(sessionUser(e.client()).get("twoFactorEnabled").asBoolean()).isFalse();

        TestClient.Response r = verifyTotp(e.client(), code(server, e));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("token").asText()).isNotEmpty();
        assertThat(r.json().at("/user/id").asText()).isEqualTo(e.user().id());
        assertThat(r.json().at("/user/twoFactorEnabled").asBoolean()).isTrue();
        assertThat(r.setCookie(COOKIE)).isPresent();
        String newCookie = e.client().cookies.get(COOKIE);
        assertThat(newCookie).isNotNull().isNotEqualTo(oldCookie);
        assertThat(cookieWorks(oldCookie)).as("the session before the confirmation").isFalse();
        assertThat(sessionUser(e.client()).get("twoFactorEnabled").asBoolean()).isTrue();

        assertThat(signInOutcome(server.client(), e.user().email(), PASSWORD)).isEqualTo("challenge");
    }

    @Test
    void enablingAgainBeforeConfirmingReplacesTheSecretAndOnceActiveEnablingIsRefused() {
        Enrolment first = enable(server, aUser());
        Enrolment second = enable(first.user(), first.client());
        assertThat(second.secret()).isNotEqualTo(first.secret());
        assertThat(second.backupCodes()).doesNotContainAnyElementsOf(first.backupCodes());

        assertThat(answer(verifyTotp(first.client(), code(server, first)))).as("the replaced secret").isEqualTo("401 INVALID_CODE");
        assertThat(answer(verifyTotp(second.client(), code(server, second)))).isEqualTo("200 ");

        TestClient.Response again = second.client().post("/two-factor/enable", password(PASSWORD));
        assertThat(answer(again)).isEqualTo("400 TWO_FACTOR_ALREADY_ENABLED");
    }

    // ---------------------------------------------------------------- sign-in challenge

    @Test
    void signInWithTwoFactorGivesOnlyAChallengeCookie() {
        Enrolment e = enableAndConfirm();
        TestClient client = server.client();
        TestClient.Response r = client.signIn(e.user().email(), PASSWORD);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(CHALLENGE_BODY);
        assertThat(r.setCookie(CHALLENGE_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("HttpOnly").contains("Max-Age=600"));
        assertThat(r.setCookie(COOKIE)).isEmpty();
        assertThat(client.get("/get-session").body()).isEqualTo("null");
    }

    @Test
    void theRightCodeCompletesTheChallengeOnceAndExpiresTheChallengeCookie() {
        Enrolment e = enableAndConfirm();
        TestClient client = challenge(e.user());
        String challengeCookie = client.cookies.get(CHALLENGE_COOKIE);

        TestClient.Response r = verifyTotp(client, freshCode(e));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("token").asText()).isNotEmpty();
        assertThat(r.json().at("/user/id").asText()).isEqualTo(e.user().id());
        assertThat(r.json().at("/user/twoFactorEnabled").asBoolean()).isTrue();
        assertThat(r.setCookie(COOKIE)).isPresent();
        assertThat(r.setCookie(CHALLENGE_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(client.cookies).doesNotContainKey(CHALLENGE_COOKIE);
        assertThat(sessionUser(client).get("id").asText()).isEqualTo(e.user().id());

        TestClient replay = server.client();
        replay.cookies.put(CHALLENGE_COOKIE, challengeCookie);
        assertThat(answer(verifyTotp(replay, freshCode(e)))).as("a used challenge").isEqualTo("401 INVALID_TWO_FACTOR_COOKIE");
        assertThat(isSignedIn(replay)).isFalse();
    }

    @Test
    void aCodeAlreadyAcceptedIsRefusedOnANewChallengeInTheSameStep() {
        Enrolment e = enableAndConfirm();
        String code = freshCode(e);
        assertThat(answer(verifyTotp(challenge(e.user()), code))).isEqualTo("200 ");

        TestClient second = challenge(e.user());
        assertThat(answer(verifyTotp(second, code))).isEqualTo("401 INVALID_CODE");
        assertThat(isSignedIn(second)).isFalse();
        assertThat(answer(verifyTotp(second, freshCode(e)))).as("the challenge survives one wrong code").isEqualTo("200 ");
    }

    @Test
    void theConfirmationCodeCannotBeReplayedAtSignIn() {
        Enrolment e = enableAndConfirm();
        // Same instant: the step the confirmation used.
        assertThat(answer(verifyTotp(challenge(e.user()), code(server, e)))).isEqualTo("401 INVALID_CODE");
    }

    @Test
    void codesOfTheStepBeforeAndAfterAreAcceptedButNotOlderOnes() {
        Enrolment e = enableAndConfirm();
        long confirmed = TotpCodes.step(server.clock.instant());
        server.clock.advance(Duration.ofSeconds(3L * TotpCodes.PERIOD_SECONDS));

        TestClient client = challenge(e.user());
        assertThat(answer(verifyTotp(client, TotpCodes.forStep(e.secret(), confirmed + 1)))).as("two steps old").isEqualTo("401 INVALID_CODE");
        assertThat(answer(verifyTotp(client, TotpCodes.forStep(e.secret(), confirmed + 2)))).as("the step before").isEqualTo("200 ");
        assertThat(answer(verifyTotp(challenge(e.user()), TotpCodes.forStep(e.secret(), confirmed + 4)))).as("the step after").isEqualTo("200 ");
    }

    @Test
    void twoParallelSubmissionsOfOneCodeOnTwoChallengesLetExactlyOneThrough() throws Exception {
        Enrolment e = enableAndConfirm();
        List<TestClient> clients = List.of(challenge(e.user()), challenge(e.user()));
        String code = freshCode(e);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (TestClient client : clients) {
                results.add(pool.submit(() -> {
                    start.await();
                    return answer(verifyTotp(client, code));
                }));
            }
            start.countDown();
            List<String> answers = new ArrayList<>();
            for (Future<String> f : results) answers.add(f.get());
            assertThat(answers).containsExactlyInAnyOrder("200 ", "401 INVALID_CODE");
        } finally {
            pool.shutdownNow();
        }
        assertThat(clients.stream().filter(ServerContract::isSignedIn).count()).isEqualTo(1);
    }

    @Test
    void withoutAChallengeCookieOrSessionOrWithAnUnknownOneTheCodeIsRefused() {
        Enrolment e = enableAndConfirm();
        TestClient nothing = server.client();
        assertThat(answer(verifyTotp(nothing, freshCode(e)))).isEqualTo("401 INVALID_TWO_FACTOR_COOKIE");
        assertThat(answer(verifyBackupCode(nothing, e.backupCodes().get(0)))).isEqualTo("401 INVALID_TWO_FACTOR_COOKIE");

        TestClient unknown = server.client();
        unknown.cookies.put(CHALLENGE_COOKIE, "A".repeat(43));
        assertThat(answer(verifyTotp(unknown, code(server, e)))).isEqualTo("401 INVALID_TWO_FACTOR_COOKIE");
        assertThat(answer(verifyBackupCode(unknown, e.backupCodes().get(0)))).isEqualTo("401 INVALID_TWO_FACTOR_COOKIE");
        assertThat(isSignedIn(unknown)).isFalse();

        // None of that spent anything: the code and the backup code still work on a real challenge.
        assertThat(answer(verifyBackupCode(challenge(e.user()), e.backupCodes().get(0)))).isEqualTo("200 ");
        assertThat(answer(verifyTotp(challenge(e.user()), code(server, e)))).isEqualTo("200 ");
    }

    @Test
    void aChallengeExpiresAfterTenMinutes() {
        Enrolment e = enableAndConfirm();
        TestClient client = challenge(e.user());
        server.clock.advance(Duration.ofSeconds(601));
        assertThat(answer(verifyTotp(client, code(server, e)))).isEqualTo("401 INVALID_TWO_FACTOR_COOKIE");
        assertThat(isSignedIn(client)).isFalse();
    }

    @Test
    void aChallengeAllowsFiveAttemptsThenIsDead() {
        // A second server over the same database with a lockout far above the challenge's limit.
        Map<String, String> lenientSettings = new HashMap<>(settings());
        lenientSettings.put("lockout.maxFailures", "50");
        try (TestServer lenient = TestServer.on(server.database, lenientSettings)) {
            Enrolment e = enableAndConfirm(lenient, aUser());
            TestClient client = challenge(lenient, e.user());
            String cookie = client.cookies.get(CHALLENGE_COOKIE);
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) answers.add(answer(verifyTotp(client, wrongCode(lenient, e))));
            assertThat(answers).containsExactly("401 INVALID_CODE", "401 INVALID_CODE", "401 INVALID_CODE", "401 INVALID_CODE",
                    "401 INVALID_CODE", "400 TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE");

            lenient.clock.advance(Duration.ofSeconds(TotpCodes.PERIOD_SECONDS));
            String right = code(lenient, e);
            client.cookies.put(CHALLENGE_COOKIE, cookie);
            assertThat(answer(verifyTotp(client, right))).isEqualTo("401 INVALID_TWO_FACTOR_COOKIE");
            assertThat(isSignedIn(client)).isFalse();

            assertThat(answer(verifyTotp(challenge(lenient, e.user()), right))).as("a new challenge").isEqualTo("200 ");
        }
    }

    @Test
    void withEnrolmentTurnedOffNobodyEnrolsButEnrolledUsersAreStillAskedForTheirCode() {
        Enrolment e = enableAndConfirm();
        Map<String, String> off = new HashMap<>(settings());
        off.put("twoFactor.enabled", "false");
        try (TestServer closed = TestServer.on(server.database, off)) {
            TestClient other = closed.client();
            other.signIn(aUser().email(), PASSWORD);
            assertThat(answer(other.post("/two-factor/enable", password(PASSWORD)))).isEqualTo("404 NOT_FOUND");
            TestClient client = challenge(closed, e.user());
            closed.clock.advance(Duration.ofSeconds(TotpCodes.PERIOD_SECONDS)); // past the step that confirmed the enrolment
            assertThat(answer(verifyTotp(client, code(closed, e)))).isEqualTo("200 ");
            assertThat(isSignedIn(client)).isTrue();
        }
    }

    @Test
    void aBrowserStillSignedInAsSomeoneElseCompletesTheChallengeItWasGiven() {
        Enrolment e = enableAndConfirm();
        TestClient browser = signedIn(aUser());
        TestClient.Response first = browser.signIn(e.user().email(), PASSWORD);
        assertThat(first.body()).isEqualTo(CHALLENGE_BODY);
        server.clock.advance(Duration.ofSeconds(TotpCodes.PERIOD_SECONDS));
        TestClient.Response done = verifyTotp(browser, code(server, e));
        assertThat(answer(done)).isEqualTo("200 ");
        assertThat(browser.get("/get-session").json().at("/user/id").asText()).isEqualTo(e.user().id());
    }

    @Test
    void aPasswordChangedBetweenTheTwoStepsVoidsTheChallenge() throws Exception {
        Enrolment e = enableAndConfirm();
        TestClient client = challenge(e.user());
        // Straight into the store, so that only the challenge's password fingerprint can notice
        // (a change through the API also deletes open challenges).
        String other = server.portcullis.users().findCredentialByUserId(e.user().id()).orElseThrow().passwordHash().replace("$argon2id$", "$argon2id$ ");
        assertThat(server.portcullis.users().setPasswordHash(e.user().id(), other, server.clock.instant())).isTrue();
        server.clock.advance(Duration.ofSeconds(TotpCodes.PERIOD_SECONDS));
        TestClient.Response refused = verifyTotp(client, code(server, e));
        assertThat(answer(refused)).isEqualTo("401 INVALID_TWO_FACTOR_COOKIE");
        assertThat(refused.setCookie(CHALLENGE_COOKIE)).as("the dead challenge leaves the browser").hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(isSignedIn(client)).isFalse();
        List<AuditEvent> events = server.portcullis.audit().list(new AuditQuery(e.user().id(), null, null, null, AuditQuery.MAX_LIMIT));
        assertThat(events).anySatisfy(ev -> assertThat(String.valueOf(ev.detail())).contains("credential_changed"));
    }

    // ---------------------------------------------------------------- lockout

    @Test
    void wrongCodesOnSeveralChallengesLockTheAccount() {
        Enrolment e = enableAndConfirm();
        TestClient first = challenge(e.user());
        for (int i = 0; i < 3; i++) assertThat(answer(verifyTotp(first, wrongCode(e)))).isEqualTo("401 INVALID_CODE");
        TestClient second = challenge(e.user());
        for (int i = 0; i < 2; i++) assertThat(answer(verifyTotp(second, wrongCode(e)))).isEqualTo("401 INVALID_CODE");

        assertThat(answer(verifyTotp(second, freshCode(e)))).isEqualTo("429 ACCOUNT_LOCKED");
        assertThat(isSignedIn(second)).isFalse();
        assertThat(answer(server.client().signIn(e.user().email(), PASSWORD))).isEqualTo("429 ACCOUNT_LOCKED");
    }

    @Test
    void theRightPasswordAloneDoesNotForgetWrongCodes() {
        Enrolment e = enableAndConfirm();
        TestClient first = challenge(e.user());
        for (int i = 0; i < 2; i++) assertThat(answer(verifyTotp(first, wrongCode(e)))).isEqualTo("401 INVALID_CODE");
        challenge(e.user());
        TestClient third = challenge(e.user());
        for (int i = 0; i < 3; i++) assertThat(answer(verifyTotp(third, wrongCode(e)))).isEqualTo("401 INVALID_CODE");

        assertThat(answer(server.client().signIn(e.user().email(), PASSWORD))).isEqualTo("429 ACCOUNT_LOCKED");
    }

    @Test
    void wrongBackupCodesCountTowardTheLockoutToo() {
        Enrolment e = enableAndConfirm();
        TestClient client = challenge(e.user());
        for (int i = 0; i < 3; i++) assertThat(answer(verifyBackupCode(client, "zzzzz-zzzzz"))).isEqualTo("401 INVALID_BACKUP_CODE");
        for (int i = 0; i < 2; i++) assertThat(answer(verifyTotp(client, wrongCode(e)))).isEqualTo("401 INVALID_CODE");
        assertThat(answer(server.client().signIn(e.user().email(), PASSWORD))).isEqualTo("429 ACCOUNT_LOCKED");
    }

    // ---------------------------------------------------------------- backup codes

    @Test
    void aBackupCodeCompletesTheChallengeOnceWithOrWithoutTheDashInAnyCase() {
        Enrolment e = enableAndConfirm();
        List<String> codes = e.backupCodes();

        TestClient first = challenge(e.user());
        TestClient.Response r = verifyBackupCode(first, codes.get(0));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("token").asText()).isNotEmpty();
        assertThat(r.json().at("/user/id").asText()).isEqualTo(e.user().id());
        assertThat(r.setCookie(COOKIE)).isPresent();
        assertThat(sessionUser(first).get("id").asText()).isEqualTo(e.user().id());

        TestClient second = challenge(e.user());
        assertThat(answer(verifyBackupCode(second, codes.get(0)))).as("spent").isEqualTo("401 INVALID_BACKUP_CODE");
        assertThat(answer(verifyBackupCode(second, codes.get(1).replace("-", "")))).as("without the dash").isEqualTo("200 ");
        assertThat(isSignedIn(second)).isTrue();

        assertThat(answer(verifyBackupCode(challenge(e.user()), otherCase(codes.get(2))))).as("other case").isEqualTo("200 ");
    }

    @Test
    void generatingBackupCodesVoidsTheOldOnes() {
        Enrolment e = enableAndConfirm();
        assertThat(answer(e.client().post("/two-factor/generate-backup-codes", password(WRONG_PASSWORD)))).isEqualTo("400 INVALID_PASSWORD");

        TestClient.Response r = e.client().post("/two-factor/generate-backup-codes", password(PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("status").asBoolean()).isTrue();
        List<String> fresh = texts(r.json().get("backupCodes"));
        assertThat(fresh).hasSize(10).doesNotHaveDuplicates().allMatch(c -> BACKUP_CODE.matcher(c).matches())
                .doesNotContainAnyElementsOf(e.backupCodes());

        TestClient client = challenge(e.user());
        assertThat(answer(verifyBackupCode(client, e.backupCodes().get(0)))).as("an unused old code").isEqualTo("401 INVALID_BACKUP_CODE");
        assertThat(answer(verifyBackupCode(client, fresh.get(0)))).isEqualTo("200 ");
    }

    @Test
    void backupCodesCannotBeGeneratedWithoutActiveTwoFactor() {
        Enrolment pending = enable(server, aUser());
        assertThat(answer(pending.client().post("/two-factor/generate-backup-codes", password(PASSWORD)))).isEqualTo("400 TWO_FACTOR_NOT_ENABLED");
    }

    // ---------------------------------------------------------------- get-totp-uri, disable

    @Test
    void getTotpUriShowsTheEnrolledSecretAgainWithThePassword() throws Exception {
        TestClient none = signedIn(aUser());
        assertThat(answer(none.post("/two-factor/get-totp-uri", password(PASSWORD)))).isEqualTo("400 TOTP_NOT_ENABLED");

        Enrolment e = enableAndConfirm();
        assertThat(answer(e.client().post("/two-factor/get-totp-uri", password(WRONG_PASSWORD)))).isEqualTo("400 INVALID_PASSWORD");
        TestClient.Response r = e.client().post("/two-factor/get-totp-uri", password(PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String uri = r.json().get("totpURI").asText();
        assertThat(TotpCodes.secretOf(uri)).isEqualTo(e.secret());
        assertThat(uri).isEqualTo(e.totpUri());
        assertThat(decodeQr(r.json().get("qrCode").asText())).isEqualTo(uri);
    }

    @Test
    void disableNeedsThePasswordRotatesTheSessionAndSignInNoLongerAsksForACode() {
        Enrolment e = enableAndConfirm();
        String oldCookie = e.client().cookies.get(COOKIE);
        assertThat(answer(e.client().post("/two-factor/disable", password(WRONG_PASSWORD)))).isEqualTo("400 INVALID_PASSWORD");
        assertThat(e.client().cookies.get(COOKIE)).isEqualTo(oldCookie);

        TestClient.Response r = e.client().post("/two-factor/disable", password(PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("status").asBoolean()).isTrue();
        assertThat(e.client().cookies.get(COOKIE)).isNotNull().isNotEqualTo(oldCookie);
        assertThat(cookieWorks(oldCookie)).isFalse();
        assertThat(sessionUser(e.client()).get("twoFactorEnabled").asBoolean()).isFalse();

        assertThat(signInOutcome(server.client(), e.user().email(), PASSWORD)).isEqualTo("session");
    }

    // ---------------------------------------------------------------- trusted devices

    @Test
    void aTrustedDeviceSignsInWithoutACodeAndOthersAreStillChallenged() {
        Enrolment e = enableAndConfirm();
        TestClient device = challenge(e.user());
        TestClient.Response r = verifyTotp(device, freshCode(e), true);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.setCookie(TRUST_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("HttpOnly").contains("Max-Age=2592000"));
        assertThat(device.post("/sign-out", "{}").status()).isEqualTo(200);

        assertThat(signInOutcome(device, e.user().email(), PASSWORD)).isEqualTo("session");
        assertThat(signInOutcome(server.client(), e.user().email(), PASSWORD)).isEqualTo("challenge");

        TestClient untrusting = challenge(e.user());
        assertThat(answer(verifyTotp(untrusting, freshCode(e), false))).isEqualTo("200 ");
        assertThat(untrusting.cookies).doesNotContainKey(TRUST_COOKIE);
    }

    @Test
    void aBackupCodeCanTrustTheDeviceToo() {
        Enrolment e = enableAndConfirm();
        TestClient device = challenge(e.user());
        TestClient.Response r = device.post("/two-factor/verify-backup-code", body("code", e.backupCodes().get(0), "trustDevice", "true"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.setCookie(TRUST_COOKIE)).isPresent();
        assertThat(device.post("/sign-out", "{}").status()).isEqualTo(200);
        assertThat(signInOutcome(device, e.user().email(), PASSWORD)).isEqualTo("session");
    }

    @Test
    void aPasswordChangeForgetsTrustedDevices() {
        Enrolment e = enableAndConfirm();
        TestClient device = trustedAndSignedOut(e);

        TestClient.Response change = e.client().post("/change-password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\",\"revokeOtherSessions\":true}");
        assertThat(change.status()).as(change.body()).isEqualTo(200);

        assertThat(signInOutcome(device, e.user().email(), NEW_PASSWORD)).isEqualTo("challenge");
    }

    @Test
    void aPasswordResetForgetsTrustedDevices() throws Exception {
        Enrolment e = enableAndConfirm();
        TestClient device = trustedAndSignedOut(e);

        assertThat(server.client().post("/request-password-reset", body("email", e.user().email(), "redirectTo", "/reset")).status()).isEqualTo(200);
        String token = resetToken(e.user().email());
        assertThat(server.client().post("/reset-password", body("token", token, "newPassword", NEW_PASSWORD)).status()).isEqualTo(200);

        assertThat(signInOutcome(device, e.user().email(), NEW_PASSWORD)).isEqualTo("challenge");
    }

    @Test
    void aPasswordResetDoesNotLiftALockThatWrongCodesCaused() throws Exception {
        Enrolment e = enableAndConfirm();
        TestClient client = challenge(e.user());
        for (int i = 0; i < 5; i++) assertThat(answer(verifyTotp(client, wrongCode(server, e)))).isEqualTo("401 INVALID_CODE");

        assertThat(server.client().post("/request-password-reset", body("email", e.user().email(), "redirectTo", "/reset")).status()).isEqualTo(200);
        String token = resetToken(e.user().email());
        assertThat(server.client().post("/reset-password", body("token", token, "newPassword", NEW_PASSWORD)).status()).isEqualTo(200);

        // Whoever reads the mailbox must not win five more guesses at the code with every reset.
        assertThat(answer(server.client().signIn(e.user().email(), NEW_PASSWORD))).isEqualTo("429 ACCOUNT_LOCKED");
        server.clock.advance(Duration.ofMinutes(15));
        assertThat(signInOutcome(server.client(), e.user().email(), NEW_PASSWORD)).isEqualTo("challenge");
    }

    /** The token of the reset link mailed to this address (other mails, such as notices, are skipped). */
    private String resetToken(String email) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int expected = 1; System.nanoTime() < deadline; ) {
            List<MimeMessage> mails = mailbox.to(email, expected, Duration.ofSeconds(1));
            for (MimeMessage mail : mails) {
                Matcher m = RESET_LINK.matcher(Mailbox.text(mail));
                if (m.find()) return m.group(1);
            }
            expected = mails.size() + 1;
        }
        throw new AssertionError("no reset link mailed to " + email);
    }

    @Test
    void disablingAndEnablingAgainForgetsTrustedDevices() {
        Enrolment e = enableAndConfirm();
        TestClient device = trustedAndSignedOut(e);

        assertThat(answer(e.client().post("/two-factor/disable", password(PASSWORD)))).isEqualTo("200 ");
        Enrolment again = enable(e.user(), e.client());
        assertThat(answer(verifyTotp(again.client(), freshCode(again)))).isEqualTo("200 ");

        assertThat(signInOutcome(device, e.user().email(), PASSWORD)).isEqualTo("challenge");
    }

    // ---------------------------------------------------------------- storage and audit

    @Test
    void theDatabaseHoldsNoSecretNoBackupCodeAndNoCookieInTheClear() throws Exception {
        Enrolment e = enableAndConfirm();
        TestClient trusted = challenge(e.user());
        String usedChallenge = trusted.cookies.get(CHALLENGE_COOKIE);
        assertThat(answer(verifyTotp(trusted, freshCode(e), true))).isEqualTo("200 ");
        String trustCookie = trusted.cookies.get(TRUST_COOKIE);
        TestClient pending = challenge(e.user());
        String pendingChallenge = pending.cookies.get(CHALLENGE_COOKIE);
        assertThat(trustCookie).isNotNull();
        assertThat(pendingChallenge).isNotNull().isNotEqualTo(usedChallenge);

        try (Connection c = server.database.connect()) {
            List<List<String>> twoFactor = rows(c, "SELECT secret_encrypted, backup_codes FROM two_factor WHERE user_id = ?", e.user().id());
            assertThat(twoFactor).hasSize(1);
            String encrypted = twoFactor.get(0).get(0);
            String backupCodes = twoFactor.get(0).get(1);
            assertThat(encrypted).doesNotContain(e.secret()).doesNotContain(e.secret().toLowerCase(Locale.ROOT));
            for (String code : e.backupCodes()) {
                assertThat(backupCodes).doesNotContainIgnoringCase(code).doesNotContainIgnoringCase(code.replace("-", ""));
            }

            List<String> deviceHashes = column(rows(c, "SELECT token_hash FROM trusted_device WHERE user_id = ?", e.user().id()));
            assertThat(deviceHashes).hasSize(1).allMatch(h -> h.strip().matches("[0-9a-f]{64}")).doesNotContain(trustCookie);
            List<String> challengeHashes = column(rows(c, "SELECT token_hash FROM two_factor_challenge WHERE user_id = ?", e.user().id()));
            assertThat(challengeHashes).isNotEmpty().allMatch(h -> h.strip().matches("[0-9a-f]{64}"))
                    .doesNotContain(usedChallenge, pendingChallenge);
        }

        List<String> secrets = new ArrayList<>(List.of(e.secret(), e.secret().toLowerCase(Locale.ROOT), trustCookie, usedChallenge, pendingChallenge,
                trusted.cookies.get(COOKIE), e.client().cookies.get(COOKIE)));
        for (String code : e.backupCodes()) {
            secrets.add(code);
            secrets.add(code.replace("-", ""));
        }
        assertThat(DatabaseCells.containingAny(server.database, secrets)).as("cells holding a secret, a backup code or a cookie").isEmpty();
    }

    @Test
    void enablingFailingAndDisablingAreAuditedWithoutTheCodes() {
        Enrolment e = enableAndConfirm();
        String wrong = wrongCode(e);
        assertThat(answer(verifyTotp(challenge(e.user()), wrong))).isEqualTo("401 INVALID_CODE");
        assertThat(answer(e.client().post("/two-factor/disable", password(PASSWORD)))).isEqualTo("200 ");

        List<AuditEvent> events = server.portcullis.audit().list(new AuditQuery(e.user().id(), null, null, null, AuditQuery.MAX_LIMIT));
        assertThat(events).extracting(ev -> ev.type() == null ? null : ev.type().wireName()).contains("two_factor_enabled", "two_factor_failed", "two_factor_disabled");
        for (AuditEvent event : events) {
            String detail = String.valueOf(event.detail());
            assertThat(detail).doesNotContain(wrong).doesNotContain(e.secret());
            for (String code : e.backupCodes()) assertThat(detail).doesNotContain(code);
        }
    }

    @Test
    void theOwnerIsMailedWhenTwoFactorGoesOnAndOff() throws Exception {
        Enrolment e = enableAndConfirm();
        List<MimeMessage> on = mailbox.to(e.user().email(), 1, Duration.ofSeconds(10));
        assertThat(on).extracting(MimeMessage::getSubject).containsExactly("Two-factor authentication is on for your Portcullis account");
        assertThat(answer(e.client().post("/two-factor/disable", password(PASSWORD)))).isEqualTo("200 ");
        List<MimeMessage> both = mailbox.to(e.user().email(), 2, Duration.ofSeconds(10));
        assertThat(both).extracting(MimeMessage::getSubject).containsExactly("Two-factor authentication is on for your Portcullis account",
                "Two-factor authentication is off for your Portcullis account");
        assertThat(Mailbox.text(both.get(1))).contains(e.user().email(), "signing in takes only your password again");
    }

    private static List<List<String>> rows(Connection c, String sql, String parameter) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) row.add(rs.getString(i));
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static List<String> column(List<List<String>> rows) {
        return rows.stream().map(r -> r.get(0)).toList();
    }
}
