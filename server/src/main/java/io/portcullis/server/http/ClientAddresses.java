package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.net.ClientAddress;
import io.portcullis.net.ClientAddressResolver;
import io.portcullis.net.TrustedProxies;
import java.util.Collections;
import java.util.List;

/**
 * The caller's address, resolved once per request (in the {@code before} handler) and kept on the
 * request: rate limits count by it; sessions and the audit trail record it.
 */
final class ClientAddresses {
    private static final String ATTRIBUTE = ClientAddresses.class.getName();
    private static final ClientAddressResolver SOCKET_ONLY = new ClientAddressResolver(new TrustedProxies(List.of()));

    private final ClientAddressResolver resolver;

    ClientAddresses(TrustedProxies trustedProxies) {
        this.resolver = new ClientAddressResolver(trustedProxies);
    }

    void resolve(Context ctx) {
        List<String> forwardedFor = Collections.list(ctx.req().getHeaders("X-Forwarded-For"));
        ctx.attribute(ATTRIBUTE, resolver.resolve(ctx.req().getRemoteAddr(), forwardedFor));
    }

    /** The address {@link #resolve} found; should it not have run, the socket's peer (never a header's word). */
    static ClientAddress of(Context ctx) {
        ClientAddress resolved = ctx.attribute(ATTRIBUTE);
        return resolved != null ? resolved : SOCKET_ONLY.resolve(ctx.req().getRemoteAddr(), List.of());
    }
}
