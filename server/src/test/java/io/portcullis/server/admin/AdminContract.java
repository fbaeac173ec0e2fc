package io.portcullis.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.server.testing.DatabaseCells;
import io.portcullis.server.testing.TestClient;
import io.portcullis.user.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin endpoints over HTTP: who may call them, and what each does to the target user. */
abstract class AdminContract extends AdminTesting {
    @Test
    void forceLogoutEndsEverySessionOfTheTargetOnlyForAnAdminAndIsAudited() {
        User target = newUser("user");
        TestClient phone = signedIn(target);
        TestClient laptop = signedIn(target);
        TestClient bystander = signedIn(newUser("user"));

        TestClient.Response nonAdmin = bystander.post("/admin/revoke-user-sessions", userIdBody(target));
        assertThat(nonAdmin.status()).isEqualTo(403);
        assertThat(nonAdmin.json().get("code").asText()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS");
        TestClient.Response anonymous = server.client().post("/admin/revoke-user-sessions", userIdBody(target));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(isSignedIn(phone)).isTrue();

        TestClient admin = admin();
        TestClient.Response done = admin.post("/admin/revoke-user-sessions", userIdBody(target));

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("success").asBoolean()).isTrue();
        assertThat(isSignedIn(phone)).isFalse();
        assertThat(laptop.get("/list-sessions").status()).isEqualTo(401);
        assertThat(isSignedIn(bystander)).isTrue();
        assertThat(isSignedIn(admin)).isTrue();

        JsonNode revoked = events(admin, "?userId=" + target.id() + "&type=session_revoked");
        assertThat(revoked).hasSize(1);
        String adminId = admin.get("/get-session").json().at("/user/id").asText();
        assertThat(revoked.get(0).get("actorId").asText()).isEqualTo(adminId);
        assertThat(revoked.get(0).at("/detail/reason").asText()).isEqualTo("admin");
        assertThat(revoked.get(0).at("/detail/count").asInt()).isEqualTo(2);
    }

