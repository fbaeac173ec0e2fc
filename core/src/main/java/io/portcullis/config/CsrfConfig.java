package io.portcullis.config;

/**
 * Whether mutations authenticated by the session cookie must also carry the session's CSRF token:
 * under {@code basePath} ({@code requireToken}), and in the requests a reverse proxy asks
 * {@code /verify} about ({@code forwardAuthToken}), whose applications may post plain HTML forms.
 */
public record CsrfConfig(boolean requireToken, boolean forwardAuthToken) {}
