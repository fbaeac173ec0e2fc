package io.portcullis.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.server.openapi.ServedDocument.Operation;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.server.testing.TotpCodes;
import io.portcullis.testing.TestDatabase;
import io.portcullis.user.User;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The document tells the truth about shapes: real answers validate against the schema it documents for
 * their operation and status (with no undocumented field, see {@link JsonSchemas#strict}), and the
 * request fields and query parameters it documents are the ones the server reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiResponsesTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestServer server;
    private JsonNode document;
    private JsonNode strict;

    @BeforeAll
    void start() {
        server = TestServer.start(TestDatabase.Kind.H2);
        document = ServedDocument.fetch(server);
        strict = JsonSchemas.strict(document);
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    private static String newEmail() {
        return "openapi-" + UUID.randomUUID() + "@example.com";
    }

    private TestClient signedIn(String role) {
        User user = server.portcullis.emailPassword().createUser(newEmail(), "Open Api", PASSWORD, null, role);
        TestClient client = server.client();
        assertThat(client.signIn(user.email(), PASSWORD).status()).isEqualTo(200);
        return client;
    }

    /** Asserts that the answer is documented for this operation, status included, and matches its schema. */
    private TestClient.Response documented(String method, String path, TestClient.Response r) {
        Operation operation = ServedDocument.operation(document, method, path);
        String status = String.valueOf(r.status());
        JsonNode response = operation.node().at("/responses/" + status);
        assertThat(response.isMissingNode()).as(operation + " documents status " + status + ": " + r.body()).isFalse();
        String pointer = operation.pointer() + "/responses/" + status;
        if (response.has("$ref")) pointer = response.get("$ref").asText().substring(1);
        JsonNode content = document.at(pointer + "/content/application~1json");
        if (content.isMissingNode()) {
            assertThat(r.body()).as(operation + " " + status + " documents no body").isEmpty();
            return r;
        }
        assertThat(r.header("Content-Type")).as(operation + " " + status).startsWith("application/json");
        List<String> problems = JsonSchemas.problems(JsonSchemas.inDocument(strict, pointer + "/content/application~1json/schema"), r.json());
        assertThat(problems).as(operation + " " + status + " answered " + r.body()).isEmpty();
        return r;
    }

    @Test
    void answersWithoutSessionMatchTheDocument() {
        TestClient anonymous = server.client();
        documented("GET", "/ok", anonymous.get("/ok"));
        documented("GET", "/openapi.json", anonymous.get("/openapi.json"));
        assertThat(documented("GET", "/get-session", anonymous.get("/get-session")).body()).isEqualTo("null");
        documented("GET", "/csrf", anonymous.get("/csrf"));
        assertThat(documented("GET", "/verify", anonymous.get("/verify")).status()).isEqualTo(401);
        assertThat(documented("GET", "/list-sessions", anonymous.get("/list-sessions")).status()).isEqualTo(401);
        assertThat(documented("GET", "/verify-email", anonymous.get("/verify-email?token=nope")).status()).isEqualTo(401);
        assertThat(documented("GET", "/reset-password/{token}", anonymous.get("/reset-password/nope?callbackURL=/reset")).status()).isEqualTo(302);
        documented("POST", "/request-password-reset", anonymous.post("/request-password-reset", "{\"email\":\"" + newEmail() + "\"}"));
        documented("POST", "/sign-out", anonymous.post("/sign-out", ""));
        assertThat(documented("POST", "/reset-password", anonymous.post("/reset-password", "{\"token\":\"nope\",\"newPassword\":\"" + PASSWORD + "\"}"))
                .json().get("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void signUpSignInAndTheSessionRoutesMatchTheDocument() {
        TestClient client = server.client();
        String email = newEmail();
        TestClient.Response up = documented("POST", "/sign-up/email", client.signUp(email, PASSWORD));
        assertThat(up.status()).isEqualTo(200);
        assertThat(documented("POST", "/sign-up/email", server.client().signUp(email, PASSWORD)).status()).isEqualTo(422);
        assertThat(documented("POST", "/sign-up/email", client.post("/sign-up/email", "{\"email\":\"x\"}")).json().get("code").asText())
                .isEqualTo("VALIDATION_ERROR");
        assertThat(documented("POST", "/sign-up/email", client.post("/sign-up/email", "{\"role\":\"admin\"}")).json().get("code").asText())
                .isEqualTo("FIELD_NOT_ALLOWED");

        assertThat(documented("GET", "/get-session", client.get("/get-session")).json().has("session")).isTrue();
        documented("GET", "/list-sessions", client.get("/list-sessions"));
        documented("GET", "/csrf", client.get("/csrf"));
        documented("GET", "/verify", client.get("/verify"));
        documented("GET", "/list-security-events", client.get("/list-security-events?limit=5"));
        assertThat(documented("GET", "/list-security-events", client.get("/list-security-events?limit=0")).status()).isEqualTo(400);
        documented("POST", "/update-user", client.post("/update-user", "{\"name\":\"Renamed\",\"image\":null}"));
        assertThat(documented("POST", "/update-user", client.post("/update-user", "{\"email\":\"a@example.com\"}")).status()).isEqualTo(400);

        TestClient other = server.client();
        TestClient.Response in = documented("POST", "/sign-in/email",
                other.post("/sign-in/email", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"callbackURL\":\"/home\"}"));
        assertThat(in.json().get("url").asText()).isEqualTo("/home");
        assertThat(documented("POST", "/sign-in/email", server.client().signIn(email, "wrong password entirely")).status()).isEqualTo(401);
        documented("POST", "/revoke-session", client.post("/revoke-session", "{\"token\":\"" + in.json().get("token").asText() + "\"}"));
        documented("POST", "/revoke-other-sessions", client.post("/revoke-other-sessions", ""));
        documented("POST", "/send-verification-email", client.post("/send-verification-email", "{\"email\":\"" + email + "\"}"));
        documented("POST", "/change-password", client.post("/change-password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"another correct horse battery\"}"));
        client.csrfHeaders = false;
        assertThat(documented("POST", "/revoke-sessions", client.post("/revoke-sessions", "", null)).json().get("code").asText())
                .isEqualTo("MISSING_OR_NULL_ORIGIN");
        client.csrfHeaders = true;
        documented("POST", "/revoke-sessions", client.post("/revoke-sessions", ""));
        assertThat(documented("POST", "/delete-user", signedIn("user").post("/delete-user", "{\"password\":\"" + PASSWORD + "\"}")).status())
                .isEqualTo(200);
    }

    @Test
    void twoFactorAnswersMatchTheDocumentTheChallengeIncluded() {
        User user = server.portcullis.emailPassword().createUser(newEmail(), "Two Factor", PASSWORD, null, "user");
        TestClient client = server.client();
        client.signIn(user.email(), PASSWORD);
        String password = "{\"password\":\"" + PASSWORD + "\"}";
        TestClient.Response enabled = documented("POST", "/two-factor/enable", client.post("/two-factor/enable", password));
        String secret = TotpCodes.secretOf(enabled.json().get("totpURI").asText());
        documented("POST", "/two-factor/get-totp-uri", client.post("/two-factor/get-totp-uri", password));
        documented("POST", "/two-factor/verify-totp", client.post("/two-factor/verify-totp",
                "{\"code\":\"" + TotpCodes.at(secret, server.clock.instant()) + "\"}"));
        documented("POST", "/two-factor/generate-backup-codes", client.post("/two-factor/generate-backup-codes", password));

        TestClient browser = server.client();
        TestClient.Response challenge = documented("POST", "/sign-in/email", browser.signIn(user.email(), PASSWORD));
        assertThat(challenge.json().get("twoFactorRedirect").asBoolean()).isTrue();
        assertThat(documented("POST", "/two-factor/verify-backup-code", browser.post("/two-factor/verify-backup-code", "{\"code\":\"aaaaa-aaaaa\"}"))
                .status()).isEqualTo(401);
        server.clock.advance(Duration.ofSeconds(TotpCodes.PERIOD_SECONDS));
        documented("POST", "/two-factor/verify-totp", browser.post("/two-factor/verify-totp",
                "{\"code\":\"" + TotpCodes.at(secret, server.clock.instant()) + "\",\"trustDevice\":true}"));
        documented("POST", "/two-factor/disable", browser.post("/two-factor/disable", password));
    }

    @Test
    void adminAnswersMatchTheDocument() {
        TestClient admin = signedIn("admin");
        TestClient user = signedIn("user");
        String userId = user.get("/get-session").json().at("/user/id").asText();
        String target = "{\"userId\":\"" + userId + "\"}";
        documented("GET", "/admin/list-users", admin.get("/admin/list-users?limit=2&sortBy=email&sortDirection=desc"));
        documented("GET", "/admin/get-user", admin.get("/admin/get-user?id=" + userId));
        assertThat(documented("GET", "/admin/get-user", admin.get("/admin/get-user?id=nobody")).status()).isEqualTo(404);
        assertThat(documented("GET", "/admin/get-user", user.get("/admin/get-user?id=" + userId)).status()).isEqualTo(403);
        documented("POST", "/admin/list-user-sessions", admin.post("/admin/list-user-sessions", target));
        documented("POST", "/admin/set-role", admin.post("/admin/set-role", "{\"userId\":\"" + userId + "\",\"role\":[\"user\",\"support\"]}"));
        documented("POST", "/admin/ban-user", admin.post("/admin/ban-user", "{\"userId\":\"" + userId + "\",\"banReason\":\"spam\",\"banExpiresIn\":60}"));
        documented("POST", "/admin/unban-user", admin.post("/admin/unban-user", target));
        documented("POST", "/admin/unlock-user", admin.post("/admin/unlock-user", target));
        documented("POST", "/admin/set-user-password", admin.post("/admin/set-user-password",
                "{\"userId\":\"" + userId + "\",\"newPassword\":\"yet another correct horse\"}"));
        documented("POST", "/admin/revoke-user-session", admin.post("/admin/revoke-user-session", "{\"sessionToken\":\"none\"}"));
        documented("POST", "/admin/revoke-user-sessions", admin.post("/admin/revoke-user-sessions", target));
        documented("GET", "/admin/audit-events", admin.get("/admin/audit-events?limit=50"));
        documented("POST", "/admin/remove-user", admin.post("/admin/remove-user", target));
    }

    /** Without this, a validator that accepted everything would pass every check above. */
    @Test
    void anAnswerThatDiffersFromTheDocumentIsRefused() {
        TestClient client = signedIn("user");
        JsonNode session = client.get("/get-session").json();
        String pointer = ServedDocument.operation(document, "GET", "/get-session").pointer() + "/responses/200/content/application~1json/schema";
        assertThat(JsonSchemas.problems(JsonSchemas.inDocument(strict, pointer), session)).isEmpty();

        ObjectNode withoutEmail = session.deepCopy();
        ((ObjectNode) withoutEmail.get("user")).remove("email");
        ObjectNode withSecret = session.deepCopy();
        ((ObjectNode) withSecret.get("session")).put("secretToken", "x");
        ObjectNode wrongType = session.deepCopy();
        ((ObjectNode) wrongType.get("user")).put("emailVerified", "no");
        for (JsonNode lie : List.of(withoutEmail, withSecret, wrongType)) {
            assertThat(JsonSchemas.problems(JsonSchemas.inDocument(strict, pointer), lie)).as(lie.toString()).isNotEmpty();
        }
    }

    /** Field names of Better Auth's API that Portcullis documents nowhere: each must be refused wherever it is sent. */
    private static final List<String> BETTER_AUTH_NAMES = List.of("fetchOptions", "disableRedirect", "provider", "idToken", "newEmail",
            "otp", "permission", "permissions", "expiresIn", "data", "query", "dontRememberMe", "twoFactorCode", "method");
    /** Fields read only to be refused with a code of their own, as Better Auth does; the operation's description says so. */
    private static final Map<String, Map<String, String>> REFUSED_WITH_THEIR_OWN_CODE =
            Map.of("POST /update-user", Map.of("email", "EMAIL_CAN_NOT_BE_UPDATED"));

    /**
     * Each documented request field is one the server reads: sent with a wrong type, it is a
     * VALIDATION_ERROR, not FIELD_NOT_ALLOWED; and, as every body schema says (additionalProperties:
     * false), an undocumented field is refused. "Undocumented" covers every name that another
     * operation documents, and Better Auth's, not only an invented one: so a field a route accepts
     * without the document saying so is caught, since the refusal names each field it refuses.
     */
    @Test
    void everyDocumentedRequestFieldIsReadAndAnUndocumentedOneRefused() throws Exception {
        TestClient admin = signedIn("admin");
        Set<String> everyName = new TreeSet<>(BETTER_AUTH_NAMES);
        for (Operation operation : ServedDocument.operations(document)) {
            ServedDocument.resolve(document, operation.node().at("/requestBody/content/application~1json/schema"))
                    .path("properties").fieldNames().forEachRemaining(everyName::add);
            operation.node().path("parameters").forEach(p -> everyName.add(p.get("name").asText()));
        }
        assertThat(everyName).contains("email", "password", "callbackURL", "userId", "code").hasSizeGreaterThan(25);
        for (Operation operation : ServedDocument.operations(document)) {
            if (!operation.method().equals("POST")) continue;
            JsonNode schema = ServedDocument.resolve(document, operation.node().at("/requestBody/content/application~1json/schema"));
            assertThat(schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()
                    || schema.path("maxProperties").asInt(-1) == 0).as(operation + " body is closed").isTrue();
            TestClient.Response unknown = admin.post(operation.path(), "{\"undocumentedField\":1}");
            assertThat(unknown.status()).as(operation + " " + unknown.body()).isEqualTo(400);
            assertThat(unknown.json().get("code").asText()).as(operation.toString()).isEqualTo("FIELD_NOT_ALLOWED");

            Map<String, String> ownCodes = REFUSED_WITH_THEIR_OWN_CODE.getOrDefault(operation.toString(), Map.of());
            for (Map.Entry<String, String> field : ownCodes.entrySet()) {
                TestClient.Response r = admin.post(operation.path(), "{\"" + field.getKey() + "\":\"x\"}");
                assertThat(r.json().path("code").asText()).as(operation + " " + field.getKey()).isEqualTo(field.getValue());
                assertThat(operation.node().path("description").asText()).contains("`" + field.getKey() + "`", field.getValue());
            }
            ObjectNode othersNames = JSON.createObjectNode();
            everyName.stream().filter(name -> !schema.path("properties").has(name) && !ownCodes.containsKey(name))
                    .forEach(name -> othersNames.put(name, 1));
            TestClient.Response others = admin.post(operation.path(), JSON.writeValueAsString(othersNames));
            assertThat(others.json().path("code").asText()).as(operation + " " + others.body()).isEqualTo("FIELD_NOT_ALLOWED");
            List<String> refused = Arrays.stream(others.json().get("message").asText().split("; "))
                    .map(m -> m.replaceAll("^\\[body\\.(.*)\\] is not allowed to be set$", "$1")).toList();
            assertThat(refused).as(operation + ": names it accepts but does not document").containsExactlyInAnyOrderElementsOf(othersNames::fieldNames);

            ObjectNode wrongTypes = JSON.createObjectNode();
            schema.path("properties").fields().forEachRemaining(p -> {
                if (p.getValue().path("type").asText().equals("boolean")) wrongTypes.put(p.getKey(), "not a boolean");
                else wrongTypes.put(p.getKey(), true);
            });
            if (wrongTypes.isEmpty()) continue;
            TestClient.Response r = admin.post(operation.path(), JSON.writeValueAsString(wrongTypes));
            assertThat(r.status()).as(operation + " " + r.body()).isEqualTo(400);
            assertThat(r.json().get("code").asText()).as(operation + " " + r.body()).isEqualTo("VALIDATION_ERROR");
        }
    }

    /** Each documented query parameter is one the server reads: given twice, it is named in the refusal. */
    @Test
    void everyDocumentedQueryParameterIsRead() {
        TestClient admin = signedIn("admin");
        int checked = 0;
        for (Operation operation : ServedDocument.operations(document)) {
            for (JsonNode parameter : operation.node().path("parameters")) {
                if (!parameter.get("in").asText().equals("query")) continue;
                String name = parameter.get("name").asText();
                String path = operation.path().replace("{token}", "some-token");
                TestClient.Response r = admin.send(admin.request(path + "?" + name + "=1&" + name + "=2").GET());
                assertThat(r.status()).as(operation + " " + name + ": " + r.body()).isEqualTo(400);
                assertThat(r.json().get("message").asText()).as(operation.toString()).contains("[query." + name + "] Must be given once");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void theDocumentIsServedAsJsonUnderBasePathOnly() {
        TestClient.Response r = server.client().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.http.port() + "/openapi.json")).GET());
        assertThat(r.status()).isEqualTo(404);
        assertThat(server.client().get("/openapi.json").json().get("paths").has("/openapi.json")).isTrue();
    }
}