    @Test
    void everyAdminEndpointIs401WithoutASessionAnd403WithItsCodeForANonAdmin() {
        TestClient user = signedIn(newUser("user"));
        String someone = newUser("user").id();
        Map<String, String> posts = Map.of(
                "/admin/list-user-sessions", "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS",
                "/admin/revoke-user-session", "YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS",
                "/admin/revoke-user-sessions", "YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS",
                "/admin/ban-user", "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS",
                "/admin/unban-user", "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS",
                "/admin/unlock-user", "YOU_ARE_NOT_ALLOWED_TO_UNLOCK_USERS",
                "/admin/remove-user", "YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS");
        posts.forEach((path, code) -> {
            TestClient.Response anonymous = server.client().post(path, "{\"userId\":\"" + someone + "\"}");
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
            TestClient.Response refused = user.post(path, "{\"userId\":\"" + someone + "\"}");
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.json().get("code").asText()).as(path).isEqualTo(code);
        });
        assertThat(user.post("/admin/set-role", "{\"userId\":\"" + someone + "\",\"role\":\"admin\"}").json().get("code").asText())
                .isEqualTo("YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE");
        assertThat(user.post("/admin/set-user-password", "{\"userId\":\"" + someone + "\",\"newPassword\":\"" + PASSWORD + "\"}")
                .json().get("code").asText()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD");
        assertThat(user.get("/admin/list-users").json().get("code").asText()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_LIST_USERS");
        assertThat(user.get("/admin/get-user?id=" + someone).json().get("code").asText()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_GET_USER");
        assertThat(user.get("/admin/audit-events").json().get("code").asText()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_LIST_AUDIT_EVENTS");
        assertThat(server.client().get("/admin/list-users").status()).isEqualTo(401);
        // a non-admin learns nothing about the request's validation
        assertThat(user.post("/admin/ban-user", "{not json").json().get("code").asText()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_BAN_USERS");
        assertThat(user.get("/admin/list-users?limit=-1&bogus=1").json().get("code").asText()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_LIST_USERS");
        // nothing happened to the target
        assertThat(server.portcullis.users().findById(someone)).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo("user"));
    }

    @Test
    void anEmailListedInAdminEmailsMakesAnAdminOnlyOnceItIsVerified() throws Exception {
        TestClient squatter = server.client();
        assertThat(squatter.signUp(BOOTSTRAP_ADMIN, PASSWORD).status()).isEqualTo(200);
        String id = squatter.get("/get-session").json().at("/user/id").asText();
        TestClient.Response refused = squatter.get("/admin/get-user?id=" + id);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_GET_USER");

        try (var c = server.database.connect(); var ps = c.prepareStatement("UPDATE " + (kind() == io.portcullis.testing.TestDatabase.Kind.MARIADB ? "`user`" : "\"user\"")
                + " SET email_verified = TRUE WHERE id = ?")) {
            ps.setString(1, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        TestClient.Response allowed = squatter.get("/admin/get-user?id=" + id);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().get("email").asText()).isEqualTo(BOOTSTRAP_ADMIN);
        assertThat(allowed.json().get("role").asText()).isEqualTo("user");
    }

    @Test
    void aBanRevokesTheSessionsRefusesSignInAndLiftsItselfWhenItExpires() {
        User target = newUser("user");
        TestClient targetClient = signedIn(target);
        TestClient admin = admin();

        TestClient.Response ban = admin.post("/admin/ban-user",
                "{\"userId\":\"" + target.id() + "\",\"banReason\":\"spam\",\"banExpiresIn\":3600}");

        assertThat(ban.status()).isEqualTo(200);
        assertThat(ban.json().at("/user/banned").asBoolean()).isTrue();
        assertThat(ban.json().at("/user/banReason").asText()).isEqualTo("spam");
        assertThat(ban.json().at("/user/banExpires").asText()).isEqualTo("2026-03-01T11:00:00.000Z");
        assertThat(isSignedIn(targetClient)).isFalse();
        TestClient.Response refused = server.client().signIn(target.email(), PASSWORD);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("BANNED_USER");
        assertThat(refused.setCookie(COOKIE)).isEmpty();
        // without the password the ban is not revealed
        assertThat(server.client().signIn(target.email(), "a wrong password guess").status()).isEqualTo(401);

        server.clock.advance(Duration.ofMinutes(59));
        assertThat(server.client().signIn(target.email(), PASSWORD).status()).isEqualTo(403);
        server.clock.advance(Duration.ofMinutes(1));
        TestClient.Response after = server.client().signIn(target.email(), PASSWORD);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().at("/user/banned").asBoolean()).isFalse();
        assertThat(after.json().at("/user/banExpires").isNull()).isTrue();
    }

    @Test
    void aBanWithoutExpiryLastsUntilUnbannedAndNobodyCanBanThemself() {
        User target = newUser("user");
        TestClient admin = admin();
        String adminId = admin.get("/get-session").json().at("/user/id").asText();

        assertThat(admin.post("/admin/ban-user", userIdBody(target)).json().at("/user/banExpires").isNull()).isTrue();
        server.clock.advance(Duration.ofDays(365));
        assertThat(server.client().signIn(target.email(), PASSWORD).status()).isEqualTo(403);
        admin = signedIn(server.portcullis.users().findById(adminId).orElseThrow()); // the old session idled out
        TestClient.Response unban = admin.post("/admin/unban-user", userIdBody(target));
        assertThat(unban.json().at("/user/banned").asBoolean()).isFalse();
        assertThat(server.client().signIn(target.email(), PASSWORD).status()).isEqualTo(200);

        TestClient.Response self = admin.post("/admin/ban-user", "{\"userId\":\"" + adminId + "\"}");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.json().get("code").asText()).isEqualTo("YOU_CANNOT_BAN_YOURSELF");
        TestClient.Response unknown = admin.post("/admin/ban-user", "{\"userId\":\"no-such-user\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("USER_NOT_FOUND");
    }

    @Test
    void removeUserLeavesNoRowOfThatUserInAnyTable() throws Exception {
        User target = newUser("user");
        TestClient targetClient = signedIn(target);
        server.client().signIn(target.email(), "a wrong password guess"); // an audit event about the target
        TestClient admin = admin();
        String adminId = admin.get("/get-session").json().at("/user/id").asText();
        assertThat(DatabaseCells.referringTo(server.database, target)).isNotEmpty();

        TestClient.Response removed = admin.post("/admin/remove-user", userIdBody(target));

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("success").asBoolean()).isTrue();
        assertThat(DatabaseCells.referringTo(server.database, target)).isEmpty();
        assertThat(isSignedIn(targetClient)).isFalse();
        JsonNode event = events(admin, "?type=user_removed").get(0);
        assertThat(event.get("actorId").asText()).isEqualTo(adminId);
        assertThat(event.at("/detail/removedUserId").asText()).isEqualTo(target.id());

        assertThat(admin.post("/admin/remove-user", userIdBody(target)).json().get("code").asText()).isEqualTo("USER_NOT_FOUND");
        TestClient.Response self = admin.post("/admin/remove-user", "{\"userId\":\"" + adminId + "\"}");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.json().get("code").asText()).isEqualTo("YOU_CANNOT_REMOVE_YOURSELF");
    }

    @Test
    void anAdminCannotBanRemoveOrDemoteThemselvesByTheirIdWithTrailingSpaces() {
        // MariaDB compares text without trailing spaces (PAD SPACE): there, "id  " finds the row of "id".
        User self = newUser("admin");
        TestClient admin = signedIn(self);
        String padded = "{\"userId\":\"" + self.id() + "  \"";
        assertThat(answer(admin.post("/admin/ban-user", padded + "}"))).isIn("400 YOU_CANNOT_BAN_YOURSELF", "404 USER_NOT_FOUND");
        assertThat(answer(admin.post("/admin/remove-user", padded + "}"))).isIn("400 YOU_CANNOT_REMOVE_YOURSELF", "404 USER_NOT_FOUND");
        assertThat(answer(admin.post("/admin/set-role", padded + ",\"role\":[\"admin\",\"support\"]}"))).isIn("200", "404 USER_NOT_FOUND");
        assertThat(answer(admin.post("/admin/unlock-user", padded + "}"))).isIn("200", "404 USER_NOT_FOUND");

        assertThat(server.portcullis.users().findById(self.id())).as("still there, not banned")
                .hasValueSatisfying(user -> assertThat(user.banned()).isFalse());
        TestClient.Response session = admin.get("/get-session");
        assertThat(session.json().at("/user/id").asText()).as("still signed in: " + session.body()).isEqualTo(self.id());
        assertThat(events(admin, "?type=account_unlocked").findValuesAsText("userId")).as("audited under the stored id")
                .allMatch(id -> id.equals(id.strip()));
    }

    @Test
    void revokeUserSessionBySessionIdEndsOnlyThatSession() {
        User target = newUser("user");
        TestClient first = signedIn(target);
        TestClient second = signedIn(target);
        String firstId = sessionIdOf(first);
        TestClient admin = admin();

        TestClient.Response r = admin.post("/admin/revoke-user-session", "{\"sessionToken\":\"" + firstId + "\"}");

        assertThat(r.json().get("success").asBoolean()).isTrue();
        assertThat(isSignedIn(first)).isFalse();
        assertThat(isSignedIn(second)).isTrue();
        assertThat(admin.post("/admin/revoke-user-session", userIdBody(target)).status()).isEqualTo(200);
        assertThat(isSignedIn(second)).isFalse();
    }

    @Test
    void setRoleRevokesTheTargetsSessionsAndADemotedAdminLosesTheRightAtOnce() {
        TestClient admin = admin();
        User colleague = newUser("admin");
        TestClient colleagueClient = signedIn(colleague);
        assertThat(colleagueClient.get("/admin/list-users").status()).isEqualTo(200);

        TestClient.Response demote = admin.post("/admin/set-role", "{\"userId\":\"" + colleague.id() + "\",\"role\":[\"user\",\"support\"]}");

        assertThat(demote.status()).isEqualTo(200);
        assertThat(demote.json().at("/user/role").asText()).isEqualTo("user,support");
        assertThat(colleagueClient.get("/admin/list-users").status()).isEqualTo(401);
        TestClient again = signedIn(colleague);
        assertThat(again.get("/admin/list-users").json().get("code").asText()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_LIST_USERS");
        JsonNode changed = events(admin, "?userId=" + colleague.id() + "&type=role_changed").get(0);
        assertThat(changed.at("/detail/from").asText()).isEqualTo("admin");
        assertThat(changed.at("/detail/to").asText()).isEqualTo("user,support");

        // the same roles again change nothing and end no session
        assertThat(admin.post("/admin/set-role", "{\"userId\":\"" + colleague.id() + "\",\"role\":\"user,support\"}").status()).isEqualTo(200);
        assertThat(isSignedIn(again)).isTrue();
        TestClient.Response invalid = admin.post("/admin/set-role", "{\"userId\":\"" + colleague.id() + "\",\"role\":\"bad role!\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("message").asText()).startsWith("[body.role]");
    }

    @Test
    void anAdminChangingTheirOwnRolesGetsARotatedSession() {
        User self = newUser("admin");
        TestClient client = signedIn(self);
        TestClient elsewhere = signedIn(self);
        String oldCookie = client.cookies.get(COOKIE);

        TestClient.Response r = client.post("/admin/set-role", "{\"userId\":\"" + self.id() + "\",\"role\":[\"admin\",\"support\"]}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(client.cookies.get(COOKIE)).isNotEqualTo(oldCookie);
        assertThat(client.get("/admin/list-users").status()).isEqualTo(200);
        assertThat(isSignedIn(elsewhere)).isFalse();
        assertThat(cookieWorks(oldCookie)).isFalse();
    }

    @Test
    void setUserPasswordAppliesThePolicyAndRevokesTheTargetsSessions() {
        User target = newUser("user");
        TestClient targetClient = signedIn(target);
        TestClient admin = admin();
        String newPassword = "set by an administrator 7";

        TestClient.Response weak = admin.post("/admin/set-user-password", "{\"userId\":\"" + target.id() + "\",\"newPassword\":\"short\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("code").asText()).isEqualTo("PASSWORD_TOO_SHORT");
        assertThat(isSignedIn(targetClient)).isTrue();

        TestClient.Response set = admin.post("/admin/set-user-password", "{\"userId\":\"" + target.id() + "\",\"newPassword\":\"" + newPassword + "\"}");

        assertThat(set.json().get("status").asBoolean()).isTrue();
        assertThat(isSignedIn(targetClient)).isFalse();
        assertThat(server.client().signIn(target.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(server.client().signIn(target.email(), newPassword).status()).isEqualTo(200);
    }

    @Test
    void signInsRacingASetUserPasswordLeaveNoSessionOpenedWithTheOldPassword() throws Exception {
        User target = newUser("user");
        TestClient admin = admin();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> signIns = new ArrayList<>();
            for (int i = 0; i < 8; i++) signIns.add(pool.submit(() -> server.client().signIn(target.email(), PASSWORD).status()));
            TestClient.Response set = admin.post("/admin/set-user-password",
                    "{\"userId\":\"" + target.id() + "\",\"newPassword\":\"set while signing in 9\"}");
            assertThat(set.status()).isEqualTo(200);
            // 429: enough sign-ins checked the old password after the change to lock the account.
            for (var f : signIns) assertThat(f.get()).isIn(200, 401, 429);
        } finally {
            pool.shutdownNow();
        }
        // Each sign-in either finished before the new password (its session then revoked) or was refused.
        assertThat(admin.post("/admin/list-user-sessions", userIdBody(target)).json().get("sessions")).isEmpty();
    }

    @Test
    void auditEventsPageNewestFirstWithoutGapsAndHoldNoSecret() {
        User target = newUser("user");
        TestClient targetClient = signedIn(target);
        for (int i = 0; i < 4; i++) {
            server.clock.advance(Duration.ofSeconds(1));
            server.client().signIn(target.email(), "wrong password number " + i);
        }
        targetClient.post("/sign-out", "{}");
        TestClient admin = admin();

        JsonNode firstPage = events(admin, "?userId=" + target.id() + "&limit=2");
        assertThat(firstPage).hasSize(2);
        assertThat(firstPage.get(0).get("type").asText()).isEqualTo("sign_out");
        assertThat(firstPage.get(1).get("type").asText()).isEqualTo("sign_in_failure");
        long lastId = firstPage.get(1).get("id").asLong();
        JsonNode rest = events(admin, "?userId=" + target.id() + "&before=" + lastId);
        List<String> types = new ArrayList<>();
        rest.forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactly("sign_in_failure", "sign_in_failure", "sign_in_failure", "sign_in_success");
        assertThat(rest.get(0).get("id").asLong()).isLessThan(lastId);

        JsonNode beforeTime = events(admin, "?userId=" + target.id() + "&before=2026-03-01T10:00:01.000Z");
        assertThat(beforeTime).hasSize(1);
        assertThat(beforeTime.get(0).get("type").asText()).isEqualTo("sign_in_success");

        String all = admin.get("/admin/audit-events?userId=" + target.id() + "&limit=500").body();
        assertThat(all).doesNotContain("wrong password").doesNotContain(PASSWORD);
        assertThat(admin.get("/admin/audit-events?type=no_such_type").status()).isEqualTo(400);
        assertThat(admin.get("/admin/audit-events?before=yesterday").status()).isEqualTo(400);
    }
}
