package io.portcullis.twofactor;

import io.portcullis.ErrorCode;
import io.portcullis.Ids;
import io.portcullis.PortcullisException;
import io.portcullis.session.SessionPrecondition;
import io.portcullis.session.SessionToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The step between a right password and the second factor, and the devices allowed to skip it. Both
 * are random tokens held in cookies, stored only as SHA-256.
 */
public final class SignInChallenges {
    /** How long the second factor may take after the password. */
    public static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(10);
    /** Codes tried per challenge; then the user starts again with the password. */
    public static final int MAX_ATTEMPTS = 5;
    /** How long a device, once trusted, skips the second factor. */
    public static final Duration TRUSTED_DEVICE_LIFETIME = Duration.ofDays(30);

    private final TwoFactorChallengeStore challenges;
    private final TrustedDeviceStore devices;
    private final Clock clock;

    public SignInChallenges(TwoFactorChallengeStore challenges, TrustedDeviceStore devices, Clock clock) {
        this.challenges = challenges;
        this.devices = devices;
        this.clock = clock;
    }

    /**
     * @param verifiedPasswordHash the stored hash the password was checked against: a new password set
     *     before the second step voids the challenge
     * @return the challenge cookie's value, for a user who gave the right password
     */
    public String open(String userId, boolean rememberMe, String verifiedPasswordHash) {
        String token = SessionToken.generate();
        Instant now = now();
        challenges.insert(Ids.newId(), userId, SessionToken.hash(token), rememberMe, SessionPrecondition.fingerprint(verifiedPasswordHash),
                now, now.plus(CHALLENGE_LIFETIME));
        return token;
    }

    /**
     * The open challenge of this cookie, with one more attempt counted.
     *
     * @throws PortcullisException {@code INVALID_TWO_FACTOR_COOKIE} without an open challenge,
     *     {@code TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE} when its attempts are used up (the challenge then ends)
     */
    TwoFactorChallenge attempt(String token) {
        if (!SessionToken.isWellFormed(token)) throw new PortcullisException(ErrorCode.INVALID_TWO_FACTOR_COOKIE);
        Instant now = now();
        String tokenHash = SessionToken.hash(token);
        TwoFactorChallenge challenge = open(tokenHash, now).orElseThrow(() -> new PortcullisException(ErrorCode.INVALID_TWO_FACTOR_COOKIE));
        if (!challenges.countAttempt(challenge.id(), MAX_ATTEMPTS, now)) {
            // Met by a parallel completion since it was read (that one held the row until it committed):
            // no attempt was used up, the challenge is simply over.
            if (open(tokenHash, now).isEmpty()) throw new PortcullisException(ErrorCode.INVALID_TWO_FACTOR_COOKIE);
            challenges.spend(challenge.id(), now);
            throw new PortcullisException(ErrorCode.TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE);
        }
        return challenge;
    }

    private Optional<TwoFactorChallenge> open(String tokenHash, Instant now) {
        return challenges.find(tokenHash).filter(c -> c.isOpen(now));
    }

    /** Ends the challenge after its second factor was right. @return false when a parallel request ended it first */
    boolean meet(TwoFactorChallenge challenge) {
        return challenges.spend(challenge.id(), now());
    }

    /** Whether this device cookie belongs to a device the user trusted, and is still valid. */
    public boolean trusts(String userId, String deviceToken) {
        if (!SessionToken.isWellFormed(deviceToken)) return false;
        return devices.findValid(SessionToken.hash(deviceToken), now()).filter(d -> d.userId().equals(userId)).isPresent();
    }

    /** @return the cookie value of a newly trusted device */
    String trust(String userId) {
        String token = SessionToken.generate();
        Instant now = now();
        devices.insert(Ids.newId(), userId, SessionToken.hash(token), now, now.plus(TRUSTED_DEVICE_LIFETIME));
        return token;
    }

    /**
     * Forgets every trusted device and open challenge of the user: after a password change or reset, or
     * when two-factor authentication is turned off, nothing that was granted before may skip a step.
     */
    public void forget(String userId) {
        devices.deleteAll(userId);
        challenges.deleteAll(userId);
    }

    /** Deletes expired challenges and devices. @return how many rows */
    public int cleanup() {
        Instant now = now();
        return challenges.deleteExpired(now) + devices.deleteExpired(now);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
