package io.portcullis.config;

import java.util.List;

/**
 * Administration. Users whose verified email is in {@code emails} (normalised) are admins whatever
 * their stored role: a way to bootstrap the first admin.
 */
public record AdminConfig(List<String> emails) {
    public AdminConfig {
        emails = List.copyOf(emails);
    }
}
