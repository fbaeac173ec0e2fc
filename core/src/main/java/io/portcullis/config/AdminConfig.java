package io.portcullis.config;

import java.util.List;

/**
 * Administration. {@code emails} (normalised) are admins whatever their stored role: the way to
 * bootstrap the first admin. Whoever holds an account with such an email is an admin, so create
 * those accounts before opening sign-up.
 */
public record AdminConfig(List<String> emails) {
    public AdminConfig {
        emails = List.copyOf(emails);
    }
}
