package io.portcullis.twofactor;

import java.time.Instant;

/** A row of {@code trusted_device}: a browser that skips the second factor of {@code userId} until {@code expiresAt}. */
public record TrustedDevice(String id, String userId, Instant createdAt, Instant expiresAt) {}
