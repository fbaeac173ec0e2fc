package io.portcullis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import io.portcullis.user.User;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to the endpoints that need a session, sent by a signed-in admin (so that every check
 * before the action is reached): always a 4xx JSON error with the documented code, never a 500,
 * and the admin's session survives it.
 */
class SignedInBadRequestTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static TestServer server;
    private static TestClient admin;
    private static String target;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.Kind.H2);
        User adminUser = server.portcullis.emailPassword().createUser("bad-input-admin@example.com", "Admin", PASSWORD, null, "admin");
        target = server.portcullis.emailPassword().createUser("bad-input-target@example.com", "Target", PASSWORD, null, "user").id();
        admin = server.client();
        assertThat(admin.signIn(adminUser.email(), PASSWORD).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    record Case(String description, String method, String path, String body, int status, String code, String messageContains) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static Case post(String description, String path, String body, int status, String code, String messageContains) {
        return new Case(description, "POST", path, body, status, code, messageContains);
    }

    private static Case get(String description, String path, int status, String code, String messageContains) {
        return new Case(description, "GET", path, null, status, code, messageContains);
    }

    static Stream<Case> cases() {
        String huge = "9".repeat(40);
        return Stream.of(
                post("revoke-session with token as a number", "/revoke-session", "{\"token\":42}", 400, "VALIDATION_ERROR", "[body.token] Expected string"),
                post("revoke-session with a 1000-character id", "/revoke-session", "{\"id\":\"" + "x".repeat(1000) + "\"}", 400, "VALIDATION_ERROR", "[body.id]"),
                post("revoke-other-sessions with a field", "/revoke-other-sessions", "{\"keep\":true}", 400, "FIELD_NOT_ALLOWED", "[body.keep]"),
                post("update-user with name as an array", "/update-user", "{\"name\":[\"a\"]}", 400, "VALIDATION_ERROR", "[body.name]"),
                post("update-user with a control character", "/update-user", "{\"name\":\"a\\u0000b\"}", 400, "VALIDATION_ERROR", "[body.name]"),
                post("update-user with half a surrogate pair", "/update-user", "{\"name\":\"x\\ud800y\"}", 400, "VALIDATION_ERROR",
                        "[body.name] Must be valid Unicode text"),
                post("change-password with a 5000-character new password", "/change-password",
                        "{\"currentPassword\":\"x\",\"newPassword\":\"" + "p".repeat(5000) + "\"}", 400, "PASSWORD_TOO_LONG", null),
                post("update-user with emailVerified", "/update-user", "{\"emailVerified\":true}", 400, "FIELD_NOT_ALLOWED", "[body.emailVerified]"),
                post("change-password without fields", "/change-password", "{}", 400, "VALIDATION_ERROR", "[body.currentPassword] Required"),
                post("change-password with revokeOtherSessions as a string", "/change-password",
                        "{\"currentPassword\":\"x\",\"newPassword\":\"y\",\"revokeOtherSessions\":\"no\"}", 400, "VALIDATION_ERROR", "[body.revokeOtherSessions]"),
                post("delete-user without password", "/delete-user", "{}", 400, "VALIDATION_ERROR", "[body.password] Required"),
                post("ban-user with banExpiresIn as text", "/admin/ban-user", "{\"userId\":\"" + target + "\",\"banExpiresIn\":\"1h\"}",
                        400, "VALIDATION_ERROR", "[body.banExpiresIn]"),
                post("ban-user with a negative banExpiresIn", "/admin/ban-user", "{\"userId\":\"" + target + "\",\"banExpiresIn\":-5}",
                        400, "VALIDATION_ERROR", "[body.banExpiresIn]"),
                post("ban-user with a 40-digit banExpiresIn", "/admin/ban-user", "{\"userId\":\"" + target + "\",\"banExpiresIn\":" + huge + "}",
                        400, "VALIDATION_ERROR", "[body.banExpiresIn]"),
                post("ban-user with a fractional banExpiresIn", "/admin/ban-user", "{\"userId\":\"" + target + "\",\"banExpiresIn\":1.5}",
                        400, "VALIDATION_ERROR", "[body.banExpiresIn]"),
                post("ban-user without userId", "/admin/ban-user", "{}", 400, "VALIDATION_ERROR", "[body.userId] Required"),
                post("set-role with role as an object", "/admin/set-role", "{\"userId\":\"" + target + "\",\"role\":{\"a\":1}}",
                        400, "VALIDATION_ERROR", "[body.role]"),
                post("set-role with an empty role", "/admin/set-role", "{\"userId\":\"" + target + "\",\"role\":\"\"}",
                        400, "VALIDATION_ERROR", "[body.role]"),
                post("set-role with 17 roles", "/admin/set-role", "{\"userId\":\"" + target + "\",\"role\":\"a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q\"}",
                        400, "VALIDATION_ERROR", "[body.role]"),
                post("set-role with a number in the array", "/admin/set-role", "{\"userId\":\"" + target + "\",\"role\":[\"admin\",1]}",
                        400, "VALIDATION_ERROR", "[body.role]"),
                post("set-user-password with a too long password", "/admin/set-user-password",
                        "{\"userId\":\"" + target + "\",\"newPassword\":\"" + "p".repeat(200) + "\"}", 400, "PASSWORD_TOO_LONG", null),
                post("revoke-user-session with both fields", "/admin/revoke-user-session",
                        "{\"sessionToken\":\"abc\",\"userId\":\"" + target + "\"}", 400, "VALIDATION_ERROR", "[body.userId]"),
                post("set-role with 16 names of 32 characters (over 255 stored)", "/admin/set-role",
                        "{\"userId\":\"" + target + "\",\"role\":[" + java.util.stream.IntStream.range(0, 16).mapToObj(i -> "\"" + "r".repeat(30) + (10 + i) + "\"").collect(java.util.stream.Collectors.joining(",")) + "]}",
                        400, "VALIDATION_ERROR", "[body.role]"),
                post("update-user with only a null name", "/update-user", "{\"name\":null}", 400, "VALIDATION_ERROR", "No fields to update"),
                post("revoke-user-session without either field", "/admin/revoke-user-session", "{}", 400, "VALIDATION_ERROR", "[body.sessionToken]"),
                post("list-user-sessions of nobody", "/admin/list-user-sessions", "{\"userId\":\"nobody\"}", 404, "USER_NOT_FOUND", null),
                post("remove-user with userId as an array", "/admin/remove-user", "{\"userId\":[\"" + target + "\"]}", 400, "VALIDATION_ERROR", "[body.userId]"),
                get("list-users with limit as text", "/admin/list-users?limit=ten", 400, "VALIDATION_ERROR", "[query.limit]"),
                get("list-users with a limit above the maximum", "/admin/list-users?limit=1001", 400, "VALIDATION_ERROR", "[query.limit]"),
                get("list-users with a 40-digit offset", "/admin/list-users?offset=" + huge, 400, "VALIDATION_ERROR", "[query.offset] Expected integer from 0 to"),
                get("list-users with a negative offset", "/admin/list-users?offset=-1", 400, "VALIDATION_ERROR", "[query.offset]"),
                get("list-users with an unknown searchField", "/admin/list-users?searchValue=a&searchField=password", 400, "VALIDATION_ERROR", "[query.searchField]"),
                get("list-users with sortDirection twice", "/admin/list-users?sortDirection=asc&sortDirection=desc", 400, "VALIDATION_ERROR", "[query.sortDirection]"),
                get("list-users with a control character in searchValue", "/admin/list-users?searchValue=a%00b", 400, "VALIDATION_ERROR", "[query.searchValue]"),
                get("get-user without id", "/admin/get-user", 400, "VALIDATION_ERROR", "[query.id] Required"),
                get("audit-events with a limit of 0", "/admin/audit-events?limit=0", 400, "VALIDATION_ERROR", "[query.limit]"),
                get("audit-events with a 19-digit before", "/admin/audit-events?before=9999999999999999999", 400, "VALIDATION_ERROR", "[query.before]"),
                get("audit-events before the year 300000", "/admin/audit-events?before=%2B300000-01-01T00:00:00Z", 400, "VALIDATION_ERROR", "[query.before]"),
                get("audit-events with an unknown parameter", "/admin/audit-events?actorId=x", 400, "VALIDATION_ERROR", "[query.actorId]"));
    }

    @Test
    void aValueTooLongIsReportedOnceNotAlsoAsMissing() {
        assertThat(admin.get("/admin/get-user?id=" + "a".repeat(100)).json().get("message").asText())
                .isEqualTo("[query.id] Must be at most 64 characters");
        assertThat(admin.post("/revoke-session", "{\"token\":\"" + "t".repeat(65) + "\"}").json().get("message").asText())
                .isEqualTo("[body.token] Must be at most 64 characters");
        assertThat(admin.post("/revoke-session", "{\"token\":null}").json().get("message").asText()).isEqualTo("[body.token] Required");
        assertThat(admin.post("/admin/revoke-user-session", "{\"sessionToken\":\"" + "s".repeat(300) + "\"}").json().get("message").asText())
                .isEqualTo("[body.sessionToken] Must be at most 64 characters");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithA4xxJsonErrorAndKeepsTheSession(Case c) {
        TestClient.Response r = c.method().equals("GET") ? admin.get(c.path()) : admin.post(c.path(), c.body());

        assertThat(r.status()).as(r.body()).isEqualTo(c.status());
        assertThat(r.json().get("code").asText()).isEqualTo(c.code());
        if (c.messageContains() != null) assertThat(r.json().get("message").asText()).contains(c.messageContains());
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(admin.get("/get-session").body()).isNotEqualTo("null");
    }
}
