package io.portcullis.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.Mailbox;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The pages around signing in, in headless Chromium: sign-up, the mailed verification link and its
 * landing page, forgot-password and the mailed reset link. Mails go to a real SMTP server (GreenMail)
 * and the test follows their links in the browser, as a person would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthPagesTest {
    /** A password the default policy accepts, other than the one the users start with. */
    private static final String NEW_PASSWORD = "lantern orchard quietly 42 ferns";

    private Mailbox mailbox;
    /** Default settings: sign-up signs in at once, and mails a verification link on the side. */
    private TestServer server;

    @BeforeAll
    void start() {
        Browser.requireInstalled();
        mailbox = new Mailbox();
        server = UiServer.start(mailbox.settings());
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
        if (mailbox != null) mailbox.close();
    }

    private static Pattern verifyLink(TestServer server) {
        return Pattern.compile(Pattern.quote(UiServer.origin(server)) + "/api/auth/verify-email\\?token=[A-Za-z0-9_-]+&callbackURL=%2Fverified");
    }

    private static Pattern resetLink(TestServer server) {
        return Pattern.compile(Pattern.quote(UiServer.origin(server)) + "/api/auth/reset-password/[A-Za-z0-9_-]+\\?callbackURL=%2Freset-password");
    }

    /** The link of this pattern in the newest of {@code count} mails to the address that has one. */
    private String linkIn(String email, int count, Pattern link) throws Exception {
        List<MimeMessage> mails = mailbox.to(email, count, Duration.ofSeconds(10));
        assertThat(mails).as("mails to " + email).hasSize(count);
        for (int i = mails.size() - 1; i >= 0; i--) {
            Matcher m = link.matcher(Mailbox.text(mails.get(i)));
            if (m.find()) return m.group();
        }
        throw new AssertionError("no link " + link + " in the mails to " + email);
    }

    /**
     * Headless Chromium keeps its window at least 500 px wide whatever {@code --window-size} says: the
     * page is emulated at 360 CSS px instead, as on a small phone.
     */
    private static void phoneSized(Browser browser) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 800, "deviceScaleFactor", 1, "mobile", true));
    }

    private static void signUpInThePage(Browser browser, String email, String password) {
        browser.fill("Name", "Ada Lovelace").fill("Email address", email).fill("Password", password).press("Create account");
    }

    @Test
    void signingUpInTheBrowserLandsOnTheAccountPageAndTheMailedLinkOnTheVerifiedPage() throws Exception {
        String email = ServerContract.newEmail();
        try (Browser browser = Browser.open(UiServer.origin(server))) {
            browser.go("/sign-in");
            browser.find(By.linkText("Create an account")).click();
            browser.awaitPath("/sign-up");
            browser.fill("Name", "Ada Lovelace").fill("Email address", email).fill("Password", ServerContract.PASSWORD);
            browser.screenshot("sign-up");
            browser.press("Create account");
            browser.awaitPath("/account").awaitText("#email", email);

            // The verification mail's link comes back to the verified page, which knows this browser is signed in.
            String link = linkIn(email, 1, verifyLink(server));
            browser.driver().get(link);
            browser.awaitPath("/verified").awaitText("#verified h2", "Your email address is verified");
            browser.find(By.linkText("Go to your account")).click();
            browser.awaitPath("/account");
        }
    }

    @Test
    void refusedPasswordsAndATakenAddressAreSaidInSentencesOnASmallScreen() {
        String taken = ServerContract.newEmail();
        assertThat(server.client().signUp(taken, ServerContract.PASSWORD).status()).isEqualTo(200);
        try (Browser browser = Browser.open(UiServer.origin(server), 360)) {
            phoneSized(browser);
            browser.go("/sign-up");
            browser.press("Create account");
            browser.awaitText("#sign-up .status", "Enter your name.");

            signUpInThePage(browser, ServerContract.newEmail(), "short pw");
            browser.awaitText("#sign-up .status", "This password is too short. Use at least 12 characters.");

            signUpInThePage(browser, ServerContract.newEmail(), "password1234");
            browser.awaitText("#sign-up .status", "This password is too easy to guess.");
            assertThat(browser.find("#password").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.find("#sign-up .status").getAttribute("role")).isEqualTo("alert");
            assertThat(((ChromeDriver) browser.driver()).executeScript("return document.documentElement.scrollWidth")).as("no sideways scrolling")
                    .isEqualTo(360L);
            browser.screenshot("sign-up-360");

            signUpInThePage(browser, taken, ServerContract.PASSWORD);
            browser.awaitText("#sign-up .status", "An account with this email address exists already. Sign in instead.");
            assertThat(browser.path()).isEqualTo("/sign-up");
        }
    }

    @Test
    void aForgottenPasswordIsResetThroughTheMailedLinkWhichThenNoLongerWorks() throws Exception {
        String email = ServerContract.newEmail();
        assertThat(server.client().signUp(email, ServerContract.PASSWORD).status()).isEqualTo(200); // mails a verification link
        try (Browser browser = Browser.open(UiServer.origin(server))) {
            // Without a link, the reset page says where to get one.
            browser.go("/reset-password").awaitText("#no-link h2", "Open the link from your mail");
            browser.find(By.linkText("Ask for a reset link")).click();
            browser.awaitPath("/forgot-password");
            browser.find(By.linkText("Back to sign in")).click();
            browser.awaitPath("/sign-in");
            browser.find(By.linkText("Forgot your password?")).click();
            browser.awaitPath("/forgot-password");
            browser.fill("Email address", email).press("Send reset link");
            browser.awaitText("#sent", "If an account exists for " + email + ", we sent a link to reset its password.");
            browser.screenshot("forgot-password");

            String link = linkIn(email, 2, resetLink(server));
            browser.driver().get(link);
            browser.awaitPath("/reset-password").find("#reset");
            assertThat(browser.path()).as("the token is taken out of the address bar").isEqualTo("/reset-password");

            browser.fill("New password", NEW_PASSWORD).fill("Repeat the new password", NEW_PASSWORD);
            browser.screenshot("reset-password");
            browser.fill("Repeat the new password", NEW_PASSWORD + "!").press("Set new password");
            browser.awaitText("#reset .status", "The two passwords are not the same.");
            browser.fill("New password", "password1234").fill("Repeat the new password", "password1234").press("Set new password");
            browser.awaitText("#reset .status", "This password is too easy to guess.");
            browser.fill("New password", NEW_PASSWORD).fill("Repeat the new password", NEW_PASSWORD).press("Set new password");
            browser.awaitText("#done h2", "Your password has been changed");

            browser.find(By.linkText("Sign in with your new password")).click();
            browser.awaitPath("/sign-in");
            browser.fill("Email address", email).fill("Password", ServerContract.PASSWORD).press("Sign in");
            browser.awaitText("#password-step .status", "The email address or the password is not right.");
            browser.fill("Password", NEW_PASSWORD).press("Sign in");
            browser.awaitPath("/account").awaitText("#email", email);

            browser.driver().get(link);
            browser.awaitPath("/reset-password").awaitText("#unusable h2", "This link is no longer valid");
            browser.awaitText("#unusable", "This link is not valid any more");
            browser.screenshot("reset-password-used-link");
            assertThat(browser.all("#reset:not([hidden])")).isEmpty();
            browser.find(By.linkText("Ask for a new link")).click();
            browser.awaitPath("/forgot-password");

            // A new link (mail 4, after the notice of the reset) that expires while its page is open.
            browser.fill("Email address", email).press("Send reset link");
            browser.awaitText("#sent", "If an account exists for " + email);
            browser.driver().get(linkIn(email, 4, resetLink(server)));
            browser.awaitPath("/reset-password").find("#reset");
            server.clock.advance(Duration.ofHours(2));
            browser.fill("New password", "copper meadow whistles 77 dunes").fill("Repeat the new password", "copper meadow whistles 77 dunes")
                    .press("Set new password");
            browser.awaitText("#unusable", "This link has expired. Ask for a new one.");
        }
    }

    @Test
    void withVerificationRequiredTheMailedLinkVerifiesAndThenSigningInWorks() throws Exception {
        Map<String, String> settings = new HashMap<>(mailbox.settings());
        settings.put("emailVerification.required", "true");
        String email = ServerContract.newEmail();
        try (TestServer strict = UiServer.start(settings); Browser browser = Browser.open(UiServer.origin(strict))) {
            browser.go("/sign-up");
            signUpInThePage(browser, email, ServerContract.PASSWORD);
            browser.awaitText("#check-mail", "Check your mail: we sent a link to verify " + email);
            assertThat(browser.path()).isEqualTo("/sign-up");
            browser.screenshot("check-mail");
            browser.press("Send the link again");
            browser.awaitText("#resend .status", "We sent a new link to " + email + ".");

            // Not yet verified: sign-in is refused in words.
            browser.go("/sign-in").fill("Email address", email).fill("Password", ServerContract.PASSWORD).press("Sign in");
            browser.awaitText("#password-step .status", "Please verify your email address first");
            browser.press("Send the link again");
            browser.awaitText("#resend .status", "We sent a new link to " + email + ". Follow it, then sign in.");

            // A link past its lifetime: the page says so and mails a new one.
            String expired = linkIn(email, 3, verifyLink(strict));
            strict.clock.advance(Duration.ofHours(25));
            browser.driver().get(expired);
            browser.awaitPath("/verified").awaitText("#failed", "This link has expired.");
            browser.fill("Email address", email).press("Send a new link");
            browser.awaitText("#resend .status", "we sent a new link to it");

            String link = linkIn(email, 4, verifyLink(strict));
            assertThat(link).isNotEqualTo(expired);
            browser.driver().get(link);
            browser.awaitPath("/verified").awaitText("#verified h2", "Your email address is verified");
            browser.screenshot("verified");
            browser.find(By.linkText("Sign in")).click();
            browser.awaitPath("/sign-in");
            browser.fill("Email address", email).fill("Password", ServerContract.PASSWORD).press("Sign in");
            browser.awaitPath("/account").awaitText("#email", email);

            // The same link again: no longer valid; asking for another one says there is nothing left to verify.
            browser.driver().get(link);
            browser.awaitPath("/verified").awaitText("#failed h2", "This link is no longer valid");
            assertThat(browser.find("#email").getAttribute("value")).isEqualTo(email);
            browser.press("Send a new link");
            browser.awaitText("#resend .status", "Your email address is verified already");
        }
    }
}
