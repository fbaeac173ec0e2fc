package io.portcullis.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditType;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The UI's pages and assets over HTTP, and its files as written: a Content-Security-Policy that
 * allows no inline code, and pages that need none.
 */
class WebPagesTest {
    private static final Path WEB = Path.of("src", "main", "resources", "web");
    /** Inline code the policy would block: script elements without src, style attributes and elements, event handlers, javascript: URLs. */
    private static final List<Pattern> INLINE = List.of(
            Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\sstyle\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("<style", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE));

    private static final Pattern FIELD = Pattern.compile("<(input|select|textarea)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    @Test
    void pagesAndAssetsAreServedUnderAPolicyWithoutInlineCode() {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, Map.of("appName", "Acme <Intranet>", "password.minLength", "16"))) {
            TestClient client = server.client();
            String origin = "http://127.0.0.1:" + server.http.port();
            TestClient.Response root = site(client, origin, "/");
            assertThat(root.status()).isEqualTo(302);
            assertThat(root.header("Location")).isEqualTo("/account");

            TestClient.Response page = site(client, origin, "/sign-in");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            String csp = page.header("Content-Security-Policy");
            assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(page.body()).contains("<title>Sign in · Acme &lt;Intranet&gt;</title>")
                    .contains("<meta name=\"portcullis-base-path\" content=\"/api/auth\">");
            assertThat(site(client, origin, "/sign-up").body()).as("the configured minimum").contains("At least 16 characters");
            TestClient.Response reset = site(client, origin, "/reset-password?token=" + "t".repeat(43));
            assertThat(reset.body()).contains("At least 16 characters");
            assertThat(reset.header("Cache-Control")).as("a page whose address holds a token is not stored").isEqualTo("no-store");

            for (String slashedPath : List.of("/sign-in/", "/account/", "/reset-password/?token=x")) {
                TestClient.Response slashed = site(client, origin, slashedPath);
                assertThat(slashed.status()).as(slashedPath + ": " + slashed.body()).isEqualTo(200);
                assertThat(slashed.header("Content-Type")).startsWith("text/html");
            }

            TestClient.Response script = site(client, origin, "/assets/sign-in.js");
            assertThat(script.status()).isEqualTo(200);
            assertThat(script.header("Content-Type")).contains("javascript");
            assertThat(site(client, origin, "/assets/app.css").header("Content-Type")).startsWith("text/css");
            assertThat(client.get("/get-session").header("Content-Security-Policy")).as("the API answers JSON, not pages").isNull();
        }
    }

    @Test
    void noPageOrScriptHoldsInlineCodeOrWritesHtmlFromDataAndEveryFieldHasALabel() throws IOException {
        try (Stream<Path> files = Files.walk(WEB)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).isNotEmpty();
            for (Path file : all) {
                String text = Files.readString(file);
                if (file.toString().endsWith(".html")) {
                    for (Pattern p : INLINE) assertThat(p.matcher(text).find()).as(file + " matches " + p).isFalse();
                    assertThat(text).as(file + ": every page declares its language and viewport").contains("<html lang=\"en\">", "name=\"viewport\"");
                    Matcher field = FIELD.matcher(text);
                    while (field.find()) {
                        String tag = field.group();
                        // Not shown, so not labelled: hidden inputs (a username for password managers).
                        if (tag.contains("type=\"hidden\"") || tag.matches("(?s).*\\shidden[\\s>].*")) continue;
                        Matcher id = ID.matcher(tag);
                        assertThat(id.find()).as(file + ": a field without id cannot have a label: " + tag).isTrue();
                        assertThat(Pattern.compile("<label\\b[^>]*\\bfor=\"" + Pattern.quote(id.group(1)) + "\"").matcher(text).find())
                                .as(file + ": a visible label for " + tag).isTrue();
                    }
                }
                if (file.toString().endsWith(".js")) {
                    assertThat(text).as(file + ": data goes in with textContent").doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
                }
            }
        }
    }

    @Test
    void theAdminConsoleNamesEveryAuditEventTypeInWords() throws IOException {
        String format = Files.readString(WEB.resolve("assets/admin-format.js"));
        for (AuditType type : AuditType.values()) {
            assertThat(format).as(type.wireName()).containsPattern("\\n  " + type.wireName() + ": '[A-Z][^']+',\\n");
        }
    }

    /** A GET of a path outside the API (the client's own paths are under basePath). */
    private static TestClient.Response site(TestClient client, String origin, String path) {
        return client.send(HttpRequest.newBuilder(URI.create(origin + path)).GET());
    }
}
