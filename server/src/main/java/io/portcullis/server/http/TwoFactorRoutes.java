package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.session.AuthenticatedSession;
import io.portcullis.twofactor.TwoFactor;
import io.portcullis.twofactor.TwoFactorCookies;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /two-factor/*}: enrolment, the second step of sign-in, backup codes, turning it off.
 * The verify routes take the caller's session when there is one (enrolment), else the challenge
 * cookie of a sign-in.
 */
final class TwoFactorRoutes {
    /** Far above any code's length (6 digits, 11-character backup codes); the check gives the precise answer. */
    private static final int CODE_MAX = 64;
    private static final int ISSUER_MAX = 64;
    /** Refusals after which the same challenge can still be completed. */
    private static final Set<ErrorCode> KEEPS_CHALLENGE = Set.of(ErrorCode.INVALID_CODE, ErrorCode.INVALID_BACKUP_CODE,
            ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.INTERNAL_SERVER_ERROR, ErrorCode.RATE_LIMITED);

    private final TwoFactor twoFactor;
    private final TwoFactorCookies cookies;
    private final CurrentSession current;

    TwoFactorRoutes(TwoFactor twoFactor, TwoFactorCookies cookies, CurrentSession current) {
        this.twoFactor = twoFactor;
        this.cookies = cookies;
        this.current = current;
    }

    void enable(Context ctx) {
        Fields f = RequestBody.json(ctx).allowOnly(Set.of("password", "issuer"));
        String password = f.comparedPassword("password");
        String issuer = f.optionalString("issuer", ISSUER_MAX);
        if (issuer != null && (issuer.isBlank() || issuer.contains(":"))) f.problem("issuer", "Must not be empty nor contain ':'");
        f.validate();
        TwoFactor.Enrolment enrolment = twoFactor.enable(current.actor(ctx), password, issuer);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("method", "totp");
        body.put("totpURI", enrolment.totpUri());
        body.put("qrCode", enrolment.qrCode());
        body.put("backupCodes", enrolment.backupCodes());
        ctx.json(body);
    }

    void getTotpUri(Context ctx) {
        String password = password(ctx);
        TwoFactor.Enrolment enrolment = twoFactor.totpUri(current.actor(ctx), password);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totpURI", enrolment.totpUri());
        body.put("qrCode", enrolment.qrCode());
        ctx.json(body);
    }

    void verifyTotp(Context ctx) {
        verify(ctx, true);
    }

    void verifyBackupCode(Context ctx) {
        verify(ctx, false);
    }

    private void verify(Context ctx, boolean totp) {
        Fields f = RequestBody.json(ctx).allowOnly(Set.of("code", "trustDevice"));
        String code = f.requiredString("code", CODE_MAX);
        boolean trustDevice = f.optionalBoolean("trustDevice", false);
        f.validate();
        // A pending sign-in first: the browser may still hold a session of someone else (or of no
        // two-factor user), and the challenge is what this request continues.
        String challenge = ctx.cookie(cookies.challengeName());
        Optional<AuthenticatedSession> session = challenge == null ? current.resolve(ctx) : Optional.empty();
        if (session.isPresent()) {
            TwoFactor.Verified verified = totp ? twoFactor.verifyTotp(current.actor(ctx), code) : twoFactor.verifyBackupCode(current.actor(ctx), code);
            if (verified.rotated() != null) current.issue(ctx, verified.rotated());
            String token = verified.rotated() != null ? verified.rotated().session().id() : session.get().session().id();
            respond(ctx, token, verified);
            return;
        }
        if (challenge == null) throw new PortcullisException(ErrorCode.INVALID_TWO_FACTOR_COOKIE);
        TwoFactor.Completed completed;
        try {
            completed = totp
                    ? twoFactor.completeWithTotp(challenge, code, trustDevice, CurrentSession.client(ctx))
                    : twoFactor.completeWithBackupCode(challenge, code, trustDevice, CurrentSession.client(ctx));
        } catch (PortcullisException e) {
            // A wrong code, or a failure of the server that undid the completion, leaves the challenge for
            // the next try; any other refusal (used up, expired, locked, session refused after the code)
            // means starting again with the password.
            if (!KEEPS_CHALLENGE.contains(e.code())) CurrentSession.setCookie(ctx, cookies.clearChallenge());
            throw e;
        }
        CurrentSession.setCookie(ctx, cookies.clearChallenge());
        current.issue(ctx, completed.session());
        if (completed.trustedDeviceToken() != null) CurrentSession.setCookie(ctx, cookies.trustedDevice(completed.trustedDeviceToken()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", completed.session().session().id());
        body.put("user", JsonViews.user(completed.user()));
        ctx.json(body);
    }

    private static void respond(Context ctx, String token, TwoFactor.Verified verified) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("user", JsonViews.user(verified.user()));
        ctx.json(body);
    }

    void generateBackupCodes(Context ctx) {
        String password = password(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", true);
        body.put("backupCodes", twoFactor.regenerateBackupCodes(current.actor(ctx), password));
        ctx.json(body);
    }

    void disable(Context ctx) {
        String password = password(ctx);
        TwoFactor.Verified disabled = twoFactor.disable(current.actor(ctx), password);
        current.issue(ctx, disabled.rotated());
        CurrentSession.setCookie(ctx, cookies.clearTrustedDevice());
        ctx.json(Map.of("status", true));
    }

    private static String password(Context ctx) {
        Fields f = RequestBody.json(ctx).allowOnly(Set.of("password"));
        String password = f.comparedPassword("password");
        f.validate();
        return password;
    }
}
