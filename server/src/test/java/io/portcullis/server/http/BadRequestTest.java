package io.portcullis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind gets a 4xx JSON error {@code {"code", "message"}}: never a 500, an HTML
 * page or a stack trace (http-api.md, Conventions; README principle 3).
 */
class BadRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/api/auth";
    private static final String GOOD_PASSWORD = "correct horse battery";
    private static final String JSON_TYPE = "application/json";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";
    private static final int ONE_MB = 1024 * 1024;

    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(TestDatabase.Kind.H2);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    /** How a case travels: a fixed-length body, a chunked body (no Content-Length), or raw bytes on a socket. */
    enum Transport { FIXED, CHUNKED, RAW }

    /**
     * One bad request and the answer it must get. {@code messageContains} is checked when not null;
     * {@code headers} are extra request headers.
     */
    record Case(String description, String method, String path, String contentType, byte[] body,
                int status, String code, String messageContains, Transport transport, Map<String, String> headers) {
        @Override
        public String toString() {
            return description;
        }

        Case expectingMessage(String fragment) {
            return new Case(description, method, path, contentType, body, status, code, fragment, transport, headers);
        }

        Case withMethod(String other) {
            return new Case(description, other, path, contentType, body, status, code, messageContains, transport, headers);
        }

        Case via(Transport how) {
            return new Case(description, method, path, contentType, body, status, code, messageContains, how, headers);
        }

        Case withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Case(description, method, path, contentType, body, status, code, messageContains, transport, all);
        }
    }

    private static Case post(String description, String path, String contentType, String body, int status, String code) {
        return post(description, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), status, code);
    }

    private static Case post(String description, String path, String contentType, byte[] body, int status, String code) {
        return new Case(description, "POST", BASE + path, contentType, body, status, code, null, Transport.FIXED, Map.of());
    }

    private static Case json(String description, String path, String body, int status, String code) {
        return post(description, path, JSON_TYPE, body, status, code);
    }

    private static Case request(String description, String method, String path, int status, String code) {
        return new Case(description, method, path, null, null, status, code, null, Transport.FIXED, Map.of());
    }

    private static String email() {
        return "bad-" + UUID.randomUUID() + "@example.com";
    }

    /** A sign-up body that is valid apart from what the case puts in {@code extra} (raw JSON members, no leading comma). */
    private static String signUp(String name, String email, String password, String extra) {
        return "{\"name\":" + name + ",\"email\":" + email + ",\"password\":" + password + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    static Stream<Case> cases() {
        String okName = quoted("Ada");
        String okPassword = quoted(GOOD_PASSWORD);
        byte[] oneMegabyte = ("{\"name\":\"" + "x".repeat(ONE_MB) + "\"}").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream badUtf8 = new ByteArrayOutputStream();
        badUtf8.writeBytes(("{\"email\":\"" + "a").getBytes(StandardCharsets.UTF_8));
        badUtf8.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
        badUtf8.writeBytes(("@example.com\",\"password\":\"" + GOOD_PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8));

        return Stream.of(
                // --- the body is not (acceptable) JSON
                json("malformed JSON (unquoted keys)", "/sign-in/email", "{email: 'a@example.com', password: 'x'}", 400, "BAD_REQUEST"),
                json("truncated JSON", "/sign-in/email", "{\"email\":\"" + email() + "\",\"password\":\"abc", 400, "BAD_REQUEST"),
                json("trailing garbage after the JSON object", "/sign-in/email",
                        "{\"email\":\"" + email() + "\",\"password\":\"" + GOOD_PASSWORD + "\"} trailing", 400, "BAD_REQUEST"),
                json("JSON array body", "/sign-in/email", "[{\"email\":\"a@example.com\"}]", 400, "VALIDATION_ERROR")
                        .expectingMessage("[body]"),
                json("JSON string body", "/sign-up/email", "\"hello\"", 400, "VALIDATION_ERROR").expectingMessage("[body]"),
                json("JSON number body", "/sign-in/email", "42", 400, "VALIDATION_ERROR").expectingMessage("[body]"),
                json("JSON null body", "/sign-in/email", "null", 400, "VALIDATION_ERROR").expectingMessage("[body]"),
                json("duplicate keys", "/sign-in/email",
                        "{\"email\":\"a@example.com\",\"email\":\"b@example.com\",\"password\":\"" + GOOD_PASSWORD + "\"}", 400, "BAD_REQUEST"),
                json("JSON nested 5000 levels deep", "/sign-in/email", "{\"email\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                        400, "BAD_REQUEST"),
                post("invalid UTF-8 bytes in a JSON body", "/sign-in/email", JSON_TYPE, badUtf8.toByteArray(), 400, "BAD_REQUEST"),

                // --- content types
                post("text/plain with a body", "/sign-in/email", "text/plain", "{\"email\":\"a@example.com\"}", 415, "UNSUPPORTED_MEDIA_TYPE"),
                post("no Content-Type with a body", "/sign-up/email", null, signUp(okName, quoted(email()), okPassword, ""),
                        415, "UNSUPPORTED_MEDIA_TYPE"),
                post("application/xml on sign-in", "/sign-in/email", "application/xml", "<email>a@example.com</email>", 415, "UNSUPPORTED_MEDIA_TYPE"),
                post("form-urlencoded on /sign-out (forms only on sign-in/sign-up)", "/sign-out", FORM_TYPE, "a=b",
                        415, "UNSUPPORTED_MEDIA_TYPE"),

                // --- size
                post("1 MB body with Content-Length", "/sign-up/email", JSON_TYPE, oneMegabyte, 413, "PAYLOAD_TOO_LARGE"),
                post("1 MB body, chunked (no Content-Length)", "/sign-up/email", JSON_TYPE, oneMegabyte, 413, "PAYLOAD_TOO_LARGE")
                        .via(Transport.CHUNKED),
                post("64 KiB + 1 byte body", "/sign-in/email", JSON_TYPE,
                        ("{\"email\":\"" + "y".repeat(64 * 1024 - 12 + 1) + "\"}").getBytes(StandardCharsets.UTF_8), 413, "PAYLOAD_TOO_LARGE"),
                post("1 MB body on /sign-out", "/sign-out", JSON_TYPE, oneMegabyte, 413, "PAYLOAD_TOO_LARGE"),

                // --- missing and ill-typed fields
                json("missing email", "/sign-in/email", "{\"password\":\"" + GOOD_PASSWORD + "\"}", 400, "VALIDATION_ERROR")
                        .expectingMessage("[body.email]"),
                json("missing password", "/sign-in/email", "{\"email\":\"" + email() + "\"}", 400, "VALIDATION_ERROR")
                        .expectingMessage("[body.password]"),
                json("missing name on sign-up", "/sign-up/email", "{\"email\":\"" + email() + "\",\"password\":\"" + GOOD_PASSWORD + "\"}",
                        400, "VALIDATION_ERROR").expectingMessage("[body.name]"),
                json("email as a number", "/sign-in/email", "{\"email\":12345,\"password\":\"" + GOOD_PASSWORD + "\"}", 400, "VALIDATION_ERROR")
                        .expectingMessage("Expected string"),
                json("password as an object", "/sign-in/email", "{\"email\":\"" + email() + "\",\"password\":{\"value\":\"x\"}}",
                        400, "VALIDATION_ERROR").expectingMessage("[body.password] Expected string"),
                json("name as a boolean", "/sign-up/email", signUp("true", quoted(email()), okPassword, ""), 400, "VALIDATION_ERROR")
                        .expectingMessage("[body.name] Expected string"),
                json("email as null", "/sign-in/email", "{\"email\":null,\"password\":\"" + GOOD_PASSWORD + "\"}", 400, "VALIDATION_ERROR")
                        .expectingMessage("[body.email]"),
                json("invalid email address", "/sign-up/email", signUp(okName, quoted("not-an-email"), okPassword, ""), 400, "VALIDATION_ERROR")
                        .expectingMessage("[body.email] Invalid email address"),
                json("email longer than any address", "/sign-in/email",
                        "{\"email\":\"" + "e".repeat(300) + "@example.com\",\"password\":\"" + GOOD_PASSWORD + "\"}", 400, "VALIDATION_ERROR")
                        .expectingMessage("[body.email]"),
                json("empty password", "/sign-in/email", "{\"email\":\"" + email() + "\",\"password\":\"\"}", 400, "VALIDATION_ERROR")
                        .expectingMessage("[body.password]"),
                json("empty body means {} (sign-in needs email and password)", "/sign-in/email", "", 400, "VALIDATION_ERROR")
                        .expectingMessage("[body.email]"),
                json("129-character password on sign-up", "/sign-up/email", signUp(okName, quoted(email()), quoted("p".repeat(129)), ""),
                        400, "PASSWORD_TOO_LONG"),
                json("5000-character password on sign-up (over the field's 4096)", "/sign-up/email",
                        signUp(okName, quoted(email()), quoted("p".repeat(5000)), ""), 400, "PASSWORD_TOO_LONG"),
                json("half a surrogate pair in name", "/sign-up/email", signUp(quoted("S\\udfff"), quoted(email()), okPassword, ""),
                        400, "VALIDATION_ERROR").expectingMessage("[body.name] Must be valid Unicode text"),
                json("half a surrogate pair in the password", "/sign-up/email", signUp(okName, quoted(email()), quoted(GOOD_PASSWORD + "\\ud800"), ""),
                        400, "VALIDATION_ERROR").expectingMessage("[body.password] Must be valid Unicode text"),
                json("11-character password on sign-up", "/sign-up/email", signUp(okName, quoted(email()), quoted("p".repeat(11)), ""),
                        400, "PASSWORD_TOO_SHORT"),
                json("NUL control character in name", "/sign-up/email", signUp(quoted("Ada\\u0000Lovelace"), quoted(email()), okPassword, ""),
                        400, "VALIDATION_ERROR").expectingMessage("[body.name]"),
                json("BEL control character in name", "/sign-up/email", signUp(quoted("\\u0007"), quoted(email()), okPassword, ""),
                        400, "VALIDATION_ERROR").expectingMessage("[body.name]"),
                json("control character in email", "/sign-in/email",
                        "{\"email\":\"ada\\u0007@example.com\",\"password\":\"" + GOOD_PASSWORD + "\"}", 400, "VALIDATION_ERROR")
                        .expectingMessage("[body.email]"),
                json("newline in email", "/sign-up/email", signUp(okName, quoted("ada@example.com\\r\\nBcc: x@example.com"), okPassword, ""),
                        400, "VALIDATION_ERROR").expectingMessage("[body.email]"),
                json("rememberMe as a string in JSON", "/sign-in/email",
                        "{\"email\":\"" + email() + "\",\"password\":\"" + GOOD_PASSWORD + "\",\"rememberMe\":\"true\"}", 400, "VALIDATION_ERROR")
                        .expectingMessage("[body.rememberMe]"),

                // --- fields a user must not set
                json("unknown field role on sign-up", "/sign-up/email", signUp(okName, quoted(email()), okPassword, "\"role\":\"admin\""),
                        400, "FIELD_NOT_ALLOWED").expectingMessage("role"),
                json("unknown field emailVerified on sign-up", "/sign-up/email",
                        signUp(okName, quoted(email()), okPassword, "\"emailVerified\":true"), 400, "FIELD_NOT_ALLOWED").expectingMessage("emailVerified"),
                json("unknown field banned on sign-up", "/sign-up/email", signUp(okName, quoted(email()), okPassword, "\"banned\":false"),
                        400, "FIELD_NOT_ALLOWED").expectingMessage("banned"),
                json("unknown field on sign-in", "/sign-in/email",
                        "{\"email\":\"" + email() + "\",\"password\":\"" + GOOD_PASSWORD + "\",\"role\":\"admin\"}", 400, "FIELD_NOT_ALLOWED"),
                json("unknown field on sign-out", "/sign-out", "{\"everywhere\":true}", 400, "FIELD_NOT_ALLOWED"),

                // --- forms
                post("form: role on sign-up", "/sign-up/email", FORM_TYPE,
                        "name=Ada&email=" + email() + "&password=correct+horse+battery&role=admin", 400, "FIELD_NOT_ALLOWED"),
                post("form: malformed percent-encoding", "/sign-in/email", FORM_TYPE, "email=%zz&password=x", 400, "BAD_REQUEST"),
                post("form: rememberMe neither true nor false", "/sign-in/email", FORM_TYPE,
                        "email=" + email() + "&password=correct+horse+battery&rememberMe=maybe", 400, "VALIDATION_ERROR")
                        .expectingMessage("[body.rememberMe]"),
                post("form: email given twice", "/sign-in/email", FORM_TYPE, "email=a%40example.com&email=b%40example.com&password=x",
                        400, "VALIDATION_ERROR").expectingMessage("[body.email]"),

                // --- redirects
                json("callbackURL to a foreign origin", "/sign-in/email",
                        "{\"email\":\"" + email() + "\",\"password\":\"" + GOOD_PASSWORD + "\",\"callbackURL\":\"https://evil.example/steal\"}",
                        403, "INVALID_CALLBACK_URL"),
                json("protocol-relative callbackURL", "/sign-in/email",
                        "{\"email\":\"" + email() + "\",\"password\":\"" + GOOD_PASSWORD + "\",\"callbackURL\":\"//evil.example\"}",
                        403, "INVALID_CALLBACK_URL"),
                json("javascript: callbackURL on sign-up", "/sign-up/email",
                        signUp(okName, quoted(email()), okPassword, "\"callbackURL\":\"javascript:alert(1)\""), 403, "INVALID_CALLBACK_URL"),
                json("backslash callbackURL", "/sign-in/email",
                        "{\"email\":\"" + email() + "\",\"password\":\"" + GOOD_PASSWORD + "\",\"callbackURL\":\"/\\\\evil.example\"}",
                        403, "INVALID_CALLBACK_URL"),

                // --- routing and the HTTP layer
                request("unknown path", "GET", BASE + "/no-such-endpoint", 404, "NOT_FOUND"),
                request("path outside the API", "GET", "/definitely-not-here", 404, "NOT_FOUND"),
                request("wrong method: GET on /sign-in/email", "GET", BASE + "/sign-in/email", 404, "NOT_FOUND"),
                request("wrong method: DELETE on /get-session", "DELETE", BASE + "/get-session", 404, "NOT_FOUND"),
                json("wrong method: PUT on /sign-up/email", "/sign-up/email", "{}", 404, "NOT_FOUND").withMethod("PUT"),
                request("malformed percent-encoding in the path", "GET", BASE + "/%zz", 400, "BAD_REQUEST").via(Transport.RAW),
                request("truncated percent-encoding in the path", "POST", BASE + "/sign-in/email%2", 400, "BAD_REQUEST").via(Transport.RAW),
                request("malformed percent-encoding in a query parameter", "GET", BASE + "/verify-email?token=%zzabc", 400, "VALIDATION_ERROR")
                        .expectingMessage("[query] Malformed percent-encoding").via(Transport.RAW),
                request("request headers larger than the server allows", "GET", BASE + "/get-session", 431, "BAD_REQUEST")
                        .withHeader("X-Padding", "p".repeat(64 * 1024)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void badRequestGetsAJsonError(Case c) throws Exception {
        BadRequestTransport.Answer answer = send(c);

        assertThat(answer.status()).as("status (body: %s)", answer.body()).isNotEqualTo(500).isEqualTo(c.status());
        assertThat(answer.contentType()).as("Content-Type").isNotNull().startsWith("application/json");
        assertErrorBody(answer.body(), c.code());
        assertThat(answer.contentTypeOptions()).as("X-Content-Type-Options").isEqualTo("nosniff");
        if (c.messageContains() != null) {
            assertThat(JSON.readTree(answer.body()).get("message").asText()).contains(c.messageContains());
        }
        if (c.path().startsWith(BASE + "/")) {
            assertThat(answer.cacheControl()).as("Cache-Control under %s", BASE).isEqualTo("no-store");
        }
    }

    @Test
    void severalProblemsAreReportedTogetherJoinedBySemicolons() throws Exception {
        BadRequestTransport.Answer answer = send(json("several problems", "/sign-up/email",
                "{\"name\":true,\"email\":\"not-an-email\",\"password\":\"\",\"rememberMe\":\"yes\"}", 400, "VALIDATION_ERROR"));

        assertThat(answer.status()).isEqualTo(400);
        assertErrorBody(answer.body(), "VALIDATION_ERROR");
        String message = JSON.readTree(answer.body()).get("message").asText();
        assertThat(message.split("; ")).containsExactlyInAnyOrder(
                "[body.name] Expected string, received boolean",
                "[body.email] Invalid email address",
                "[body.password] Required",
                "[body.rememberMe] Expected boolean, received string");
    }

    @Test
    void aPasswordSetWithHalfASurrogatePairBeforeTheyWereRefusedStillSignsIn() {
        // Set as the API allowed until then (the library's createUser still does): new passwords with one are refused.
        String email = email();
        String password = GOOD_PASSWORD + " \ud800";
        server.portcullis.emailPassword().createUser(email, "Old", password, null, "user");
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + GOOD_PASSWORD + " \\ud800\"}";
        assertThat(server.client().post("/sign-in/email", body).status()).isEqualTo(200);
    }

    @Test
    void duplicateSignUpAndCredentialFailuresLookAlike() throws Exception {
        TestClient client = server.client();
        String email = email();
        assertThat(client.signUp(email, GOOD_PASSWORD).status()).isEqualTo(200);

        TestClient.Response again = server.client().signUp(email, "another good password");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.header("Content-Type")).startsWith("application/json");
        assertErrorBody(again.body(), "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");

        TestClient.Response sameEmailOtherCase = server.client().signUp(email.toUpperCase(Locale.ROOT), "another good password");
        assertThat(sameEmailOtherCase.status()).isEqualTo(422);
        assertErrorBody(sameEmailOtherCase.body(), "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");

        TestClient.Response wrongPassword = server.client().signIn(email, "not the right password");
        TestClient.Response unknownEmail = server.client().signIn(email(), GOOD_PASSWORD);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertErrorBody(wrongPassword.body(), "INVALID_EMAIL_OR_PASSWORD");
        assertThat(unknownEmail.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(wrongPassword.body().getBytes(StandardCharsets.UTF_8));
        assertThat(wrongPassword.setCookies()).noneMatch(c -> !c.contains("Max-Age=0"));
        assertThat(unknownEmail.setCookies()).noneMatch(c -> !c.contains("Max-Age=0"));
    }

    private static void assertErrorBody(String body, String expectedCode) throws IOException {
        JsonNode json = JSON.readTree(body);
        assertThat(json).as("body %s", body).isNotNull();
        assertThat(json.isObject()).as("an object: %s", body).isTrue();
        List<String> names = new ArrayList<>();
        Iterator<String> it = json.fieldNames();
        it.forEachRemaining(names::add);
        assertThat(names).as("fields of %s", body).containsExactlyInAnyOrder("code", "message");
        assertThat(json.get("code").isTextual()).as("code is a string in %s", body).isTrue();
        assertThat(json.get("message").isTextual()).as("message is a string in %s", body).isTrue();
        assertThat(json.get("code").textValue()).isEqualTo(expectedCode);
        assertThat(json.get("message").textValue()).isNotBlank();
        assertThat(body).doesNotContain("Exception", "at io.", "org.eclipse", "SQL", "\tat ", "<html");
    }

    private static BadRequestTransport.Answer send(Case c) throws Exception {
        return new BadRequestTransport(server.http.port()).send(c);
    }
}
