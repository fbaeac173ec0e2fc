package io.portcullis.ratelimit;

import io.portcullis.config.Durations;
import java.time.Duration;

/**
 * At most {@code max} requests per {@code window} from one client to one path. {@code path} is
 * relative to {@code basePath} and names one path exactly ({@code /change-password}), or every path
 * under a prefix when it ends in {@code /*} ({@code /sign-in/*} covers {@code /sign-in/email}).
 * {@code /*} covers everything: it is the default rule.
 */
public record RateLimitRule(String path, Duration window, int max) {
    public static final String EVERYTHING = "/*";

    public boolean matches(String requestPath) {
        return isPrefix() ? requestPath.startsWith(path.substring(0, path.length() - 1)) : requestPath.equals(path);
    }

    private boolean isPrefix() {
        return path.endsWith("/*");
    }

    /** Of the rules matching a path, the highest wins: any exact path over any prefix, a longer prefix over a shorter one. */
    int specificity() {
        return isPrefix() ? path.length() : Integer.MAX_VALUE;
    }

    /** As written in {@code rateLimit.rules}: {@code /sign-in/*=10s/5}. */
    @Override
    public String toString() {
        return path + "=" + Durations.format(window) + "/" + max;
    }
}
