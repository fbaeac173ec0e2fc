package io.portcullis.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.user.User;
import java.util.Map;

/** The base of the admin contracts: a bootstrap admin address, and the requests they all make. */
abstract class AdminTesting extends ServerContract {
    static final String BOOTSTRAP_ADMIN = "first-admin@example.com";

    @Override
    protected Map<String, String> settings() {
        return Map.of("admin.emails", BOOTSTRAP_ADMIN);
    }

    /** A client signed in as a new administrator. */
    TestClient admin() {
        return signedIn(newUser("admin"));
    }

    static String userIdBody(User user) {
        return "{\"userId\":\"" + user.id() + "\"}";
    }

    static JsonNode events(TestClient admin, String query) {
        TestClient.Response r = admin.get("/admin/audit-events" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("events");
    }

    /** {@code STATUS CODE}, or {@code STATUS} alone for a success. */
    static String answer(TestClient.Response r) {
        return r.status() < 300 ? String.valueOf(r.status()) : r.status() + " " + r.json().get("code").asText();
    }
}
