package io.portcullis.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.server.testing.TotpCodes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The account page in headless Chromium: sessions on two devices, two-factor enrolment and the
 * sign-in through its challenge, password and name changes, and the security events a user sees.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountPageTest {
    private static final String PASSWORD = ServerContract.PASSWORD;
    private static final String NEW_PASSWORD = "plum tractor velvet harbour 42";
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

    /** A user made through the sign-up API, whose API session is then ended: no session of theirs is left. */
    private String newUser() {
        String email = ServerContract.newEmail();
        TestClient client = server.client();
        assertThat(client.signUp(email, PASSWORD).status()).isEqualTo(200);
        assertThat(client.post("/sign-out", "{}").status()).isEqualTo(200);
        return email;
    }

    /** Opens the account page, is sent to sign in, signs in there, and is back on the account page. */
    private static void signIn(Browser browser, String email, String password) {
        browser.go("/account").awaitPath("/sign-in");
        assertThat(browser.path()).isEqualTo("/sign-in?next=/account");
        browser.fill("Email address", email).fill("Password", password).press("Sign in");
        browser.awaitPath("/account").awaitText("#email", email);
    }

    private static List<WebElement> awaitCount(Browser browser, String css, int count) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .withMessage(() -> "expected " + count + " of " + css + ", found " + browser.all(css).size())
                .until(d -> browser.all(css).size() == count);
        return browser.all(css);
    }

    private static List<String> texts(Browser browser, String css) {
        return browser.all(css).stream().map(WebElement::getText).toList();
    }

    @Test
    void thisDeviceIsMarkedAndAnotherDeviceIsSignedOutWithItsButton() {
        String email = ServerContract.newEmail();
        try (Browser first = Browser.open(origin())) {
            // Sign up on the sign-up page, sign out, and sign in again on the sign-in page.
            first.go("/sign-up").fill("Name", "Ada").fill("Email address", email).fill("Password", PASSWORD).press("Create account");
            first.awaitPath("/account").find("#sign-out").click();
            first.awaitPath("/sign-in");
            signIn(first, email, PASSWORD);
            List<WebElement> one = awaitCount(first, "#sessions > li", 1);
            assertThat(one.get(0).getText()).contains("Chrome on Linux", "This device", "IP address 127.0.0.1", "Signed in ", "Last active ");
            assertThat(first.all("#sessions button")).isEmpty();
            assertThat(first.driver().findElement(By.id("revoke-others")).isDisplayed()).isFalse();

            try (Browser second = Browser.open(origin())) {
                signIn(second, email, PASSWORD);

                first.driver().navigate().refresh();
                List<WebElement> two = awaitCount(first, "#sessions > li", 2);
                assertThat(texts(first, "#sessions .badge")).containsExactly("This device");
                assertThat(two.get(0).getText()).contains("This device");
                WebElement other = two.get(1);
                assertThat(other.getText()).contains("Chrome on Linux", "IP address 127.0.0.1").doesNotContain("This device");
                assertThat(first.find("#revoke-others").getText()).isEqualTo("Sign out all other devices");
                scrollTo(first, "sessions-section");
                first.screenshot("account-two-sessions");

                other.findElement(By.xpath(".//button[normalize-space(.)='Sign out']")).click();
                first.awaitText("#sessions-section .status", "Chrome on Linux is signed out.");
                assertThat(awaitCount(first, "#sessions > li", 1).get(0).getText()).contains("This device");

                // The second browser learns it at its next navigation.
                second.go("/account").awaitPath("/sign-in");
                assertThat(second.path()).isEqualTo("/sign-in?next=/account");
            }
            first.driver().navigate().refresh();
            first.awaitText("#email", email);
            awaitCount(first, "#sessions > li.current", 1);
        }
    }

    @Test
    void signOutEndsTheSessionOrSaysItDidNot() {
        try (Browser browser = Browser.open(origin())) {
            signIn(browser, newUser(), PASSWORD);
            // messages.js, run in the page: an answer without a sentence (a proxy's 502 page; HTTP/2 has no
            // status text) still reads as one.
            Object sentences = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "import('/assets/messages.js').then(m => done([m.describe({status: 502, code: 'UNKNOWN', message: ''}),"
                            + " m.describe({status: 400, code: 'SOMETHING_NEW', message: ''})]), e => done('error: ' + e));");
            assertThat(sentences).isEqualTo(List.of("The server had a problem. Try again shortly.", "Something went wrong."));

            // Offline, the session cannot end: the page stays and says so, instead of looking signed out.
            ChromeDriver chrome = (ChromeDriver) browser.driver();
            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            chrome.setNetworkConditions(offline);
            browser.find("#sign-out").click();
            browser.awaitText("#page-status", "You are still signed in. The server cannot be reached.");
            assertThat(browser.path()).isEqualTo("/account");
            chrome.deleteNetworkConditions();

            // Without its CSRF cookie (cleared, or replaced in another tab) the page fetches a new one.
            browser.driver().manage().deleteCookieNamed("XSRF-TOKEN");
            browser.find("#sign-out").click();
            browser.awaitPath("/sign-in");
            browser.go("/account").awaitPath("/sign-in");
            assertThat(browser.path()).as("the session ended").isEqualTo("/sign-in?next=/account");
        }
    }

    @Test
    void anAccountPageThatCannotLoadTheAccountOffersNoForms() {
        try (Browser browser = Browser.open(origin())) {
            signIn(browser, newUser(), PASSWORD);
            ChromeDriver chrome = (ChromeDriver) browser.driver();
            chrome.executeCdpCommand("Network.enable", Map.of());
            chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/get-session")));
            browser.go("/account").awaitText("#page-status", "The server cannot be reached. Check your connection. Then reload the page.");
            assertThat(browser.all("main section")).isNotEmpty().noneMatch(WebElement::isDisplayed);
            chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    @Test
    void twoFactorIsTurnedOnWithTheAppsCodeAndThenAsksForTheNextCodeAtSignIn() {
        String email = newUser();
        try (Browser browser = Browser.open(origin())) {
            signIn(browser, email, PASSWORD);
            assertDeviceNames(browser);
            browser.awaitText("#tf-state", "Two-factor authentication is off.");

            browser.fill("Password", PASSWORD).press("Turn on");
            String secret = browser.find("#totp-secret").getText();
            assertThat(secret).matches("[A-Z2-7]{32}");
            WebElement qr = browser.find("img[alt='QR code for your authenticator app']");
            assertThat(qr.getAttribute("src")).startsWith("data:image/png;base64,");
            Object width = ((JavascriptExecutor) browser.driver()).executeScript("return arguments[0].complete && arguments[0].naturalWidth", qr);
            assertThat(((Number) width).intValue()).as("the QR code loads under the CSP").isGreaterThanOrEqualTo(200);
            scrollTo(browser, "two-factor");
            List<String> codes = texts(browser, "#backup-codes li");
            assertThat(codes).hasSize(10).allMatch(c -> c.matches("[0-9a-z]{5}-[0-9a-z]{5}"));
            assertThat(browser.find("#backup-panel").getText()).contains("Store these codes somewhere safe", "shown only now");
            browser.screenshot("account-two-factor-setup");

            browser.fill("Code from the app", TotpCodes.at(secret, server.clock.instant())).press("Confirm code");
            browser.awaitText("#tf-state", "Two-factor authentication is on");
            browser.awaitText("#tf-password-form .status", "Two-factor authentication is turned on.");
            assertThat(browser.driver().findElement(By.id("tf-setup")).isDisplayed()).isFalse();
            assertThat(browser.driver().findElement(By.id("totp-secret")).getAttribute("textContent")).isEmpty();
            browser.press("I have stored them");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> browser.all("#backup-codes li").isEmpty());
            assertThat(browser.find("#tf-backup").getText()).isEqualTo("Show new backup codes");
            assertThat(browser.find("#tf-disable").getText()).isEqualTo("Turn off");
            // Enter in the password field: both buttons undo something (the codes stored, or 2FA), so neither is guessed.
            browser.fill("Password", PASSWORD);
            browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.awaitText("#tf-password-form .status", "Choose \"Show new backup codes\" or \"Turn off\".");
            assertThat(browser.all("#backup-codes li")).isEmpty();
            browser.find("#tf-password").clear();

            // The confirmation rotated the session: the page still works with the new one.
            browser.driver().navigate().refresh();
            browser.awaitText("#tf-state", "Two-factor authentication is on");
            awaitCount(browser, "#sessions > li.current", 1);
            browser.awaitText("#events", "Two-factor authentication turned on");

            browser.press("Sign out").awaitPath("/sign-in");
            browser.fill("Email address", email).fill("Password", PASSWORD).press("Sign in");
            // A challenge that has ended (its cookie gone): back to the password, with the reason.
            browser.find("#totp-step");
            for (Cookie cookie : browser.driver().manage().getCookies()) {
                if (cookie.getName().endsWith("two_factor")) browser.driver().manage().deleteCookie(cookie);
            }
            browser.fill("Authentication code", "123456").press("Verify");
            browser.awaitText("#password-step .status", "This sign-in has expired. Please start again.");
            browser.fill("Password", PASSWORD).press("Sign in");
            browser.find("#totp-step");
            server.clock.advance(Duration.ofSeconds(TotpCodes.PERIOD_SECONDS)); // the enrolment's code is spent
            browser.fill("Authentication code", TotpCodes.at(secret, server.clock.instant())).press("Verify");
            browser.awaitPath("/account").awaitText("#email", email);
            browser.awaitText("#tf-state", "Two-factor authentication is on");
        }
    }

    @Test
    void aPasswordChangeSignsOutTheOtherBrowserAndTheNameAndEventsShow() {
        String email = newUser();
        try (Browser phone = phone(Browser.open(origin(), 360)); Browser other = Browser.open(origin())) {
            signIn(other, email, PASSWORD);
            signIn(phone, email, PASSWORD);
            assertThat(script(phone, "return window.innerWidth")).isEqualTo(360L);
            awaitCount(phone, "#sessions > li", 2);
            phone.awaitText("#email-verified", "Not verified");
            assertThat(script(phone, "return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                    .as("no sideways scrolling at 360 px").isEqualTo(0L);
            phone.screenshot("account-360");

            phone.press("Send verification link");
            phone.awaitText("#verify-form .status", "We sent a link to " + email + ".");

            phone.fill("Name", "Ada Lovelace").press("Save name");
            phone.awaitText("#name-form .status", "Your name is saved.");
            phone.awaitText("#who", "Ada Lovelace");

            phone.fill("Current password", PASSWORD).fill("New password", NEW_PASSWORD).fill("Confirm new password", NEW_PASSWORD + "!")
                    .press("Change password");
            phone.awaitText("#password-form .status", "The new password and its confirmation are not the same.");
            phone.fill("Confirm new password", NEW_PASSWORD).press("Change password");
            phone.awaitText("#password-form .status", "Your password is changed, and your other devices are signed out.");
            assertThat(awaitCount(phone, "#sessions > li", 1).get(0).getText()).contains("This device");
            assertThat(phone.find("#currentPassword").getAttribute("value")).isEmpty();

            // The other browser, still showing the page, is sent to sign in by its next call (401).
            other.fill("Name", "Mallory").press("Save name");
            other.awaitPath("/sign-in");
            assertThat(other.path()).isEqualTo("/sign-in?next=/account");

            phone.driver().navigate().refresh();
            phone.awaitText("#who", "Ada Lovelace");
            assertThat(phone.find("#name").getAttribute("value")).isEqualTo("Ada Lovelace");
            phone.awaitText("#events", "Password changed");
            assertThat(texts(phone, "#events .event-label")).contains("Signed in", "Password changed", "Signed out remotely");
            assertThat(phone.find("#events li").getText()).contains("IP address 127.0.0.1");
            scrollTo(phone, "events-section");
            phone.screenshot("account-360-events");

            assertThat(server.client().signIn(email, NEW_PASSWORD).status()).isEqualTo(200);
        }
    }

    /** device.js, run in the page: the names a person sees for common browsers (one browser start less than a test of its own). */
    private static void assertDeviceNames(Browser browser) {
        Map<String, String> expected = Map.of(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", "Chrome on Linux",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0", "Firefox on Windows",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "Safari on iPhone",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", "Safari on macOS",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51", "Edge on Windows",
                "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36", "Chrome on Android",
                "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1", "Chrome on iPad",
                "curl/8.5.0", "Unknown device",
                "", "Unknown device");
        for (var e : expected.entrySet()) {
            Object name = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "import('/assets/device.js').then(m => done(m.describeDevice(arguments[0])), e => done('error: ' + e));",
                    e.getKey());
            assertThat(name).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    private static Object script(Browser browser, String js) {
        return ((JavascriptExecutor) browser.driver()).executeScript(js);
    }

    private static void scrollTo(Browser browser, String id) {
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    /**
     * Headless Chromium keeps windows at least 500 px wide, whatever --window-size says: the page is
     * made to lay out at the width asked for, as on a small phone, through the DevTools protocol.
     */
    private static Browser phone(Browser browser) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 800, "deviceScaleFactor", 1, "mobile", true));
        return browser;
    }
}
