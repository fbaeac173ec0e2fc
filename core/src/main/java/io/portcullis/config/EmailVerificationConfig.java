package io.portcullis.config;

import java.time.Duration;

/**
 * {@code sendOnSignUp}: mail a verification link at sign-up; {@code required}: unverified users cannot
 * sign in (and sign-up opens no session); {@code expiresIn}: how long a link works.
 */
public record EmailVerificationConfig(boolean sendOnSignUp, boolean required, Duration expiresIn) {
    public static final Duration DEFAULT_EXPIRES_IN = Duration.ofHours(24);
}
