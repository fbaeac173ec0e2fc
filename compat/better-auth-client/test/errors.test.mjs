// Failures as the client reports them: {data: null, error: {status, code, message}}.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ADMIN_ERROR_CODES } from "better-auth/client/plugins";
import { admin, newBrowserClient, newUser, signedUpBrowser } from "../lib/client.mjs";

function assertError(result, status, code) {
    assert.equal(result.data, null);
    assert.equal(result.error.status, status, JSON.stringify(result.error));
    assert.equal(result.error.code, code);
    assert.equal(typeof result.error.message, "string");
    assert.ok(result.error.message.length > 0);
}

test("a wrong password is 401 INVALID_EMAIL_OR_PASSWORD, and so is an unknown email", async () => {
    const { user } = await signedUpBrowser("wrong");
    const { client, browser } = newBrowserClient();

    assertError(await client.signIn.email({ email: user.email, password: `${user.password}!` }), 401, "INVALID_EMAIL_OR_PASSWORD");
    assertError(await client.signIn.email({ email: `nobody-${user.email}`, password: user.password }), 401, "INVALID_EMAIL_OR_PASSWORD");
    assert.deepEqual(browser.cookieNames(), []);
});

test("signing up with a taken email is 422 USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", async () => {
    const { user } = await signedUpBrowser("taken");
    const { client } = newBrowserClient();

    assertError(await client.signUp.email({ ...newUser("other"), email: user.email }), 422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
});

test("a weak password is 400 PASSWORD_TOO_SHORT or PASSWORD_TOO_WEAK", async () => {
    const { client } = newBrowserClient();

    assertError(await client.signUp.email({ ...newUser("short"), password: "hunter2" }), 400, "PASSWORD_TOO_SHORT");
    assertError(await client.signUp.email({ ...newUser("weak"), password: "password1234" }), 400, "PASSWORD_TOO_WEAK");
});

test("a signed-in user who is not an administrator gets 403 from admin.listUsers", async () => {
    const { client } = await signedUpBrowser("notadmin");

    // The codes are those of the client's own table, which applications compare against.
    assertError(await client.admin.listUsers({ query: {} }), 403, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_LIST_USERS.code);
    assertError(await client.admin.banUser({ userId: "x" }), 403, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_BAN_USERS.code);
    assertError(await client.admin.revokeUserSessions({ userId: "x" }), 403, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS.code);
});

test("without a session, listSessions and the admin calls are 401 UNAUTHORIZED", async () => {
    const { client } = newBrowserClient();

    assertError(await client.listSessions(), 401, "UNAUTHORIZED");
    assertError(await client.admin.listUsers({ query: {} }), 401, "UNAUTHORIZED");
    assertError(await client.changePassword({ currentPassword: "a", newPassword: "b" }), 401, "UNAUTHORIZED");
});

test("a client without the CSRF hook signs in, but its session mutations are 403 INVALID_CSRF_TOKEN", async () => {
    const user = newUser("nohook");
    const { client, browser } = newBrowserClient({ csrfHook: false });

    const signUp = await client.signUp.email(user);
    assert.equal(signUp.error, null, "sign-up and sign-in do not act with a session");
    assert.equal((await client.getSession()).data.user.email, user.email, "reads need no token");
    assert.equal((await client.listSessions()).data.length, 1);

    assertError(await client.signOut(), 403, "INVALID_CSRF_TOKEN");
    assertError(await client.revokeOtherSessions(), 403, "INVALID_CSRF_TOKEN");
    assertError(await client.changePassword({ currentPassword: user.password, newPassword: `${user.password} 2` }), 403, "INVALID_CSRF_TOKEN");
    assertError(await client.twoFactor.enable({ password: user.password }), 403, "INVALID_CSRF_TOKEN");
    assert.ok(browser.cookie("portcullis.session_token"), "still signed in");
});

test("a page on an untrusted origin cannot sign in: 403 INVALID_ORIGIN", async () => {
    const { user } = await signedUpBrowser("crosssite");
    const { client, browser } = newBrowserClient({ pageOrigin: "https://evil.example" });

    assertError(await client.signIn.email({ email: user.email, password: user.password }), 403, "INVALID_ORIGIN");
    assertError(await client.signUp.email(newUser("crosssite")), 403, "INVALID_ORIGIN");
    assert.deepEqual(browser.cookieNames(), []);
});

test("the wrong current password in changePassword is 400 INVALID_PASSWORD", async () => {
    const { user, client } = await signedUpBrowser("changewrong");

    assertError(await client.changePassword({ currentPassword: `${user.password}x`, newPassword: `${user.password} new` }), 400, "INVALID_PASSWORD");
});

test("fields Portcullis does not know are 400 FIELD_NOT_ALLOWED", async () => {
    const { client } = newBrowserClient();

    const result = await client.signUp.email({ ...newUser("extra"), role: "admin" });

    assertError(result, 400, "FIELD_NOT_ALLOWED");
    assert.match(result.error.message, /\[body\.role\] is not allowed to be set/);
});

test("Better Auth's list filters are refused: 400 VALIDATION_ERROR", async () => {
    const { client } = newBrowserClient();
    await client.signIn.email({ email: admin.email, password: admin.password });

    const result = await client.admin.listUsers({ query: { filterField: "role", filterValue: "admin", filterOperator: "eq" } });

    assertError(result, 400, "VALIDATION_ERROR");
    assert.match(result.error.message, /\[query\.filterField\] Unknown parameter/);
});

test("over a route's rate limit the answer is 429 RATE_LIMITED with Retry-After", async () => {
    const { client } = newBrowserClient();
    const { user } = await signedUpBrowser("limited");
    let retryAfter;
    const request = () => client.sendVerificationEmail(
        { email: user.email, callbackURL: "/verified" },
        { onError: (context) => { retryAfter = context.response.headers.get("retry-after"); } },
    );

    // run.sh sets /send-verification-email to 2 requests per 60 s for this test.
    assert.equal((await request()).error, null);
    assert.equal((await request()).error, null);
    const limited = await request();

    assertError(limited, 429, "RATE_LIMITED");
    assert.match(retryAfter, /^[1-9][0-9]*$/);
    assert.ok(Number(retryAfter) <= 60);
});
