package io.portcullis.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code signUp.enabled=false}: nobody signs up; accounts made by an operator sign in as usual. */
class ClosedSignUpTest {
    private static final String PASSWORD = "a long enough passphrase 42";

    @Test
    void aClosedSignUpRefusesNewAndTakenAddressesAlikeAndCreatesNothing() {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, Map.of("signUp.enabled", "false"))) {
            String existing = "operator-made-" + UUID.randomUUID() + "@example.com";
            server.portcullis.emailPassword().createUser(existing, "Made by an operator", PASSWORD, null, "user");

            String fresh = "fresh-" + UUID.randomUUID() + "@example.com";
            for (String email : new String[] {fresh, existing}) {
                TestClient.Response refused = server.client().signUp(email, PASSWORD);
                assertThat(refused.status()).as(email).isEqualTo(400);
                assertThat(refused.json().get("code").asText()).isEqualTo("EMAIL_PASSWORD_SIGN_UP_DISABLED");
                assertThat(refused.json().get("message").asText()).isEqualTo("Email and password sign up is not enabled");
                assertThat(refused.setCookies()).isEmpty();
            }
            assertThat(server.client().signIn(fresh, PASSWORD).status()).as("no account was made").isEqualTo(401);
            assertThat(server.client().signIn(existing, PASSWORD).status()).isEqualTo(200);
        }
    }

    @Test
    void signUpIsOpenByDefault() {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2)) {
            assertThat(server.client().signUp("open-" + UUID.randomUUID() + "@example.com", PASSWORD).status()).isEqualTo(200);
        }
    }
}
