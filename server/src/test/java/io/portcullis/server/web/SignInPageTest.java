package io.portcullis.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Keys;

/** The sign-in page in headless Chromium: a person types, the page calls the API, the account page follows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInPageTest {
    private TestServer server;

    @BeforeAll
    void start() {
        Browser.requireInstalled();
        server = UiServer.start(Map.of());
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
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
    void aWrongPasswordIsSaidInWordsAndTheRightOneLeadsToTheAccountPage() {
        String email = ServerContract.newEmail();
        assertThat(server.client().signUp(email, ServerContract.PASSWORD).status()).isEqualTo(200);
        try (Browser browser = Browser.open(origin())) {
            browser.go("/account").awaitPath("/sign-in");
            browser.fill("Email address", email).fill("Password", "not the password").press("Sign in");
            browser.awaitText("#password-step .status", "The email address or the password is not right.");

            browser.fill("Password", ServerContract.PASSWORD).press("Sign in");
            browser.awaitPath("/account").awaitText("#email", email);
            browser.screenshot("account");
        }
    }
}
