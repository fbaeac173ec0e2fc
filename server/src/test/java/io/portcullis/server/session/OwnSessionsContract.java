package io.portcullis.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.session.SessionToken;
import io.portcullis.user.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user's control over their own sessions: list, revoke one, revoke all, revoke the others. */
abstract class OwnSessionsContract extends ServerContract {

    private static List<String> ids(TestClient.Response list) {
        List<String> ids = new ArrayList<>();
        list.json().forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @Test
    void revokingOneOfThreeListedSessionsSignsOutOnlyThatClientAndNoResponseCarriesATokenOrItsHash() {
        User user = newUser("user");
        List<TestClient> clients = List.of(signedIn(user), signedIn(user), signedIn(user));
        List<String> tokens = clients.stream().map(c -> c.cookies.get(COOKIE)).toList();

        TestClient.Response list = clients.get(0).get("/list-sessions");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(3);
        String secondId = clients.get(1).get("/get-session").json().at("/session/id").asText();
        assertThat(ids(list)).contains(secondId);

        TestClient.Response revoke = clients.get(0).post("/revoke-session", "{\"token\":\"" + secondId + "\"}");
        assertThat(revoke.status()).isEqualTo(200);
        assertThat(revoke.json().get("status").asBoolean()).isTrue();

        TestClient.Response refused = clients.get(1).get("/list-sessions");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(isSignedIn(clients.get(0))).isTrue();
        assertThat(isSignedIn(clients.get(2))).isTrue();
        assertThat(ids(clients.get(2).get("/list-sessions"))).hasSize(2).doesNotContain(secondId);

        for (TestClient client : clients) {
            for (TestClient.Response r : client.responses) {
                String visible = r.body() + r.headers().map().entrySet().stream()
                        .filter(h -> !h.getKey().equalsIgnoreCase("set-cookie")).toList();
                for (String token : tokens) {
                    assertThat(visible).doesNotContain(token).doesNotContain(SessionToken.hash(token));
                }
            }
        }
    }

    @Test
    void revokingASessionIdOfAnotherUserChangesNothing() {
        User alice = newUser("user");
        User mallory = newUser("user");
        TestClient aliceClient = signedIn(alice);
        TestClient malloryClient = signedIn(mallory);
        String aliceSessionId = sessionIdOf(aliceClient);

        TestClient.Response r = malloryClient.post("/revoke-session", "{\"id\":\"" + aliceSessionId + "\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asBoolean()).isTrue();
        assertThat(isSignedIn(aliceClient)).isTrue();
        assertThat(isSignedIn(malloryClient)).isTrue();
        assertThat(ids(aliceClient.get("/list-sessions"))).containsExactly(aliceSessionId);
    }

    @Test
    void revokingTheCurrentSessionExpiresTheCookie() {
        TestClient client = signedIn(newUser("user"));
        String id = sessionIdOf(client);

        TestClient.Response r = client.post("/revoke-session", "{\"token\":\"" + id + "\"}");

        assertThat(r.setCookie(COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(client.get("/get-session").body()).isEqualTo("null");
    }

    @Test
    void revokeSessionsEndsEverySessionIncludingTheCurrentOne() {
        User user = newUser("user");
        TestClient first = signedIn(user);
        TestClient second = signedIn(user);
        String stolen = first.cookies.get(COOKIE);

        TestClient.Response r = first.post("/revoke-sessions", "{}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asBoolean()).isTrue();
        assertThat(r.setCookie(COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(isSignedIn(second)).isFalse();
        assertThat(cookieWorks(stolen)).isFalse();
    }

    @Test
    void revokeOtherSessionsKeepsOnlyTheCallersSession() {
        User user = newUser("user");
        TestClient keeper = signedIn(user);
        TestClient other1 = signedIn(user);
        TestClient other2 = signedIn(user);

        TestClient.Response r = keeper.post("/revoke-other-sessions", "");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.setCookies()).isEmpty();
        assertThat(isSignedIn(other1)).isFalse();
        assertThat(isSignedIn(other2)).isFalse();
        JsonNode left = keeper.get("/list-sessions").json();
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("current").asBoolean()).isTrue();
    }

    @Test
    void revocationsNeedASessionAndAValidBody() {
        for (String path : List.of("/revoke-session", "/revoke-sessions", "/revoke-other-sessions")) {
            TestClient.Response anonymous = server.client().post(path, "{}");
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        }
        TestClient client = signedIn(newUser("user"));
        assertThat(client.post("/revoke-session", "{}").json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(client.post("/revoke-session", "{\"token\":\"a\",\"id\":\"b\"}").json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(client.post("/revoke-sessions", "{\"userId\":\"x\"}").json().get("code").asText()).isEqualTo("FIELD_NOT_ALLOWED");
        assertThat(isSignedIn(client)).isTrue();
    }

    @Test
    void everyRevocationIsInTheAuditTrailWithTheUserAsActor() throws Exception {
        User user = newUser("user");
        TestClient keeper = signedIn(user);
        signedIn(user);
        signedIn(user);

        keeper.post("/revoke-other-sessions", "{}");

        try (Connection c = server.database.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT actor_id, session_id, detail FROM audit_event WHERE user_id = ? AND type = 'session_revoked'")) {
            ps.setString(1, user.id());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("actor_id")).isEqualTo(user.id());
                assertThat(rs.getString("session_id")).isEqualTo(sessionIdOf(keeper));
                assertThat(rs.getString("detail")).contains("\"reason\":\"user\"").contains("\"count\":2");
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
