package io.portcullis.config;

import java.util.List;

/**
 * Cross-origin front ends: the exact origins whose pages may call the API with the user's cookies
 * (credentialed CORS). Each also counts as a trusted origin for the CSRF and callback checks.
 */
public record CorsConfig(List<String> allowedOrigins) {
    public CorsConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
