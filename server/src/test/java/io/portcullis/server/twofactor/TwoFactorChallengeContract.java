package io.portcullis.server.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditQuery;
import io.portcullis.audit.AuditType;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.server.testing.TotpCodes;
import io.portcullis.testing.Parallel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * TOTP two-factor authentication over HTTP, the sign-in challenge: codes and their replay, parallel
 * submissions, expiry, attempts, and the lockout that wrong codes cause.
 */
public abstract class TwoFactorChallengeContract extends TwoFactorTesting {
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
        List<String> answers = together(clients.stream().<Callable<String>>map(client -> () -> answer(verifyTotp(client, code))).toList());
        assertThat(answers).containsExactlyInAnyOrder("200 ", "401 INVALID_CODE");
        assertThat(clients.stream().filter(ServerContract::isSignedIn).count()).isEqualTo(1);
    }

    @Test
    void aTotpCodeAndABackupCodeSentTogetherOnOneChallengeOpenOneSession() throws Exception {
        Enrolment e = enableAndConfirm();
        TestClient first = challenge(e.user());
        TestClient second = server.client();
        second.cookies.put(CHALLENGE_COOKIE, first.cookies.get(CHALLENGE_COOKIE));
        String code = freshCode(e);
        // Both codes are right: both requests reach the session's creation, and the challenge lets one finish.
        List<String> answers = together(List.of(() -> answer(verifyTotp(first, code)), () -> answer(verifyBackupCode(second, e.backupCodes().get(0)))));
        assertThat(answers).containsExactlyInAnyOrder("200 ", "401 INVALID_TWO_FACTOR_COOKIE");
        assertThat(Stream.of(first, second).filter(ServerContract::isSignedIn).count()).isEqualTo(1);
        assertThat(server.portcullis.audit().list(new AuditQuery(e.user().id(), AuditType.SIGN_IN_SUCCESS, null, null, 10)))
                .filteredOn(ev -> String.valueOf(ev.detail().get("method")).startsWith("password+")).hasSize(1);
    }

    /** The answers of these requests, started at once. */
    private static List<String> together(List<Callable<String>> requests) throws Exception {
        return Parallel.race(requests.size(), i -> requests.get(i).call());
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
        String original = server.portcullis.users().findCredentialByUserId(e.user().id()).orElseThrow().passwordHash();
        String other = original.replace("$argon2id$", "$argon2id$ ");
        assertThat(server.portcullis.users().setPasswordHash(e.user().id(), other, server.clock.instant())).isTrue();
        String challengeCookie = client.cookies.get(CHALLENGE_COOKIE);
        server.clock.advance(Duration.ofSeconds(TotpCodes.PERIOD_SECONDS));
        String code = code(server, e);
        TestClient.Response refused = verifyTotp(client, code);
        assertThat(answer(refused)).isEqualTo("401 INVALID_TWO_FACTOR_COOKIE");
        assertThat(refused.setCookie(CHALLENGE_COOKIE)).as("the dead challenge leaves the browser").hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(isSignedIn(client)).isFalse();
        List<AuditEvent> events = server.portcullis.audit().list(new AuditQuery(e.user().id(), null, null, null, AuditQuery.MAX_LIMIT));
        assertThat(events).anySatisfy(ev -> assertThat(String.valueOf(ev.detail())).contains("credential_changed"));

        // The challenge is over, not just its cookie: with the old password back, replaying it is refused.
        assertThat(server.portcullis.users().setPasswordHash(e.user().id(), original, server.clock.instant())).isTrue();
        TestClient replay = server.client();
        replay.cookies.put(CHALLENGE_COOKIE, challengeCookie);
        assertThat(answer(verifyTotp(replay, freshCode(e)))).isEqualTo("401 INVALID_TWO_FACTOR_COOKIE");

        // The refused completion did not use its code up: a new challenge takes it (a step ago, still accepted).
        assertThat(answer(verifyTotp(challenge(e.user()), code))).isEqualTo("200 ");
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
}
