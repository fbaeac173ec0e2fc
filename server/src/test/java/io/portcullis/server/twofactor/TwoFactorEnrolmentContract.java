package io.portcullis.server.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TotpCodes;
import io.portcullis.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TOTP two-factor authentication over HTTP, enrolment: enabling and its confirmation, backup codes,
 * showing the secret again, and disabling.
 */
public abstract class TwoFactorEnrolmentContract extends TwoFactorTesting {
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
}
