// Sign-up, sign-in and the session endpoints, through the official client.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newBrowserClient, newUser, signedUpBrowser } from "../lib/client.mjs";

const SESSION_COOKIE = "portcullis.session_token";

/** Signs the same user in on a new browser. */
async function anotherBrowser(user) {
    const other = newBrowserClient();
    const { error } = await other.client.signIn.email({ email: user.email, password: user.password });
    assert.equal(error, null);
    return other;
}

test("signUp.email creates the user, signs them in and getSession shows them", async () => {
    const user = newUser("signup");
    const { client, browser } = newBrowserClient();

    const { data, error } = await client.signUp.email({ ...user, callbackURL: "/welcome" });

    assert.equal(error, null);
    assert.equal(data.user.email, user.email);
    assert.equal(data.user.name, user.name);
    assert.equal(data.user.emailVerified, false);
    assert.equal(data.user.twoFactorEnabled, false);
    assert.equal(data.user.role, "user");
    assert.equal(typeof data.token, "string");
    assert.ok(browser.cookie(SESSION_COOKIE), "the session cookie is set");
    assert.ok(browser.document.cookie.includes("XSRF-TOKEN="), "the CSRF cookie is readable by the page");
    assert.ok(!browser.document.cookie.includes(SESSION_COOKIE), "the session cookie is HttpOnly");

    const session = await client.getSession();
    assert.equal(session.error, null);
    assert.equal(session.data.user.id, data.user.id);
    assert.equal(session.data.user.email, user.email);
    // Portcullis's token is the public session id, never the cookie's secret.
    assert.equal(session.data.session.id, data.token);
    assert.equal(session.data.session.token, data.token);
    assert.notEqual(session.data.session.token, browser.cookie(SESSION_COOKIE));
    assert.equal(session.data.session.userId, data.user.id);
});

test("signIn.email opens a new session; getSession without one is null", async () => {
    const { user, client: first } = await signedUpBrowser("signin");
    const { client, browser } = newBrowserClient();

    const before = await client.getSession();
    assert.deepEqual(before, { data: null, error: null });

    const { data, error } = await client.signIn.email({ email: user.email.toUpperCase(), password: user.password, rememberMe: false });

    assert.equal(error, null);
    assert.equal(data.redirect, false);
    assert.equal(data.user.id, user.id);
    assert.ok(browser.cookie(SESSION_COOKIE));
    const session = await client.getSession();
    assert.equal(session.data.session.id, data.token);
    const firstSession = await first.getSession();
    assert.notEqual(firstSession.data.session.id, data.token, "each browser has its own session");
});

test("signIn.email with a callbackURL answers redirect and url", async () => {
    const { user } = await signedUpBrowser("callback");
    const { client } = newBrowserClient();

    const { data, error } = await client.signIn.email({ email: user.email, password: user.password, callbackURL: "/dashboard" });

    assert.equal(error, null);
    assert.equal(data.redirect, true);
    assert.equal(data.url, "/dashboard");
    assert.equal(data.user.id, user.id);
});

test("listSessions lists the user's sessions and marks the current one", async () => {
    const { user, client } = await signedUpBrowser("list");
    const other = await anotherBrowser(user);

    const { data, error } = await client.listSessions();

    assert.equal(error, null);
    assert.equal(data.length, 2);
    const mine = (await client.getSession()).data.session.id;
    const theirs = (await other.client.getSession()).data.session.id;
    assert.deepEqual(new Set(data.map((s) => s.id)), new Set([mine, theirs]));
    assert.equal(data.find((s) => s.id === mine).current, true);
    assert.equal(data.find((s) => s.id === theirs).current, false);
    for (const s of data) {
        assert.equal(s.token, s.id, "token is the public id");
        assert.equal(s.userId, user.id);
    }
});

test("revokeSession ends another browser's session: its getSession becomes null", async () => {
    const { user, client } = await signedUpBrowser("revoke");
    const other = await anotherBrowser(user);
    const { data: sessions } = await client.listSessions();
    const target = sessions.find((s) => !s.current);

    const { data, error } = await client.revokeSession({ token: target.token });

    assert.equal(error, null);
    assert.deepEqual(data, { status: true });
    assert.deepEqual(await other.client.getSession(), { data: null, error: null });
    assert.equal(other.browser.cookie(SESSION_COOKIE), undefined, "the dead cookie is expired");
    assert.equal((await client.getSession()).data.user.id, user.id, "the caller stays signed in");
    assert.equal((await client.listSessions()).data.length, 1);
});

