package io.portcullis.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.server.testing.TestClient;
import io.portcullis.user.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The admin endpoints that find users and show their state: search and paging, sessions, lockout. */
abstract class AdminUsersContract extends AdminTesting {
    @Test
    void listUsersSearchesSortsAndPages() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String email = "list-" + marker + "-" + i + "@example.com";
            server.portcullis.emailPassword().createUser(email, (i % 2 == 0 ? "Even " : "Odd ") + marker, PASSWORD, null, "user");
            emails.add(email);
        }
        TestClient admin = admin();

        JsonNode all = admin.get("/admin/list-users?searchValue=" + marker.toUpperCase() + "&sortBy=email&sortDirection=desc").json();
        assertThat(all.get("total").asLong()).isEqualTo(5);
        List<String> listed = new ArrayList<>();
        all.get("users").forEach(u -> listed.add(u.get("email").asText()));
        List<String> descending = new ArrayList<>(emails);
        java.util.Collections.reverse(descending);
        assertThat(listed).containsExactlyElementsOf(descending);

        JsonNode page = admin.get("/admin/list-users?searchValue=" + marker + "&sortBy=email&limit=2&offset=4").json();
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(page.get("offset").asInt()).isEqualTo(4);
        assertThat(page.get("users")).hasSize(1);
        assertThat(page.at("/users/0/email").asText()).isEqualTo(emails.get(4));

        JsonNode byName = admin.get("/admin/list-users?searchField=name&searchOperator=starts_with&searchValue=odd%20" + marker).json();
        assertThat(byName.get("total").asLong()).isEqualTo(2);
        JsonNode literal = admin.get("/admin/list-users?searchValue=" + marker + "%25").json();
        assertThat(literal.get("total").asLong()).as("%% is matched literally").isZero();

        TestClient.Response unknown = admin.get("/admin/list-users?filterField=role");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).contains("[query.filterField]");
        assertThat(admin.get("/admin/list-users?limit=0").json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(admin.get("/admin/list-users?sortBy=password").status()).isEqualTo(400);
    }

    @Test
    void getUserAndListUserSessionsShowNoSecrets() {
        User target = newUser("user");
        TestClient first = signedIn(target);
        signedIn(target);
        TestClient admin = admin();

        TestClient.Response user = admin.get("/admin/get-user?id=" + target.id());
        assertThat(user.json().get("email").asText()).isEqualTo(target.email());
        assertThat(user.body()).doesNotContain("argon2");
        assertThat(admin.get("/admin/get-user?id=nobody").json().get("code").asText()).isEqualTo("USER_NOT_FOUND");

        TestClient.Response sessions = admin.post("/admin/list-user-sessions", userIdBody(target));
        assertThat(sessions.json().get("sessions")).hasSize(2);
        sessions.json().get("sessions").forEach(s -> assertThat(s.get("current").asBoolean()).isFalse());
        assertThat(sessions.body()).doesNotContain(first.cookies.get(COOKIE));
    }

    @Test
    void unlockUserAnswersForAnExistingUserAndIsAudited() {
        User target = newUser("user");
        TestClient admin = admin();
        assertThat(admin.post("/admin/unlock-user", userIdBody(target)).json().get("status").asBoolean()).isTrue();
        assertThat(admin.post("/admin/unlock-user", "{\"userId\":\"nobody\"}").status()).isEqualTo(404);
        assertThat(events(admin, "?userId=" + target.id() + "&type=account_unlocked")).hasSize(1);
    }

    @Test
    void getUserAndListUsersShowTheAccountsLockoutUntilItEndsByItselfOrAnAdminLiftsIt() {
        User target = newUser("user");
        neighbourOf(target);
        TestClient admin = admin();
        int maxFailures = server.portcullis.config().lockout().maxFailures();
        assertThat(lockout(admin, target)).isEqualTo("null, 0 failed");
        assertThat(listedLockout(admin, target)).isEqualTo("null, 0 failed");

        for (int i = 1; i < maxFailures; i++) assertThat(server.client().signIn(target.email(), "wrong password " + i).status()).isEqualTo(401);
        assertThat(lockout(admin, target)).isEqualTo("null, " + (maxFailures - 1) + " failed");
        assertThat(listedLockout(admin, target)).isEqualTo("null, " + (maxFailures - 1) + " failed");
        assertThat(server.client().signIn(target.email(), "the last wrong password").status()).isEqualTo(401);
        String lockedUntil = events(admin, "?userId=" + target.id() + "&type=account_locked").get(0).at("/detail/lockedUntil").asText();
        assertThat(lockout(admin, target)).as("the audit event's end of the lock, written as the API writes instants").isEqualTo(lockedUntil + ", 0 failed");
        assertThat(listedLockout(admin, target)).isEqualTo(lockedUntil + ", 0 failed");

        server.clock.advance(server.portcullis.config().lockout().lockLength(1));
        assertThat(lockout(admin, target)).as("ended by itself").isEqualTo("null, 0 failed");
        assertThat(listedLockout(admin, target)).isEqualTo("null, 0 failed");

        for (int i = 0; i < maxFailures; i++) assertThat(server.client().signIn(target.email(), "wrong again " + i).status()).isEqualTo(401);
        assertThat(lockout(admin, target)).doesNotStartWith("null");
        assertThat(admin.post("/admin/unlock-user", userIdBody(target)).status()).isEqualTo(200);
        assertThat(lockout(admin, target)).as("lifted").isEqualTo("null, 0 failed");
    }

    /** {@code lockedUntil, N failed} from {@code get-user}, the instant as the answer writes it. */
    private static String lockout(TestClient admin, User user) {
        TestClient.Response r = admin.get("/admin/get-user?id=" + user.id());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return lockout(r.json());
    }

    private static String lockout(JsonNode user) {
        JsonNode until = user.get("lockedUntil");
        return (until.isNull() ? "null" : until.asText()) + ", " + user.get("failedAttempts").asInt() + " failed";
    }

    /**
     * {@link #lockout} as {@code list-users} gives it, found by a search for the user's email, which also
     * finds the user made by {@link #neighbourOf}: nothing on record for that one.
     */
    private static String listedLockout(TestClient admin, User user) {
        TestClient.Response r = admin.get("/admin/list-users?searchValue=" + user.email());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, String> byEmail = new HashMap<>();
        r.json().get("users").forEach(u -> byEmail.put(u.get("email").asText(), lockout(u)));
        assertThat(byEmail).containsEntry("neighbour-" + user.email(), "null, 0 failed").hasSize(2);
        return byEmail.get(user.email());
    }

    private void neighbourOf(User user) {
        server.portcullis.emailPassword().createUser("neighbour-" + user.email(), "Neighbour", PASSWORD, null, "user");
    }
}
