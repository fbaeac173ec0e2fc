package io.portcullis.config;

import java.time.Duration;

/** {@code expiresIn}: how long a mailed password-reset link works. */
public record PasswordResetConfig(Duration expiresIn) {
    public static final Duration DEFAULT_EXPIRES_IN = Duration.ofHours(1);
}
