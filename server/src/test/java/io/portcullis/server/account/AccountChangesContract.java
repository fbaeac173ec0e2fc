package io.portcullis.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.server.testing.DatabaseCells;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.user.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** update-user, change-password and delete-user: what users do to their own account. */
abstract class AccountChangesContract extends ServerContract {
    private static final String NEW_PASSWORD = "a brand new passphrase 42";

    private static String changePassword(String current, String next, Boolean revokeOthers) {
        return "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\""
                + (revokeOthers == null ? "" : ",\"revokeOtherSessions\":" + revokeOthers) + "}";
    }

    @Test
    void changePasswordRotatesTheCallersSessionAndRevokesTheOthers() {
        User user = newUser("user");
        TestClient caller = signedIn(user);
        TestClient other = signedIn(user);
        String oldCookie = caller.cookies.get(COOKIE);
        String oldId = sessionIdOf(caller);

        TestClient.Response r = caller.post("/change-password", changePassword(PASSWORD, NEW_PASSWORD, null));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/user/id").asText()).isEqualTo(user.id());
        String newCookie = caller.cookies.get(COOKIE);
        assertThat(newCookie).isNotEqualTo(oldCookie);
        assertThat(r.json().get("token").asText()).isNotEqualTo(oldId);
        JsonNode session = caller.get("/get-session").json();
        assertThat(session.at("/session/id").asText()).isEqualTo(r.json().get("token").asText());

        assertThat(cookieWorks(oldCookie)).isFalse();
        assertThat(isSignedIn(other)).isFalse();
        assertThat(caller.get("/list-sessions").json()).hasSize(1);

        assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(server.client().signIn(user.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeThatCannotBeStoredWhollyChangesNothingAndTheCallerStaysSignedIn() throws Exception {
        User user = newUser("user");
        TestClient caller = signedIn(user);
        TestClient other = signedIn(user);
        String cookie = caller.cookies.get(COOKIE);

        whileTheDatabaseRefuses("audit_event", "type <> 'password_changed' OR user_id <> '" + user.id() + "'",
                () -> assertThat(caller.post("/change-password", changePassword(PASSWORD, NEW_PASSWORD, null)).status()).isEqualTo(500));
        assertThat(caller.cookies.get(COOKIE)).isEqualTo(cookie);
        assertThat(isSignedIn(caller)).as("the rotation undone with the rest").isTrue();
        assertThat(isSignedIn(other)).isTrue();
        assertThat(server.client().signIn(user.email(), PASSWORD).status()).as("the password, unchanged").isEqualTo(200);

        assertThat(caller.post("/change-password", changePassword(PASSWORD, NEW_PASSWORD, null)).status()).isEqualTo(200);
        assertThat(isSignedIn(other)).isFalse();
    }

    @Test
    void changePasswordWithRevokeOtherSessionsFalseKeepsTheOthersButStillRotates() {
        User user = newUser("user");
        TestClient caller = signedIn(user);
        TestClient other = signedIn(user);
        String oldCookie = caller.cookies.get(COOKIE);

        TestClient.Response r = caller.post("/change-password", changePassword(PASSWORD, NEW_PASSWORD, false));

        assertThat(r.status()).isEqualTo(200);
        assertThat(caller.cookies.get(COOKIE)).isNotEqualTo(oldCookie);
        assertThat(isSignedIn(caller)).isTrue();
        assertThat(isSignedIn(other)).isTrue();
    }

    @Test
    void aWrongCurrentPasswordOrAWeakNewOneChangesNothing() {
        User user = newUser("user");
        TestClient caller = signedIn(user);
        String cookie = caller.cookies.get(COOKIE);

        TestClient.Response wrong = caller.post("/change-password", changePassword("not my password at all", NEW_PASSWORD, null));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("code").asText()).isEqualTo("INVALID_PASSWORD");
        TestClient.Response tooShort = caller.post("/change-password", changePassword(PASSWORD, "short", null));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("code").asText()).isEqualTo("PASSWORD_TOO_SHORT");

        assertThat(caller.cookies.get(COOKIE)).isEqualTo(cookie);
        assertThat(isSignedIn(caller)).isTrue();
        assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(200);
        assertThat(server.client().post("/change-password", changePassword(PASSWORD, NEW_PASSWORD, null)).status()).isEqualTo(401);
    }

    @Test
    void listSecurityEventsShowsTheCallersOwnEventsNewestFirst() {
        User user = newUser("user");
        User stranger = newUser("user");
        signedIn(stranger);
        TestClient caller = signedIn(user);
        assertThat(caller.post("/change-password", changePassword(PASSWORD, NEW_PASSWORD, null)).status()).isEqualTo(200);
        server.client().signIn(user.email(), "not my password at all");

        TestClient.Response r = caller.get("/list-security-events");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var events = r.json().get("events");
        List<String> types = new ArrayList<>();
        events.forEach(e -> {
            assertThat(e.get("userId").asText()).isEqualTo(user.id());
            types.add(e.get("type").asText());
        });
        assertThat(types).containsSubsequence("sign_in_failure", "password_changed", "sign_in_success");
        assertThat(caller.get("/list-security-events?limit=1").json().get("events")).hasSize(1);
        assertThat(caller.get("/list-security-events?limit=0").json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(server.client().get("/list-security-events").status()).isEqualTo(401);
    }

    @Test
    void updateUserChangesNameAndImageButNeverTheEmailOrRole() {
        User user = newUser("user");
        TestClient client = signedIn(user);

        assertThat(client.post("/update-user", "{\"name\":\"Grace Hopper\",\"image\":\"https://img.example.com/g.png\"}").json()
                .get("status").asBoolean()).isTrue();
        JsonNode updated = client.get("/get-session").json().get("user");
        assertThat(updated.get("name").asText()).isEqualTo("Grace Hopper");
        assertThat(updated.get("image").asText()).isEqualTo("https://img.example.com/g.png");

        assertThat(client.post("/update-user", "{\"image\":null}").status()).isEqualTo(200);
        updated = client.get("/get-session").json().get("user");
        assertThat(updated.get("image").isNull()).isTrue();
        assertThat(updated.get("name").asText()).isEqualTo("Grace Hopper");

        TestClient.Response email = client.post("/update-user", "{\"email\":\"other@example.com\"}");
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.json().get("code").asText()).isEqualTo("EMAIL_CAN_NOT_BE_UPDATED");
        TestClient.Response role = client.post("/update-user", "{\"role\":\"admin\"}");
        assertThat(role.status()).isEqualTo(400);
        assertThat(role.json().get("code").asText()).isEqualTo("FIELD_NOT_ALLOWED");
        TestClient.Response nothing = client.post("/update-user", "{}");
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        updated = client.get("/get-session").json().get("user");
        assertThat(updated.get("email").asText()).isEqualTo(user.email());
        assertThat(updated.get("role").asText()).isEqualTo("user");
    }

    @Test
    void deleteUserNeedsThePasswordAndThenLeavesNoRowOfTheUserInAnyTable() throws Exception {
        User user = newUser("user");
        TestClient client = signedIn(user);
        TestClient other = signedIn(user);
        client.post("/revoke-other-sessions", "{}"); // an audit event about the user
        other = signedIn(user);

        TestClient.Response wrong = client.post("/delete-user", "{\"password\":\"not my password at all\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("code").asText()).isEqualTo("INVALID_PASSWORD");
        assertThat(DatabaseCells.referringTo(server.database, user)).isNotEmpty();

        TestClient.Response deleted = client.post("/delete-user", "{\"password\":\"" + PASSWORD + "\"}");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("success").asBoolean()).isTrue();
        assertThat(deleted.json().get("message").asText()).isEqualTo("User deleted");
        assertThat(deleted.setCookie(COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(isSignedIn(other)).isFalse();
        assertThat(DatabaseCells.referringTo(server.database, user)).isEmpty();
        assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(401);
    }
}
