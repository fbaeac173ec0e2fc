package io.portcullis.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

/** The sign-in page in headless Chromium: a person types, the page calls the API, the account page follows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInPageTest {
    private TestServer server;
    /** An application on another origin, trusted by the server: where a servlet filter's visitors come from. */
    private HttpServer application;

    @BeforeAll
    void start() throws Exception {
        Browser.requireInstalled();
        application = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        application.createContext("/", exchange -> {
            byte[] page = "<!doctype html><title>Orders</title><h1>Orders</h1>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        application.start();
        server = UiServer.start(Map.of("trustedOrigins", applicationOrigin()));
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
        if (application != null) application.stop(0);
    }

    private String applicationOrigin() {
        return "http://127.0.0.1:" + application.getAddress().getPort();
    }

    private String origin() {
        return UiServer.origin(server);
    }

    @Test
    void theKeyboardAloneSignsIn() {
        String email = ServerContract.newEmail();
        assertThat(server.client().signUp(email, ServerContract.PASSWORD).status()).isEqualTo(200);
        try (Browser browser = Browser.open(origin())) {
            browser.go("/sign-in").find("#email");
            // The page puts the caret in the email field; Tab moves on, Enter submits.
            browser.driver().switchTo().activeElement().sendKeys(email, Keys.TAB, ServerContract.PASSWORD, Keys.ENTER);
            browser.awaitPath("/account").awaitText("#email", email);
        }
    }

    @Test
    void aPageOfATrustedApplicationInNextIsWhereTheSignInLeadsAndAPageOfAnyOtherSiteIsNot() throws Exception {
        String email = ServerContract.newEmail();
        assertThat(server.client().signUp(email, ServerContract.PASSWORD).status()).isEqualTo(200);
        String page = applicationOrigin() + "/orders?id=7&view=full";
        try (Browser browser = Browser.open(origin())) {
            browser.go("/sign-in?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
            browser.fill("Email address", email).fill("Password", ServerContract.PASSWORD).press("Sign in");
            browser.awaitPath(applicationOrigin() + "/orders");
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(page);
        }
        int untrusted;
        try (ServerSocket s = new ServerSocket(0)) {
            untrusted = s.getLocalPort();
        }
        // Browsers drop tabs and line breaks, read a backslash as a slash, and resolve dot segments: each value after
        // the first three would lead to //127.0.0.1:untrusted if it were taken as a path of this site.
        String host = "127.0.0.1:" + untrusted;
        for (String elsewhere : new String[] {"http://" + host + "/orders", "javascript:alert(1)", "//" + host + "/x", "/\t/" + host + "/x",
                "/\n/" + host + "/x", "/\\" + host + "/x", "\\/" + host + "/x", "/.//" + host + "/x", "/%2e//" + host + "/x", "/a/..//" + host + "/x"}) {
            try (Browser browser = Browser.open(origin())) {
                browser.go("/sign-in?next=" + URLEncoder.encode(elsewhere, StandardCharsets.UTF_8));
                browser.fill("Email address", email).fill("Password", ServerContract.PASSWORD).press("Sign in");
                browser.awaitPath("/account").awaitText("#email", email);
            }
        }
    }

    @Test
    void aPageOpenedAtAnotherAddressOfTheServerSaysWhereToOpenIt() {
        String email = ServerContract.newEmail();
        assertThat(server.client().signUp(email, ServerContract.PASSWORD).status()).isEqualTo(200);
        String elsewhere = "http://localhost:" + server.http.port();
        try (Browser browser = Browser.open(elsewhere)) {
            browser.go("/sign-in").fill("Email address", email).fill("Password", ServerContract.PASSWORD).press("Sign in");
            browser.awaitText("#password-step .status", "This site answers at " + origin() + ", not at " + elsewhere + ": open it there.");
        }
    }

    @Test
    void aNewVisitorSentToSignInFromAPageOfThisSiteIsBackOnItAfterSigningUp() {
        try (Browser browser = Browser.open(origin())) {
            browser.go("/sign-in?next=" + URLEncoder.encode("/account?from=sign-up", StandardCharsets.UTF_8));
            browser.find("#sign-up-link").click();
            browser.awaitPath("/sign-up").fill("Name", "Ada").fill("Email address", ServerContract.newEmail())
                    .fill("Password", ServerContract.PASSWORD).press("Create account");
            browser.awaitPath("/account");
            assertThat(browser.path()).isEqualTo("/account?from=sign-up");
        }
    }

    @Test
    void aWrongPasswordIsSaidInWordsAndTheRightOneLeadsToTheAccountPage() {
        String email = ServerContract.newEmail();
        assertThat(server.client().signUp(email, ServerContract.PASSWORD).status()).isEqualTo(200);
        try (Browser browser = Browser.open(origin())) {
            browser.go("/account").awaitPath("/sign-in");
            browser.fill("Email address", email).fill("Password", "not the password").press("Sign in");
            browser.awaitText("#password-step .status", "The email address or the password is not right.");
            // The button was pressed, then disabled during the request: the focus is back on it, not lost to the page.
            assertThat(((JavascriptExecutor) browser.driver()).executeScript("return document.activeElement.textContent")).isEqualTo("Sign in");

            browser.fill("Password", ServerContract.PASSWORD).press("Sign in");
            browser.awaitPath("/account").awaitText("#email", email);
            browser.screenshot("account");
        }
    }
}
