package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.audit.Actor;
import io.portcullis.origin.TrustedOrigins;
import io.portcullis.session.AuthenticatedSession;
import io.portcullis.verification.EmailVerification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code POST /send-verification-email} and {@code GET /verify-email}: the mailed link that proves an address. */
final class VerificationRoutes {
    private static final Set<String> SEND_FIELDS = Set.of("email", "callbackURL");
    private static final Set<String> VERIFY_PARAMS = Set.of("token", "callbackURL");
    private static final int URL_MAX = 2048;

    private final EmailVerification verification;
    private final CurrentSession current;
    private final TrustedOrigins origins;

    VerificationRoutes(EmailVerification verification, CurrentSession current, TrustedOrigins origins) {
        this.verification = verification;
        this.current = current;
        this.origins = origins;
    }

    /**
     * Mails a link. Without a session the answer is the same whether or not the address has an account
     * (and whether or not it is verified); with one, the caller's own address gets it.
     */
    void send(Context ctx) {
        Fields f = RequestBody.json(ctx).allowOnly(SEND_FIELDS);
        String email = EmailPasswordRoutes.email(f);
        String callbackUrl = f.optionalString("callbackURL", URL_MAX);
        f.validate();
        origins.requireSafeRedirect(callbackUrl, ErrorCode.INVALID_CALLBACK_URL);
        Optional<AuthenticatedSession> session = current.resolve(ctx);
        if (session.isPresent()) verification.requestForSelf(session.get().user(), callbackUrl);
        else verification.request(email, callbackUrl);
        ctx.json(Map.of("status", true));
    }

    /** Spends the token; answers JSON, or redirects to {@code callbackURL} (with {@code ?error=CODE} on failure). */
    void verify(Context ctx) {
        QueryParams q = QueryParams.of(ctx, VERIFY_PARAMS);
        String token = q.string("token", 128);
        String callbackUrl = q.string("callbackURL", URL_MAX);
        q.validate();
        origins.requireSafeRedirect(callbackUrl, ErrorCode.INVALID_CALLBACK_URL);
        try {
            verification.verify(token, Actor.anonymous(CurrentSession.client(ctx)));
        } catch (PortcullisException e) {
            if (callbackUrl == null || !(e.code() == ErrorCode.INVALID_TOKEN || e.code() == ErrorCode.TOKEN_EXPIRED)) throw e;
            redirect(ctx, callbackUrl + (callbackUrl.contains("?") ? "&" : "?") + "error=" + URLEncoder.encode(e.code().name(), StandardCharsets.UTF_8));
            return;
        }
        if (callbackUrl != null) {
            redirect(ctx, callbackUrl);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", true);
        body.put("user", null);
        ctx.json(body);
    }

    private static void redirect(Context ctx, String location) {
        ctx.status(302).header("Location", location);
    }

}
