// Two-factor authentication through twoFactorClient(): enrolment, the sign-in challenge, backup codes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { TWO_FACTOR_ERROR_CODES } from "better-auth/client/plugins";
import { newBrowserClient, signedUpBrowser } from "../lib/client.mjs";
import { Authenticator } from "../lib/totp.mjs";

/** A user whose two-factor authentication is on, with their authenticator app and backup codes. */
async function enrolledUser(label) {
    const { user, client, browser } = await signedUpBrowser(label);
    const { data: enabled, error } = await client.twoFactor.enable({ password: user.password });
    assert.equal(error, null);
    const app = new Authenticator(enabled.totpURI);
    const confirmed = await client.twoFactor.verifyTotp({ code: await app.nextCode() });
    assert.equal(confirmed.error, null);
    // Confirming rotated the session: signing out with the new session's CSRF token works.
    assert.deepEqual((await client.signOut()).data, { success: true });
    return { user, client, browser, app, backupCodes: enabled.backupCodes };
}

test("twoFactor.enable returns the TOTP URI and backup codes; verifyTotp confirms the enrolment", async () => {
    const { user, client } = await signedUpBrowser("enrol");

    const { data, error } = await client.twoFactor.enable({ password: user.password });

    assert.equal(error, null);
    assert.match(data.totpURI, /^otpauth:\/\/totp\/.*\?secret=[A-Z2-7]{32}&/);
    assert.equal(data.backupCodes.length, 10);
    assert.equal((await client.getSession()).data.user.twoFactorEnabled, false, "pending until confirmed");

    const app = new Authenticator(data.totpURI);
    const wrong = await client.twoFactor.verifyTotp({ code: app.wrongCode() });
    assert.equal(wrong.error.status, 401);
    assert.equal(wrong.error.code, TWO_FACTOR_ERROR_CODES.INVALID_CODE.code);

    const confirmed = await client.twoFactor.verifyTotp({ code: await app.nextCode() });
    assert.equal(confirmed.error, null);
    assert.equal(confirmed.data.user.twoFactorEnabled, true);
    const session = await client.getSession();
    assert.equal(session.data.user.twoFactorEnabled, true);
    assert.equal(session.data.session.id, confirmed.data.token, "confirming rotates the session");
});

test("signIn.email asks for the second factor; verifyTotp completes the sign-in", async () => {
    const { user, app } = await enrolledUser("challenge");
    const redirects = [];
    const { client: fresh, browser } = newBrowserClient({ onTwoFactorRedirect: (context) => redirects.push(context) });

    const { data, error } = await fresh.signIn.email({ email: user.email, password: user.password });

    assert.equal(error, null);
    assert.equal(data.twoFactorRedirect, true);
    assert.deepEqual(data.twoFactorMethods, ["totp"]);
    assert.deepEqual(redirects, [{ twoFactorMethods: ["totp"] }], "the client's onTwoFactorRedirect fired");
    assert.equal(browser.cookie("portcullis.session_token"), undefined, "no session from the password alone");
    assert.equal((await fresh.getSession()).data, null);

    const verified = await fresh.twoFactor.verifyTotp({ code: await app.nextCode() });

    assert.equal(verified.error, null);
    assert.equal(verified.data.user.id, user.id);
    const session = await fresh.getSession();
    assert.equal(session.data.user.id, user.id);
    assert.equal(session.data.session.id, verified.data.token);
});

test("a backup code completes the sign-in once, and only once", async () => {
    const { user, backupCodes } = await enrolledUser("backup");
    const { client: fresh } = newBrowserClient();
    const challenge = await fresh.signIn.email({ email: user.email, password: user.password });
    assert.equal(challenge.data.twoFactorRedirect, true);

    const { data, error } = await fresh.twoFactor.verifyBackupCode({ code: backupCodes[0] });

    assert.equal(error, null);
    assert.equal(data.user.id, user.id);
    assert.equal((await fresh.getSession()).data.user.id, user.id);

    const { client: again } = newBrowserClient();
    await again.signIn.email({ email: user.email, password: user.password });
    const reused = await again.twoFactor.verifyBackupCode({ code: backupCodes[0] });
    assert.equal(reused.error.status, 401);
    assert.equal(reused.error.code, TWO_FACTOR_ERROR_CODES.INVALID_BACKUP_CODE.code);
});

test("verifyTotp without a challenge or a session is refused", async () => {
    const { client } = newBrowserClient();

    const { data, error } = await client.twoFactor.verifyTotp({ code: "123456" });

    assert.equal(data, null);
    assert.equal(error.status, 401);
    assert.equal(error.code, TWO_FACTOR_ERROR_CODES.INVALID_TWO_FACTOR_COOKIE.code);
});

test("a trusted device skips the challenge at the next sign-in", async () => {
    const { user, app } = await enrolledUser("trust");
    const { client: laptop } = newBrowserClient();
    await laptop.signIn.email({ email: user.email, password: user.password });
    const verified = await laptop.twoFactor.verifyTotp({ code: await app.nextCode(), trustDevice: true });
    assert.equal(verified.error, null);
    await laptop.signOut();

    const { data, error } = await laptop.signIn.email({ email: user.email, password: user.password });

    assert.equal(error, null);
    assert.equal(data.twoFactorRedirect, undefined);
    assert.equal(data.user.id, user.id);
});

test("getTotpUri, generateBackupCodes and disable", async () => {
    const { user, client } = await signedUpBrowser("manage");
    const { data: enabled } = await client.twoFactor.enable({ password: user.password });
    const app = new Authenticator(enabled.totpURI);
    assert.equal((await client.twoFactor.verifyTotp({ code: await app.nextCode() })).error, null);

    const uri = await client.twoFactor.getTotpUri({ password: user.password });
    assert.equal(uri.error, null);
    assert.equal(uri.data.totpURI, enabled.totpURI);

    const codes = await client.twoFactor.generateBackupCodes({ password: user.password });
    assert.equal(codes.error, null);
    assert.equal(codes.data.status, true);
    assert.equal(codes.data.backupCodes.length, 10);
    assert.notDeepEqual(codes.data.backupCodes, enabled.backupCodes);

    const wrong = await client.twoFactor.disable({ password: `${user.password}x` });
    assert.equal(wrong.error.status, 400);
    assert.equal(wrong.error.code, "INVALID_PASSWORD");

    const disabled = await client.twoFactor.disable({ password: user.password });
    assert.equal(disabled.error, null);
    assert.deepEqual(disabled.data, { status: true });
    assert.equal((await client.getSession()).data.user.twoFactorEnabled, false);
});
