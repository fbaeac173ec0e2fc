package io.portcullis.config;

/** Whether mutations authenticated by the session cookie must also carry the session's CSRF token. */
public record CsrfConfig(boolean requireToken) {}
