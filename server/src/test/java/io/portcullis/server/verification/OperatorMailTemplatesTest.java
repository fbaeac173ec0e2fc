package io.portcullis.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.Mailbox;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's own wording, from {@code mail.templatesDir}, in the mail a real SMTP server receives; the link in it works. */
class OperatorMailTemplatesTest {
    @TempDir
    Path dir;

    @Test
    void theOperatorsVerificationMailArrivesAndItsLinkVerifies() throws Exception {
        Files.writeString(dir.resolve("verify-email.txt"), """
                Subject: Welcome to {{appName}}, {{name}}

                Confirm {{email}} here: {{link}} (valid {{validFor}}).
                """);
        Files.writeString(dir.resolve("verify-email.html"), "<h1>Welcome {{name}}</h1><a href=\"{{link}}\">confirm</a>");
        try (Mailbox mailbox = new Mailbox()) {
            Map<String, String> settings = new HashMap<>(mailbox.settings());
            settings.put("mail.templatesDir", dir.toString());
            settings.put("appName", "Acme");
            try (TestServer server = TestServer.start(TestDatabase.Kind.H2, settings)) {
                TestClient client = server.client();
                assertThat(client.signUp("grace@example.com", ServerContract.PASSWORD).status()).isEqualTo(200);

                List<MimeMessage> mails = mailbox.to("grace@example.com", 1, Duration.ofSeconds(10));
                assertThat(mails).hasSize(1);
                assertThat(mails.get(0).getSubject()).isEqualTo("Welcome to Acme, Test");
                String text = Mailbox.text(mails.get(0));
                Matcher link = Pattern.compile("Confirm grace@example\\.com here: http://localhost:8080/api/auth(/verify-email\\?token=[A-Za-z0-9_-]{43}) \\(valid 24 hours\\)\\.")
                        .matcher(text);
                assertThat(link.find()).as(text).isTrue();
                String html = ((MimeMultipart) mails.get(0).getContent()).getBodyPart(1).getContent().toString();
                assertThat(html).startsWith("<h1>Welcome Test</h1><a href=\"http://localhost:8080/api/auth/verify-email?token&#x3D;");

                TestClient.Response verified = client.get(link.group(1));
                assertThat(verified.status()).as(verified.body()).isEqualTo(200);
                assertThat(verified.json().get("status").asBoolean()).isTrue();
            }
        }
    }
}
