package io.portcullis.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portcullis.ErrorCode;
import io.portcullis.Ids;
import io.portcullis.PortcullisException;
import io.portcullis.Sha256;
import io.portcullis.session.SessionToken;
import io.portcullis.testing.Parallel;
import io.portcullis.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The sign-in challenges of two-factor users: their store, and the attempts counted on them, against each real database. */
abstract class SignInChallengeStoreContract extends TwoFactorStoreTesting {
    @Test
    void aChallengeIsFoundByItsHashWithItsState() {
        User user = newUser();
        String id = Ids.newId();
        String hash = Sha256.hex(Ids.randomBase64Url(32));
        Instant expires = now().plus(Duration.ofMinutes(10));
        challenges.insert(id, user.id(), hash, true, FINGERPRINT, now(), expires);

        TwoFactorChallenge found = challenges.find(hash).orElseThrow();
        assertThat(found).isEqualTo(new TwoFactorChallenge(id, user.id(), true, FINGERPRINT, now(), expires, 0, null));
        assertThat(found.isOpen(now())).isTrue();
        assertThat(found.isOpen(expires)).isFalse();
        assertThat(challenges.find(Sha256.hex(Ids.randomBase64Url(32)))).isEmpty();
    }

    @Test
    void ofTwentyParallelAttemptsWithAMaximumOfFiveExactlyFiveMayProceed() throws Exception {
        User user = newUser();
        String id = Ids.newId();
        String hash = Sha256.hex(Ids.randomBase64Url(32));
        challenges.insert(id, user.id(), hash, false, FINGERPRINT, now(), now().plus(Duration.ofMinutes(10)));

        List<Boolean> results = Parallel.race(PARALLEL, i -> challenges.countAttempt(id, 5, now()));

        assertThat(results.stream().filter(r -> r).count()).isEqualTo(5);
        assertThat(challenges.find(hash).orElseThrow().attempts()).isEqualTo(5);
        assertThat(challenges.countAttempt(id, 5, now())).isFalse();
    }

    @Test
    void anAttemptOnAChallengeThatAParallelCompletionIsMeetingEndsAsAnInvalidCookieNotAsTooManyAttempts() throws Exception {
        User user = newUser();
        SignInChallenges signIn = new SignInChallenges(challenges, devices, clock);
        String token = signIn.open(user.id(), false, "$argon2id$v=19$m=19456,t=2,p=1$example");
        TwoFactorChallenge challenge = signIn.attempt(token);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // The completion holds the challenge's row, met but not committed, while another request
            // reads the challenge as open and waits on the row to count its attempt.
            Future<PortcullisException> attempt = db.inTransaction(h -> {
                assertThat(signIn.meet(challenge)).isTrue();
                Future<PortcullisException> waiting = other.submit(() -> catchThrowableOfType(PortcullisException.class, () -> signIn.attempt(token)));
                pause(Duration.ofMillis(500));
                return waiting;
            });
            assertThat(attempt.get().code()).isEqualTo(ErrorCode.INVALID_TWO_FACTOR_COOKIE);
        } finally {
            other.shutdownNow();
        }
        assertThat(challenges.find(SessionToken.hash(token)).orElseThrow().attempts()).as("no attempt counted").isEqualTo(1);
    }

    @Test
    void aChallengeIsMetOnceAndNoAttemptCountsAfterwardsNorAfterItExpires() {
        User user = newUser();
        String id = Ids.newId();
        String hash = Sha256.hex(Ids.randomBase64Url(32));
        Instant expires = now().plus(Duration.ofMinutes(10));
        challenges.insert(id, user.id(), hash, false, FINGERPRINT, now(), expires);

        assertThat(challenges.countAttempt(id, 5, now())).isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(challenges.spend(id, now())).isTrue();
        assertThat(challenges.spend(id, now())).isFalse();
        assertThat(challenges.countAttempt(id, 5, now())).isFalse();
        TwoFactorChallenge met = challenges.find(hash).orElseThrow();
        assertThat(met.usedAt()).isEqualTo(now());
        assertThat(met.isOpen(now())).isFalse();

        String late = Ids.newId();
        challenges.insert(late, user.id(), Sha256.hex(Ids.randomBase64Url(32)), false, FINGERPRINT, now(), now().plus(Duration.ofMinutes(10)));
        Instant after = now().plus(Duration.ofMinutes(10));
        assertThat(challenges.countAttempt(late, 5, after)).isFalse();
        assertThat(challenges.spend(late, after)).isFalse();
    }

    @Test
    void ofTwentyParallelCompletionsOfOneChallengeExactlyOneSucceeds() throws Exception {
        User user = newUser();
        String id = Ids.newId();
        challenges.insert(id, user.id(), Sha256.hex(Ids.randomBase64Url(32)), false, FINGERPRINT, now(), now().plus(Duration.ofMinutes(10)));

        assertThat(Parallel.race(PARALLEL, i -> challenges.spend(id, now()))).containsOnlyOnce(true);
    }
}
