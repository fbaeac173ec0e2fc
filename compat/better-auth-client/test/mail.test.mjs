// Email verification and password reset, with the official client and the links of the mails the
// server sends (read from its log: run.sh sets mail.transport=log).
import { test } from "node:test";
import assert from "node:assert/strict";
import { newBrowserClient, newUser, signedUpBrowser } from "../lib/client.mjs";
import { linkInMail } from "../lib/mail.mjs";

test("signUp.email mails a verification link; verifyEmail with its token verifies the address", async () => {
    const { client, user } = await signedUpBrowser("verify");
    assert.equal((await client.getSession()).data.user.emailVerified, false);

    const link = await linkInMail(user.email, "Verify your email address");
    assert.equal(link.pathname, "/api/auth/verify-email");
    const token = link.searchParams.get("token");
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);

    const verified = await client.verifyEmail({ query: { token } });
    assert.equal(verified.error, null);
    assert.equal(verified.data.status, true);
    assert.equal((await client.getSession({ query: { disableCookieCache: true } })).data.user.emailVerified, true);

    const again = await client.verifyEmail({ query: { token } });
    assert.equal(again.error?.status, 401, "a verification token works once");
    assert.equal(again.error?.code, "INVALID_TOKEN");
});

test("requestPasswordReset mails a link; resetPassword with its token sets the password and ends every session", async () => {
    const { client: signedIn, user } = await signedUpBrowser("reset");
    const { client: forgetful } = newBrowserClient();

    const requested = await forgetful.requestPasswordReset({ email: user.email, redirectTo: "/reset-password" });
    assert.equal(requested.error, null);
    assert.equal(requested.data.status, true);
    const unknown = await forgetful.requestPasswordReset({ email: newUser("nobody").email, redirectTo: "/reset-password" });
    assert.deepEqual(unknown.data, requested.data, "the same answer for an address without an account");

    const link = await linkInMail(user.email, "Reset your password");
    const token = link.pathname.match(/^\/api\/auth\/reset-password\/([A-Za-z0-9_-]{43})$/)?.[1];
    assert.ok(token, `a reset link: ${link}`);
    assert.equal(link.searchParams.get("callbackURL"), "/reset-password");

    const newPassword = `${user.password} renewed`;
    const reset = await forgetful.resetPassword({ newPassword, token });
    assert.equal(reset.error, null);
    assert.equal(reset.data.status, true);

    assert.equal((await signedIn.getSession()).data, null, "the session from before the reset has ended");
    const old = await forgetful.signIn.email({ email: user.email, password: user.password });
    assert.equal(old.error?.code, "INVALID_EMAIL_OR_PASSWORD");
    const signedInAgain = await forgetful.signIn.email({ email: user.email, password: newPassword });
    assert.equal(signedInAgain.error, null);
    assert.equal(signedInAgain.data.user.id, user.id);

    const twice = await forgetful.resetPassword({ newPassword: `${newPassword} again`, token });
    assert.equal(twice.error?.code, "INVALID_TOKEN", "a reset token works once");
});
