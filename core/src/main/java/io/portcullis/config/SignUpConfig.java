package io.portcullis.config;

/**
 * Whether anyone may create an account with {@code POST /sign-up/email}. When closed, accounts come
 * from the operator ({@code user create}, or {@code createUser} of the library).
 */
public record SignUpConfig(boolean enabled) {}
