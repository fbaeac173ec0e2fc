package io.portcullis.server.http;

import java.util.Map;

/** Headers on every response, error pages included: no MIME sniffing, no referrer, no framing. */
final class SecurityHeaders {
    static final Map<String, String> NAMES_AND_VALUES = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY");

    private SecurityHeaders() {}
}
