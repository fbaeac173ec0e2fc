package io.portcullis.server.notice;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.Mailbox;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Security notices by real SMTP (GreenMail), and answers that do not depend on the mail server. */
public abstract class SecurityNoticesContract extends ServerContract {
    private Mailbox mailbox;

    @Override
    protected Map<String, String> settings() {
        if (mailbox == null) mailbox = new Mailbox();
        return mailbox.settings();
    }

    @AfterAll
    void stopMailbox() {
        if (mailbox != null) mailbox.close();
    }

    private List<String> subjectsFor(String email, int expected, Duration patience) throws Exception {
        return mailbox.to(email, expected, patience).stream().map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void aPasswordChangedByTheUserOrByAnAdministratorIsNoticed() throws Exception {
        User user = newUser(Roles.DEFAULT);
        TestClient client = signedIn(user);
        assertThat(client.post("/change-password", "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a brand new passphrase 42\"}")
                .status()).isEqualTo(200);
        TestClient admin = signedIn(newUser(Roles.ADMIN));
        assertThat(admin.post("/admin/set-user-password", "{\"userId\":\"" + user.id() + "\",\"newPassword\":\"set by the admin 4 you\"}")
                .status()).isEqualTo(200);
        assertThat(subjectsFor(user.email(), 2, Duration.ofSeconds(10)))
                .containsExactly("Your Portcullis password was changed", "Your Portcullis password was changed");
        List<MimeMessage> mails = mailbox.to(user.email(), 2, Duration.ofSeconds(1));
        assertThat(Mailbox.text(mails.get(1))).contains("by an administrator");
    }

    @Test
    void aLockIsNoticedByTheAccountsOwnerAndNobodyElse() throws Exception {
        User user = newUser(Roles.DEFAULT);
        String unknown = newEmail();
        for (int i = 0; i < 5; i++) {
            server.client().signIn(user.email(), "not the password at all");
            server.client().signIn(unknown, "not the password at all");
        }
        assertThat(subjectsFor(user.email(), 1, Duration.ofSeconds(10))).containsExactly("Your Portcullis account is locked for a while");
        assertThat(subjectsFor(unknown, 1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void withTheMailServerDownTheAnswersAreTheSame() throws Exception {
        Map<String, String> dead = new HashMap<>(mailbox.settings());
        dead.put("mail.smtp.port", String.valueOf(freePort()));
        try (TestServer noMail = TestServer.on(server.database, dead)) {
            noMail.clock.set(START);
            TestClient.Response signUp = noMail.client().signUp(newEmail(), PASSWORD);
            assertThat(signUp.status()).isEqualTo(200);
            TestClient.Response reset = noMail.client().post("/request-password-reset", "{\"email\":\"" + newUser(Roles.DEFAULT).email() + "\"}");
            assertThat(reset.status()).isEqualTo(200);
            assertThat(reset.body()).isEqualTo(
                    "{\"status\":true,\"message\":\"If this email exists in our system, check your email for the reset link\"}");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (noMail.portcullis.mail().sent() + noMail.portcullis.mail().failed() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(noMail.portcullis.mail().sent()).isZero();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
