package io.portcullis.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailTemplatesTest {
    private static final Map<String, Object> RESET = Map.of("appName", "Acme", "email", "ada@example.com", "name", "Ada <Lovelace>",
            "link", "https://auth.example.com/reset-password/abc?callbackURL=%2Fx&y=1", "validFor", "1 hour");

    @TempDir
    Path dir;

    @Test
    void builtInTextsFillTheirVariablesAndEscapeOnlyTheHtmlBody() {
        MailMessage mail = MailTemplates.builtIn().render(MailTemplate.RESET_PASSWORD, "ada@example.com", RESET);

        assertThat(mail.subject()).isEqualTo("Reset your password for Acme");
        assertThat(mail.text()).startsWith("Hello Ada <Lovelace>,\n\nsomeone, hopefully you, asked to reset the password of ada@example.com for Acme.")
                .contains("within 1 hour:\n\nhttps://auth.example.com/reset-password/abc?callbackURL=%2Fx&y=1\n");
        assertThat(mail.html()).contains("Hello Ada &lt;Lovelace&gt;,")
                .contains("<a href=\"https://auth.example.com/reset-password/abc?callbackURL&#x3D;%2Fx&amp;y&#x3D;1\">");
    }

    @Test
    void anEmptyNameGreetsWithoutOne() {
        Map<String, Object> values = new java.util.HashMap<>(RESET);
        values.put("name", "");
        assertThat(MailTemplates.builtIn().render(MailTemplate.RESET_PASSWORD, "ada@example.com", values).text()).startsWith("Hello,\n");
    }

    @Test
    void everyBuiltInTemplateRenders() {
        MailTemplates templates = MailTemplates.builtIn();
        for (MailTemplate t : MailTemplate.values()) {
            Map<String, Object> values = new java.util.HashMap<>();
            for (String v : t.variables()) values.put(v, v.equals("byAdmin") ? Boolean.FALSE : "[" + v + "]");
            MailMessage mail = templates.render(t, "ada@example.com", values);
            assertThat(mail.subject()).as(t.name()).isNotBlank().doesNotContain("{{");
            assertThat(mail.text()).as(t.name()).contains("[email]").doesNotContain("{{");
        }
    }

    @Test
    void anOperatorsFilesReplaceTheBuiltInOnesAndOnlyThose() throws Exception {
        Files.writeString(dir.resolve("reset-password.txt"), "Subject: {{appName}}: new password\n\nGo to {{link}} ({{validFor}}), {{name}}.\n");

        MailTemplates templates = MailTemplates.load(dir);
        MailMessage mail = templates.render(MailTemplate.RESET_PASSWORD, "ada@example.com", RESET);

        assertThat(mail.subject()).isEqualTo("Acme: new password");
        assertThat(mail.text()).isEqualTo("Go to https://auth.example.com/reset-password/abc?callbackURL=%2Fx&y=1 (1 hour), Ada <Lovelace>.\n");
        assertThat(mail.html()).as("no reset-password.html beside it: plain text only, never the built-in HTML").isNull();
        assertThat(templates.render(MailTemplate.VERIFY_EMAIL, "ada@example.com", RESET).subject()).isEqualTo("Verify your email address for Acme");
    }

    @Test
    void anOperatorsHtmlBodyIsUsedAndEscaped() throws Exception {
        Files.writeString(dir.resolve("reset-password.txt"), "Subject: Reset\r\n\r\n{{link}}\r\n");
        Files.writeString(dir.resolve("reset-password.html"), "<p>Hi {{name}}</p><a href=\"{{link}}\">reset</a>");

        MailMessage mail = MailTemplates.load(dir).render(MailTemplate.RESET_PASSWORD, "ada@example.com", RESET);

        assertThat(mail.text()).isEqualTo("https://auth.example.com/reset-password/abc?callbackURL=%2Fx&y=1\n");
        assertThat(mail.html()).isEqualTo("<p>Hi Ada &lt;Lovelace&gt;</p><a href=\"https://auth.example.com/reset-password/abc?callbackURL&#x3D;%2Fx&amp;y&#x3D;1\">reset</a>");
    }

    @Test
    void aSubjectStaysOneLineWhateverAVariableHolds() throws Exception {
        Files.writeString(dir.resolve("reset-password.txt"), "Subject: Reset for {{name}}\n\n{{link}}\n");
        Map<String, Object> values = new java.util.HashMap<>(RESET);
        values.put("name", "Ada\r\nBcc: eve@example.com");

        assertThat(MailTemplates.load(dir).render(MailTemplate.RESET_PASSWORD, "ada@example.com", values).subject())
                .isEqualTo("Reset for Ada Bcc: eve@example.com");
    }

    @Test
    void mistakesInTheDirectoryStopTheStartWithOneLineEach() throws Exception {
        Files.writeString(dir.resolve("reset-pasword.txt"), "Subject: typo in the name\n\nx\n");
        Files.writeString(dir.resolve("verify-email.html"), "<p>{{link}}</p>");
        Files.writeString(dir.resolve("notice-password-reset.txt"), "no subject line\n");
        Files.writeString(dir.resolve("notice-account-locked.txt"), "Subject: locked\n\nuntil {{untill}}\n");
        Files.writeString(dir.resolve("notice-password-changed.txt"), "Subject: changed\n\n{{#byAdmin}}by an admin\n");

        assertThatThrownBy(() -> MailTemplates.load(dir)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .hasSize(5)
                .anySatisfy(p -> assertThat(p).startsWith("mail.templatesDir: unknown template file reset-pasword.txt (known: "))
                .anySatisfy(p -> assertThat(p).isEqualTo("mail.templatesDir: verify-email.html needs verify-email.txt beside it (the subject and plain-text body)"))
                .anySatisfy(p -> assertThat(p).endsWith("notice-password-reset.txt: the first line must be \"Subject: …\", then a blank line, then the body"))
                .anySatisfy(p -> assertThat(p).contains("notice-account-locked.txt: ").contains("untill").endsWith("(variables: appName, email, until)"))
                .anySatisfy(p -> assertThat(p).contains("notice-password-changed.txt: ")));
    }

    @Test
    void aCallerMustGiveExactlyTheTemplatesVariables() {
        assertThatThrownBy(() -> MailTemplates.builtIn().render(MailTemplate.PASSWORD_RESET, "ada@example.com", Map.of("appName", "Acme")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
