package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.auth.EmailPasswordAuth;
import io.portcullis.auth.SignInOutcome;
import io.portcullis.auth.SignUp;
import io.portcullis.auth.SignedIn;
import io.portcullis.auth.TwoFactorChallenged;
import io.portcullis.origin.TrustedOrigins;
import io.portcullis.twofactor.TwoFactorCookies;
import io.portcullis.user.EmailAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /sign-up/email}, {@code /sign-in/email}, {@code /sign-out}. */
final class EmailPasswordRoutes {
    private static final Set<String> SIGN_UP_FIELDS = Set.of("name", "email", "password", "image", "callbackURL", "rememberMe");
    private static final Set<String> SIGN_IN_FIELDS = Set.of("email", "password", "callbackURL", "rememberMe");
    /** Far above any password policy maximum; the policy gives the precise answer. */
    static final int PASSWORD_FIELD_MAX = 4096;
    static final int NAME_MAX = EmailPasswordAuth.NAME_MAX;
    static final int IMAGE_MAX = 2048;
    private static final int URL_MAX = 2048;

    private final EmailPasswordAuth auth;
    private final CurrentSession current;
    private final TrustedOrigins origins;
    private final TwoFactorCookies twoFactorCookies;

    EmailPasswordRoutes(EmailPasswordAuth auth, CurrentSession current, TrustedOrigins origins, TwoFactorCookies twoFactorCookies) {
        this.auth = auth;
        this.current = current;
        this.origins = origins;
        this.twoFactorCookies = twoFactorCookies;
    }

    void signUp(Context ctx) {
        Fields f = RequestBody.jsonOrForm(ctx).allowOnly(SIGN_UP_FIELDS);
        String name = f.requiredString("name", NAME_MAX);
        String email = email(f);
        String password = nonEmpty(f, f.newPassword("password"));
        String image = f.optionalString("image", IMAGE_MAX);
        String callbackUrl = f.optionalString("callbackURL", URL_MAX);
        boolean rememberMe = f.optionalBoolean("rememberMe", true);
        f.validate();
        origins.requireSafeRedirect(callbackUrl, ErrorCode.INVALID_CALLBACK_URL);
        SignedIn signedIn = auth.signUp(new SignUp(name, email, password, image, rememberMe, callbackUrl), CurrentSession.client(ctx));
        // No session while email verification is required: the user signs in after following the mailed link.
        if (signedIn.session() != null) current.issue(ctx, signedIn.session());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", signedIn.session() == null ? null : signedIn.session().session().id());
        body.put("user", JsonViews.user(signedIn.user()));
        ctx.json(body);
    }

    void signIn(Context ctx) {
        Fields f = RequestBody.jsonOrForm(ctx).allowOnly(SIGN_IN_FIELDS);
        String email = email(f);
        String password = nonEmpty(f, f.comparedPassword("password"));
        String callbackUrl = f.optionalString("callbackURL", URL_MAX);
        boolean rememberMe = f.optionalBoolean("rememberMe", true);
        f.validate();
        origins.requireSafeRedirect(callbackUrl, ErrorCode.INVALID_CALLBACK_URL);
        SignInOutcome outcome = auth.signIn(email, password, rememberMe, CurrentSession.client(ctx), ctx.cookie(twoFactorCookies.trustedDeviceName()));
        if (outcome instanceof TwoFactorChallenged challenged) {
            // No session yet, and no session cookie: only the challenge cookie, for the second step.
            CurrentSession.setCookie(ctx, twoFactorCookies.challenge(challenged.challengeToken()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("twoFactorRedirect", true);
            body.put("twoFactorMethods", List.of("totp"));
            ctx.json(body);
            return;
        }
        SignedIn signedIn = (SignedIn) outcome;
        current.issue(ctx, signedIn.session());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("redirect", callbackUrl != null);
        body.put("token", signedIn.session().session().id());
        if (callbackUrl != null) {
            body.put("url", callbackUrl);
            ctx.header("Location", callbackUrl);
        }
        body.put("user", JsonViews.user(signedIn.user()));
        ctx.json(body);
    }

    void signOut(Context ctx) {
        RequestBody.json(ctx).allowOnly(Set.of());
        auth.signOut(current.token(ctx), CurrentSession.client(ctx));
        current.clear(ctx);
        ctx.json(Map.of("success", true));
    }

    /** The required {@code email} field, or null after recording the problem. */
    static String email(Fields f) {
        String email = f.requiredString("email", EmailAddress.MAX_LENGTH + 64);
        if (email != null && !EmailAddress.isValid(email)) {
            f.problem("email", "Invalid email address");
            return null;
        }
        return email;
    }

    /** {@code password} as read, refused when empty. */
    private static String nonEmpty(Fields f, String password) {
        if (password != null && password.isEmpty()) {
            f.problem("password", "Required");
            return null;
        }
        return password;
    }

}
