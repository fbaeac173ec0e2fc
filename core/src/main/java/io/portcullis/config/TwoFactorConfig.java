package io.portcullis.config;

/**
 * Two-factor authentication: {@code enabled} lets users enrol (turning it off stops new enrolments
 * only: users already enrolled keep being asked for their code); {@code issuer} names the account in
 * authenticator apps.
 */
public record TwoFactorConfig(boolean enabled, String issuer) {}
