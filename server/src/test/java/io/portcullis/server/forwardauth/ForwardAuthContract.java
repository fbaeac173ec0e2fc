package io.portcullis.server.forwardauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.Actor;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.session.RevocationReason;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import org.junit.jupiter.api.Test;

/** {@code GET /verify}, the check a reverse proxy makes before every request to the application it guards. */
public abstract class ForwardAuthContract extends ServerContract {
    @Test
    void aValidSessionIsAnsweredWithTheCallersIdentityInHeaders() {
        User user = newUser(Roles.DEFAULT);
        TestClient client = signedIn(user);
        TestClient.Response r = client.get("/verify");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Auth-User-Id")).isEqualTo(user.id());
        assertThat(r.header("X-Auth-User-Email")).isEqualTo(user.email());
        assertThat(r.header("X-Auth-User-Role")).isEqualTo("user");
        assertThat(r.header("X-Auth-Session-Id")).isEqualTo(client.get("/get-session").json().at("/session/id").asText());
        assertThat(r.body()).doesNotContain(client.cookies.get(COOKIE));
    }

    @Test
    void noCookieAnUnknownOneOrARevokedSessionIs401WithoutIdentity() {
        TestClient.Response anonymous = server.client().get("/verify");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(anonymous.header("X-Auth-User-Id")).isNull();

        TestClient forged = server.client();
        forged.cookies.put(COOKIE, "A".repeat(43));
        assertThat(forged.get("/verify").status()).isEqualTo(401);

        User user = newUser(Roles.DEFAULT);
        TestClient client = signedIn(user);
        assertThat(client.get("/verify").status()).isEqualTo(200);
        assertThat(server.portcullis.sessions().revokeAll(user.id(), Actor.COMMAND_LINE, RevocationReason.ADMIN)).isEqualTo(1);
        TestClient.Response revoked = client.get("/verify");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.header("X-Auth-User-Id")).isNull();
    }
}
