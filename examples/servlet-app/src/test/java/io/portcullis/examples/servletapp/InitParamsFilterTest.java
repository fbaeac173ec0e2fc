package io.portcullis.examples.servletapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.Portcullis;
import io.portcullis.auth.SignedIn;
import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.servlet.PortcullisFilter;
import io.portcullis.session.ClientInfo;
import io.portcullis.session.CsrfToken;
import io.portcullis.testing.TestDatabase;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter declared by class name, as in web.xml: it reads the Portcullis configuration file named
 * by its {@code config} init-param, and its options from the other init-params.
 */
class InitParamsFilterTest {
    private static final String APP_ORIGIN = "http://localhost:8081";

    @TempDir
    Path dir;
    private TestDatabase db;
    private Portcullis server;

    @BeforeEach
    void start() {
        db = TestDatabase.create(TestDatabase.Kind.H2);
        server = Portcullis.builder(PortcullisConfig.load(ConfigSources.of(db.settings()))).backgroundJobs(false).start();
    }

    @AfterEach
    void stop() throws Exception {
        Cleanup.closeInOrder(server, db);
    }

    private static FilterHolder byClassName(Map<String, String> initParams) {
        FilterHolder holder = new FilterHolder(PortcullisFilter.class);
        holder.setInitParameters(initParams);
        return holder;
    }

    @Test
    void theFilterConfiguredByInitParamsProtectsTheApplication() throws Exception {
        Path config = Files.writeString(dir.resolve("portcullis.yaml"), "database:\n  url: \"" + db.url() + "\"\n");
        FilterHolder holder = byClassName(Map.of("config", config.toString(), "signInUrl", "/sign-in",
                "publicPaths", "/health, /assets/*", "trustedOrigins", APP_ORIGIN));
        try (ServletApp app = ServletApp.start("127.0.0.1", 0, holder)) {
            Browser anonymous = new Browser(app.port());
            assertThat(anonymous.get("/api/me").error()).isEqualTo("401 UNAUTHORIZED");
            assertThat(anonymous.get("/hello", "Accept", "text/html").header("Location"))
                    .isEqualTo("/sign-in?next=http%3A%2F%2F127.0.0.1%3A" + app.port() + "%2Fhello");
            assertThat(anonymous.get("/health").status()).isEqualTo(200);

            User user = server.emailPassword().createUser("init@example.com", "Init", "correct horse battery staple", null, Roles.DEFAULT);
            SignedIn signedIn = (SignedIn) server.emailPassword().signIn(user.email(), "correct horse battery staple", false, ClientInfo.UNKNOWN, null);
            String token = signedIn.session().token();
            Browser browser = new Browser(app.port(), Map.of("portcullis.session_token", token));
            assertThat(browser.get("/api/me").json().path("email").asText()).isEqualTo("init@example.com");
            assertThat(browser.post("/api/notes", "x", "Origin", APP_ORIGIN, "X-XSRF-TOKEN", CsrfToken.of(token)).status()).isEqualTo(200);
            assertThat(browser.post("/api/notes", "x", "Origin", "https://evil.example", "X-XSRF-TOKEN", CsrfToken.of(token)).error())
                    .isEqualTo("403 INVALID_ORIGIN");
        }
    }

    @Test
    void aFilterThatCannotStartKeepsTheApplicationShut() throws Exception {
        Path config = Files.writeString(dir.resolve("portcullis.yaml"), "database:\n  url: \"" + db.url() + "\"\nsession:\n  idleTimeout: soon\n");
        assertThatThrownBy(() -> ServletApp.start("127.0.0.1", 0, byClassName(Map.of("config", config.toString()))).close())
                .hasStackTraceContaining("session.idleTimeout");
    }
}
