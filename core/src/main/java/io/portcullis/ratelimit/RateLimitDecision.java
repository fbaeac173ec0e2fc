package io.portcullis.ratelimit;

import java.time.Duration;

/** Whether a request may go on; when not, how long until its window frees. */
public record RateLimitDecision(boolean allowed, Duration retryAfter) {
    public static final RateLimitDecision ALLOWED = new RateLimitDecision(true, Duration.ZERO);

    public static RateLimitDecision refused(Duration retryAfter) {
        return new RateLimitDecision(false, retryAfter);
    }
}
