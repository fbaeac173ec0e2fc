package io.portcullis.ratelimit;

/**
 * Decides whether a client may make one more request to a path. {@link #UNLIMITED} stands in when
 * {@code rateLimit.enabled=false}, so callers never test the setting.
 */
public interface RateLimiter {
    RateLimiter UNLIMITED = (client, path) -> RateLimitDecision.ALLOWED;

    /**
     * Decides, counting this request in the database unless the client's window is already known to be full.
     *
     * @param client the client's bucket (an IPv4 address, or an IPv6 /64)
     * @param path   the route's path, relative to basePath
     * @throws io.portcullis.PortcullisException {@code SERVICE_UNAVAILABLE} when the counters cannot be
     *                                           reached: never a silent pass
     */
    RateLimitDecision check(String client, String path);
}
