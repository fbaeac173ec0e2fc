package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.account.PasswordReset;
import io.portcullis.origin.TrustedOrigins;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code POST /request-password-reset}, {@code GET /reset-password/{token}}, {@code POST /reset-password}. */
final class PasswordResetRoutes {
    private static final Set<String> REQUEST_FIELDS = Set.of("email", "redirectTo");
    private static final Set<String> RESET_FIELDS = Set.of("token", "newPassword");
    private static final Set<String> LINK_PARAMS = Set.of("callbackURL");
    static final String ANSWER = "If this email exists in our system, check your email for the reset link";
    private static final int URL_MAX = 2048;

    private final PasswordReset reset;
    private final TrustedOrigins origins;

    PasswordResetRoutes(PasswordReset reset, TrustedOrigins origins) {
        this.reset = reset;
        this.origins = origins;
    }

    /** The same answer whether or not the address has an account. */
    void request(Context ctx) {
        Fields f = RequestBody.json(ctx).allowOnly(REQUEST_FIELDS);
        String email = EmailPasswordRoutes.email(f);
        String redirectTo = f.optionalString("redirectTo", URL_MAX);
        f.validate();
        origins.requireSafeRedirect(redirectTo, ErrorCode.INVALID_REDIRECT_URL);
        reset.request(email, redirectTo);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", true);
        body.put("message", ANSWER);
        ctx.json(body);
    }

    /**
     * The mailed link: on to the application's form with the token, or with {@code ?error=INVALID_TOKEN}.
     * Spends nothing. A link asked for without {@code redirectTo} has no {@code callbackURL}: it leads to
     * this server's own reset page rather than to an error.
     */
    void link(Context ctx) {
        QueryParams q = QueryParams.of(ctx, LINK_PARAMS);
        String requested = q.string("callbackURL", URL_MAX);
        q.validate();
        String callbackUrl = requested == null ? WebPages.RESET_PAGE : requested;
        origins.requireSafeRedirect(callbackUrl, ErrorCode.INVALID_CALLBACK_URL);
        String token = ctx.pathParam("token");
        String separator = callbackUrl.contains("?") ? "&" : "?";
        String location;
        try {
            reset.checkUsable(token);
            location = callbackUrl + separator + "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        } catch (PortcullisException e) {
            if (e.code() != ErrorCode.INVALID_TOKEN) throw e;
            location = callbackUrl + separator + "error=INVALID_TOKEN";
        }
        ctx.status(302).header("Location", location);
    }

    void reset(Context ctx) {
        Fields f = RequestBody.json(ctx).allowOnly(RESET_FIELDS);
        String token = f.requiredString("token", 128);
        String newPassword = f.newPassword("newPassword");
        f.validate();
        reset.reset(token, newPassword, CurrentSession.client(ctx));
        ctx.json(Map.of("status", true));
    }
}
