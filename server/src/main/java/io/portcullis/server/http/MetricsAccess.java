package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.Sha256;
import io.portcullis.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The bearer token {@code /metrics} asks for when {@code metrics.token} is set. The SHA-256 of the
 * presented token is compared with that of the configured one in constant time, so that timing tells
 * neither its content nor its length.
 */
final class MetricsAccess {
    private static final String SCHEME = "Bearer ";
    static final String CHALLENGE = "Bearer realm=\"metrics\"";

    /** The configured token's SHA-256 (hex), or null when none is asked for. */
    private final byte[] expected;

    MetricsAccess(Secret token) {
        this.expected = token == null ? null : digest(token.value());
    }

    /** @throws PortcullisException {@code UNAUTHORIZED} (401, with {@code WWW-Authenticate}) unless the request carries the token */
    void check(Context ctx) {
        if (expected == null) return;
        String header = ctx.header("Authorization");
        boolean bearer = header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
        if (!bearer || !MessageDigest.isEqual(expected, digest(header.substring(SCHEME.length()).strip()))) {
            ctx.header("WWW-Authenticate", CHALLENGE);
            throw new PortcullisException(ErrorCode.UNAUTHORIZED);
        }
    }

    private static byte[] digest(String token) {
        return Sha256.hex(token).getBytes(StandardCharsets.US_ASCII);
    }
}
