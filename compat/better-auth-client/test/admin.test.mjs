// The admin endpoints through adminClient(), as an administrator made on the command line.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { admin, newBrowserClient, signedUpBrowser } from "../lib/client.mjs";

let adminClient;

before(async () => {
    ({ client: adminClient } = newBrowserClient());
    const { error } = await adminClient.signIn.email({ email: admin.email, password: admin.password });
    assert.equal(error, null, "the administrator signs in");
});

test("admin.listUsers finds users and pages through them", async () => {
    const { user } = await signedUpBrowser("listed");

    const { data, error } = await adminClient.admin.listUsers({
        query: { searchValue: user.email, searchField: "email", searchOperator: "contains", limit: 10 },
    });

    assert.equal(error, null);
    assert.equal(data.total, 1);
    assert.equal(data.users.length, 1);
    assert.equal(data.users[0].id, user.id);
    assert.equal(data.users[0].email, user.email);
    assert.equal(data.limit, 10);
    assert.equal(data.offset, 0);

    const page = await adminClient.admin.listUsers({ query: { limit: 1, offset: 0, sortBy: "createdAt", sortDirection: "desc" } });
    assert.equal(page.error, null);
    assert.equal(page.data.users.length, 1);
    assert.ok(page.data.total >= 2);
});

test("admin.revokeUserSessions signs the user out everywhere", async () => {
    const { user, client } = await signedUpBrowser("forced");
    assert.ok((await client.getSession()).data);

    const { data, error } = await adminClient.admin.revokeUserSessions({ userId: user.id });

    assert.equal(error, null);
    assert.deepEqual(data, { success: true });
    assert.deepEqual(await client.getSession(), { data: null, error: null });
});

test("admin.banUser ends the sessions and refuses sign-in with BANNED_USER", async () => {
    const { user, client } = await signedUpBrowser("banned");

    const { data, error } = await adminClient.admin.banUser({ userId: user.id, banReason: "spam", banExpiresIn: 3600 });

    assert.equal(error, null);
    assert.equal(data.user.id, user.id);
    assert.equal(data.user.banned, true);
    assert.equal(data.user.banReason, "spam");
    assert.ok(data.user.banExpires);
    assert.equal((await client.getSession()).data, null);

    const { client: retry } = newBrowserClient();
    const refused = await retry.signIn.email({ email: user.email, password: user.password });
    assert.equal(refused.data, null);
    assert.equal(refused.error.status, 403);
    assert.equal(refused.error.code, "BANNED_USER");

    const unbanned = await adminClient.admin.unbanUser({ userId: user.id });
    assert.equal(unbanned.error, null);
    assert.equal((await retry.signIn.email({ email: user.email, password: user.password })).error, null);
});

test("admin.listUserSessions and admin.revokeUserSession end one device", async () => {
    const { user, client } = await signedUpBrowser("device");
    const { data: listed, error } = await adminClient.admin.listUserSessions({ userId: user.id });
    assert.equal(error, null);
    assert.equal(listed.sessions.length, 1);

    const revoked = await adminClient.admin.revokeUserSession({ sessionToken: listed.sessions[0].token });

    assert.equal(revoked.error, null);
    assert.deepEqual(revoked.data, { success: true });
    assert.equal((await client.getSession()).data, null);
});

test("admin.setRole makes a user an administrator from their next sign-in", async () => {
    const { user, client } = await signedUpBrowser("promoted");

    const { data, error } = await adminClient.admin.setRole({ userId: user.id, role: "admin" });

    assert.equal(error, null);
    assert.equal(data.user.id, user.id);
    assert.equal(data.user.role, "admin");
    assert.equal((await client.getSession()).data, null, "a change of roles ends the user's sessions");
    assert.equal((await client.signIn.email({ email: user.email, password: user.password })).error, null);
    const listed = await client.admin.listUsers({ query: { limit: 1 } });
    assert.equal(listed.error, null, "the new administrator lists users");
});

test("admin.removeUser deletes another user and signs them out; an administrator cannot remove themselves", async () => {
    const { user, client } = await signedUpBrowser("removed");

    const { data, error } = await adminClient.admin.removeUser({ userId: user.id });

    assert.equal(error, null);
    assert.deepEqual(data, { success: true });
    assert.equal((await client.getSession()).data, null);
    const found = await adminClient.admin.listUsers({ query: { searchValue: user.email, searchField: "email" } });
    assert.equal(found.data.total, 0);

    const self = (await adminClient.getSession()).data.user;
    const refused = await adminClient.admin.removeUser({ userId: self.id });
    assert.equal(refused.data, null);
    assert.equal(refused.error.status, 400);
    assert.equal(refused.error.code, "YOU_CANNOT_REMOVE_YOURSELF");
});
