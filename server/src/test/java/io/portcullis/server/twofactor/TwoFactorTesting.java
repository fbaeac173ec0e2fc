package io.portcullis.server.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.portcullis.server.testing.Mailbox;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.server.testing.TotpCodes;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;

/**
 * The base of the two-factor contracts: the server's settings (a configured secret, a mailbox) and the
 * helpers they share to enrol users, meet the sign-in challenge and read the answers. Codes come from
 * {@link TotpCodes}, the tests' own RFC 6238, at the server's clock; a code is used at most once per
 * time step, so after one was accepted the tests move the clock 30 s for a fresh one.
 */
public abstract class TwoFactorTesting extends ServerContract {
    static final String CHALLENGE_COOKIE = "portcullis.two_factor";
    static final String TRUST_COOKIE = "portcullis.trust_device";
    static final String CHALLENGE_BODY = "{\"twoFactorRedirect\":true,\"twoFactorMethods\":[\"totp\"]}";
    private static final String SECRET = "a-two-factor-test-secret-of-at-least-32-characters";
    static final String WRONG_PASSWORD = "not the password at all";
    static final String NEW_PASSWORD = "a brand new passphrase 42";
    static final Pattern BACKUP_CODE = Pattern.compile("[0-9A-Za-z]{5}-[0-9A-Za-z]{5}");
    static final Pattern RESET_LINK = Pattern.compile("/reset-password/([A-Za-z0-9_-]{43})\\?callbackURL=%2Freset");
    private static final String PNG_DATA = "data:image/png;base64,";

    Mailbox mailbox;

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

    static String body(String... pairs) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) b.append(',');
            String value = pairs[i + 1];
            boolean literal = value.equals("true") || value.equals("false");
            b.append('"').append(pairs[i]).append("\":").append(literal ? value : '"' + value + '"');
        }
        return b.append('}').toString();
    }

    static String password(String password) {
        return body("password", password);
    }

    /** "status CODE" of an error answer, "200 " of a success. */
    static String answer(TestClient.Response r) {
        return r.status() + " " + (r.status() == 200 ? "" : r.json().path("code").asText());
    }

    static String expectedUri(String issuerEncoded, String email, String secret) {
        return "otpauth://totp/" + issuerEncoded + ":" + email + "?secret=" + secret + "&issuer=" + issuerEncoded
                + "&digits=6&period=30";
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Enables 2FA (pending) for the user on a new signed-in client. */
    static Enrolment enable(TestServer on, User user) {
        TestClient client = on.client();
        TestClient.Response signIn = client.signIn(user.email(), PASSWORD);
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
        assertThat(client.cookies).containsKey(COOKIE);
        return enable(user, client);
    }

    static Enrolment enable(User user, TestClient client) {
        TestClient.Response r = client.post("/two-factor/enable", password(PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String uri = r.json().get("totpURI").asText();
        return new Enrolment(user, client, uri, TotpCodes.secretOf(uri), texts(r.json().get("backupCodes")));
    }

    /** Enables 2FA and confirms it with the current code: 2FA is active, the client holds the rotated session. */
    static Enrolment enableAndConfirm(TestServer on, User user) {
        Enrolment e = enable(on, user);
        TestClient.Response r = e.client().post("/two-factor/verify-totp", body("code", TotpCodes.at(e.secret(), on.clock.instant())));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return e;
    }

    /** A new user with active 2FA. */
    Enrolment enableAndConfirm() {
        return enableAndConfirm(server, aUser());
    }

    User aUser() {
        return newUser(Roles.DEFAULT);
    }

    /** A new client that gave the right password and holds the challenge cookie. */
    static TestClient challenge(TestServer on, User user) {
        TestClient client = on.client();
        TestClient.Response r = client.signIn(user.email(), PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(CHALLENGE_BODY);
        assertThat(client.cookies).containsKey(CHALLENGE_COOKIE).doesNotContainKey(COOKIE);
        return client;
    }

    TestClient challenge(User user) {
        return challenge(server, user);
    }

    /** The code of this moment. */
    static String code(TestServer on, Enrolment e) {
        return TotpCodes.at(e.secret(), on.clock.instant());
    }

    /** A code of a step no code was accepted in yet: moves the clock 30 s first. */
    String freshCode(Enrolment e) {
        server.clock.advance(Duration.ofSeconds(TotpCodes.PERIOD_SECONDS));
        return code(server, e);
    }

    static String wrongCode(TestServer on, Enrolment e) {
        return TotpCodes.wrong(e.secret(), on.clock.instant());
    }

    String wrongCode(Enrolment e) {
        return wrongCode(server, e);
    }

    static TestClient.Response verifyTotp(TestClient client, String code) {
        return client.post("/two-factor/verify-totp", body("code", code));
    }

    static TestClient.Response verifyTotp(TestClient client, String code, boolean trustDevice) {
        return client.post("/two-factor/verify-totp", body("code", code, "trustDevice", String.valueOf(trustDevice)));
    }

    static TestClient.Response verifyBackupCode(TestClient client, String code) {
        return client.post("/two-factor/verify-backup-code", body("code", code));
    }

    /** A client that completed a challenge with trustDevice and then signed out: it keeps the trust cookie only. */
    TestClient trustedAndSignedOut(Enrolment e) {
        TestClient device = challenge(e.user());
        TestClient.Response r = verifyTotp(device, freshCode(e), true);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(device.cookies).containsKey(TRUST_COOKIE);
        assertThat(device.post("/sign-out", "{}").status()).isEqualTo(200);
        assertThat(isSignedIn(device)).isFalse();
        return device;
    }

    /** Signs in on this client and says whether it got a session directly ("session") or a challenge ("challenge"). */
    static String signInOutcome(TestClient client, String email, String password) {
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

    JsonNode sessionUser(TestClient client) {
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
    static String otherCase(String code) {
        String upper = code.toUpperCase(Locale.ROOT);
        return upper.equals(code) ? code.toLowerCase(Locale.ROOT) : upper;
    }
}