test("revokeOtherSessions ends every session but the caller's", async () => {
    const { user, client } = await signedUpBrowser("others");
    const second = await anotherBrowser(user);
    const third = await anotherBrowser(user);

    const { data, error } = await client.revokeOtherSessions();

    assert.equal(error, null);
    assert.deepEqual(data, { status: true });
    assert.equal((await second.client.getSession()).data, null);
    assert.equal((await third.client.getSession()).data, null);
    assert.equal((await client.getSession()).data.user.id, user.id);
    const { data: left } = await client.listSessions();
    assert.equal(left.length, 1);
    assert.equal(left[0].current, true);
});

test("revokeSessions ends every session, the caller's included", async () => {
    const { user, client, browser } = await signedUpBrowser("all");
    const other = await anotherBrowser(user);

    const { data, error } = await client.revokeSessions();

    assert.equal(error, null);
    assert.deepEqual(data, { status: true });
    assert.equal(browser.cookie(SESSION_COOKIE), undefined, "the answer expires the cookie");
    assert.equal((await client.getSession()).data, null);
    assert.equal((await other.client.getSession()).data, null);
});

test("changePassword rotates the session, ends the others, and only the new password signs in", async () => {
    const { user, client, browser } = await signedUpBrowser("password");
    const other = await anotherBrowser(user);
    const before = (await client.getSession()).data.session.id;
    const oldCookie = browser.cookie(SESSION_COOKIE);
    const newPassword = `${user.password} renewed`;

    const { data, error } = await client.changePassword({ currentPassword: user.password, newPassword, revokeOtherSessions: true });

    assert.equal(error, null);
    assert.equal(data.user.id, user.id);
    assert.notEqual(data.token, before, "a new session");
    assert.notEqual(browser.cookie(SESSION_COOKIE), oldCookie, "with a new cookie");
    assert.equal((await client.getSession()).data.session.id, data.token);
    assert.equal((await other.client.getSession()).data, null);

    const stale = newBrowserClient();
    const refused = await stale.client.signIn.email({ email: user.email, password: user.password });
    assert.equal(refused.error.status, 401);
    assert.equal(refused.error.code, "INVALID_EMAIL_OR_PASSWORD");
    const accepted = await stale.client.signIn.email({ email: user.email, password: newPassword });
    assert.equal(accepted.error, null);
    // The rotated session came with its own XSRF-TOKEN cookie, which the hook now sends.
    assert.deepEqual((await client.signOut()).data, { success: true });
});

test("signOut ends the session and clears both cookies", async () => {
    const { client, browser } = await signedUpBrowser("signout");
    const sessionId = (await client.getSession()).data.session.id;

    const { data, error } = await client.signOut();

    assert.equal(error, null);
    assert.deepEqual(data, { success: true });
    assert.deepEqual(browser.cookieNames(), []);
    assert.equal((await client.getSession()).data, null);
    assert.ok(sessionId);
});

test("updateUser changes the name that getSession shows", async () => {
    const { client } = await signedUpBrowser("update");

    const { data, error } = await client.updateUser({ name: "Grace Hopper" });

    assert.equal(error, null);
    assert.deepEqual(data, { status: true });
    assert.equal((await client.getSession()).data.user.name, "Grace Hopper");
});

test("deleteUser with the account's password signs out every browser and ends the account", async () => {
    const { client, user } = await signedUpBrowser("deleted");
    const other = await anotherBrowser(user);

    const wrong = await client.deleteUser({ password: `${user.password}!` });
    assert.equal(wrong.data, null);
    assert.equal(wrong.error.status, 400);
    assert.equal(wrong.error.code, "INVALID_PASSWORD");
    assert.ok((await client.getSession()).data, "a wrong password deletes nothing");

    const { data, error } = await client.deleteUser({ password: user.password });

    assert.equal(error, null);
    assert.deepEqual(data, { success: true, message: "User deleted" });
    assert.equal((await client.getSession()).data, null);
    assert.equal((await other.client.getSession()).data, null);
    const again = await newBrowserClient().client.signIn.email({ email: user.email, password: user.password });
    assert.equal(again.error.status, 401);
    assert.equal(again.error.code, "INVALID_EMAIL_OR_PASSWORD");
});
