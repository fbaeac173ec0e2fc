package io.portcullis.twofactor;

import io.portcullis.config.CookieConfig;
import io.portcullis.session.SetCookie;

/**
 * The two cookies of two-factor sign-in, both HttpOnly and named like the session cookie: the pending
 * challenge ({@code two_factor}, 10 minutes) and a trusted device ({@code trust_device}, 30 days).
 */
public final class TwoFactorCookies {
    private final CookieConfig config;

    public TwoFactorCookies(CookieConfig config) {
        this.config = config;
    }

    public String challengeName() {
        return config.cookieName("two_factor");
    }

    public String trustedDeviceName() {
        return config.cookieName("trust_device");
    }

    public SetCookie challenge(String token) {
        return cookie(challengeName(), token, SignInChallenges.CHALLENGE_LIFETIME.toSeconds());
    }

    public SetCookie clearChallenge() {
        return cookie(challengeName(), "", 0);
    }

    public SetCookie trustedDevice(String token) {
        return cookie(trustedDeviceName(), token, SignInChallenges.TRUSTED_DEVICE_LIFETIME.toSeconds());
    }

    public SetCookie clearTrustedDevice() {
        return cookie(trustedDeviceName(), "", 0);
    }

    private SetCookie cookie(String name, String value, long maxAge) {
        return new SetCookie(name, value, maxAge, true, config.secure(), config.sameSite(), config.domain());
    }
}
