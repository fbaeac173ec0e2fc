package io.portcullis.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in headless Chromium: an administrator (a verified address listed in
 * {@code admin.emails}) finds users and acts on them; what the users' own browsers see follows.
 * Two browsers serve every test (starting one costs seconds): the administrator's, signed in once,
 * and a person's, whose cookies are cleared before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminConsoleTest {
    private static final String PASSWORD = ServerContract.PASSWORD;
    private static final String REFUSAL = "Only administrators can use the admin console.";
    private final String adminEmail = "admin-" + UUID.randomUUID() + "@example.com";
    private TestServer server;
    /** The administrator's browser, signed in to the console. */
    private Browser admin;
    /** Another person's browser: the user acted upon, or a non-administrator. */
    private Browser person;

    @BeforeAll
    void start() {
        Browser.requireInstalled();
        server = UiServer.start(Map.of("admin.emails", adminEmail));
        TestClient client = server.client();
        assertThat(client.signUp(adminEmail, PASSWORD).status()).isEqualTo(200);
        // admin.emails counts only for a verified address (docs/admin.md): the test verifies it directly
        String id = client.get("/get-session").json().at("/user/id").asText();
        assertThat(server.portcullis.users().markEmailVerified(id, server.clock.instant())).isPresent();

        admin = Browser.open(origin());
        // without a session the console sends to the sign-in page, which comes back to it
        admin.go("/admin").awaitPath("/sign-in");
        assertThat(admin.path()).isEqualTo("/sign-in?next=/admin");
        signInHere(admin, adminEmail, PASSWORD);
        admin.awaitPath("/admin").awaitText("#result-count", " user");
        person = Browser.open(origin());
    }

    @BeforeEach
    void freshPages() {
        person.go("/sign-in");
        person.driver().manage().deleteAllCookies();
        admin.go("/admin").awaitPath("/admin").awaitText("#result-count", " user");
        admin.awaitText("#audit-table tbody", "Signed in");
    }

    @AfterAll
    void stop() {
        try (Browser a = admin; Browser p = person) {
            // closed in reverse order, each even if the other fails
        } finally {
            if (server != null) server.close();
        }
    }

    private String origin() {
        return UiServer.origin(server);
    }

    /** A new user, signed up over HTTP (the session it gets is not used). */
    private String newUser() {
        String email = ServerContract.newEmail();
        assertThat(server.client().signUp(email, PASSWORD).status()).isEqualTo(200);
        return email;
    }

    /** Signs in on the sign-in page, which is where the browser is. */
    private static void signInHere(Browser browser, String email, String password) {
        browser.awaitPath("/sign-in");
        browser.fill("Email address", email).fill("Password", password).press("Sign in");
    }

    /** Searches the user's email and opens the user panel. */
    private static void openUser(Browser admin, String email) {
        admin.fill("Search users", email).press("Search");
        admin.awaitText("#result-count", "1 user matching “" + email + "”.");
        admin.awaitText("#user-table tbody", email);
        admin.press("Manage");
        admin.awaitText("#panel-title", "User: " + email);
    }

    /**
     * Makes the page's viewport {@code width} CSS pixels wide, as on a phone; 0 restores the window's.
     * (Headless Chromium keeps windows at least 500 pixels wide, so Browser.open(origin, 360) alone
     * does not give 360.)
     */
    private static void viewport(Browser browser, int width) {
        HasCdp cdp = (HasCdp) browser.driver();
        if (width == 0) {
            cdp.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } else {
            cdp.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", true));
            Object inner = ((JavascriptExecutor) browser.driver()).executeScript("return window.innerWidth");
            assertThat(((Number) inner).intValue()).isEqualTo(width);
        }
    }

    @Test
    void theAccountPageLinksToTheConsoleForAnAdministratorByAddressOnly() {
        // The administrator's role is "user": admin.emails makes them one, which only the server knows.
        admin.go("/account").awaitText("#email", adminEmail);
        assertThat(admin.find("#admin-link").getAttribute("href")).endsWith("/admin");

        String email = newUser();
        person.go("/account");
        signInHere(person, email, PASSWORD);
        person.awaitPath("/account").awaitText("#email", email);
        // Once the page's question has been answered (403), the link stays hidden.
        new WebDriverWait(person.driver(), Duration.ofSeconds(10)).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return performance.getEntriesByType('resource').some(e => e.name.includes('/admin/list-users'))"));
        assertThat(person.driver().findElement(By.id("admin-link")).isDisplayed()).isFalse();
    }

    @Test
    void anAdminSignsAUserOutEverywhereFromTheConsoleAndThatUsersBrowserIsSignedOut() {
        String email = newUser();
        person.go("/sign-in");
        signInHere(person, email, PASSWORD);
        person.awaitPath("/account").awaitText("#email", email);

        admin.fill("Search users", email).press("Search");
        admin.awaitText("#result-count", "1 user matching “" + email + "”.");
        admin.awaitText("#user-table tbody", email);
        assertThat(admin.find("#user-table tbody").getText()).contains("user", "Not verified");
        assertThat(admin.driver().findElement(By.id("pager")).isDisplayed()).isFalse();
        admin.screenshot("admin-search-results");

        admin.press("Manage");
        admin.awaitText("#panel-title", "User: " + email);
        admin.awaitText("#session-table tbody", "Headless Chrome on Linux");
        admin.awaitText("#user-events tbody", "Signed in");
        admin.screenshot("admin-user-panel");

        admin.press("Sign out everywhere");
        admin.awaitText("#panel-status", "Sign " + email + " out of every device? Click the button again to confirm.");
        admin.press("Click again to confirm");
        admin.awaitText("#panel-status", email + " is signed out everywhere.");
        admin.awaitText("#sessions-empty", "No live sessions");
        admin.awaitText("#user-events tbody", "Sessions ended");
        admin.screenshot("admin-signed-out-everywhere");

        person.go("/account").awaitPath("/sign-in");
        assertThat(person.path()).isEqualTo("/sign-in?next=/account");
    }

    @Test
    void aNonAdminOpeningTheAdminConsoleSeesARefusalAndItsApiCallsAre403() {
        String email = newUser();
        person.go("/admin");
        signInHere(person, email, PASSWORD);
        person.awaitPath("/admin").awaitText("#refusal", REFUSAL);
        assertThat(person.find("#refusal").getAttribute("role")).isEqualTo("alert");
        assertThat(person.driver().findElement(By.id("console")).isDisplayed()).isFalse();
        assertThat(person.driver().findElement(By.id("loading")).isDisplayed()).isFalse();
        assertThat(person.all("#user-table tbody tr")).isEmpty();
        assertThat(person.all("#audit-table tbody tr")).isEmpty();
        assertThat(person.find("main").getText()).isEqualTo("Admin console\n" + REFUSAL);
        person.screenshot("admin-refusal");

        TestClient client = server.client();
        assertThat(client.signIn(email, PASSWORD).status()).isEqualTo(200);
        TestClient.Response refused = client.get("/admin/list-users?searchValue=" + email + "&searchField=email&limit=20");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_LIST_USERS");
    }

    @Test
    void aBanFromTheConsoleStopsTheUsersSignInWithTheSuspensionSentenceAndAnUnbanLetsItThrough() {
        String email = newUser();
        openUser(admin, email);
        admin.fill("Reason (optional)", "Posting spam");
        admin.press("Ban user");
        admin.awaitText("#panel-status", "Ban " + email + " and sign them out everywhere? Click the button again to confirm.");
        admin.press("Click again to confirm");
        admin.awaitText("#panel-status", email + " is banned and signed out everywhere.");
        admin.awaitText("#u-status", "Banned until the ban is lifted — reason: Posting spam.");
        admin.awaitText("#user-events tbody", "reason: Posting spam");
        admin.awaitText("#user-table tbody", "Banned");

        person.go("/sign-in");
        signInHere(person, email, PASSWORD);
        person.awaitText("#password-step .status", "This account has been suspended. Contact your administrator.");
        person.screenshot("admin-banned-user-sign-in");

        admin.press("Unban user");
        admin.awaitText("#panel-status", "The ban on " + email + " is lifted: they can sign in again.");
        admin.awaitText("#u-status", "Active");
        admin.awaitText("#user-events tbody", "Ban lifted");

        person.press("Sign in");
        person.awaitPath("/account").awaitText("#email", email);
    }

    @Test
    void anUnlockFromTheConsoleAfterFiveWrongPasswordsLetsTheUserSignInAgainAndTheConsoleWorksAt360Pixels() {
        String email = newUser();
        TestClient guesser = server.client();
        for (int i = 0; i < 5; i++) assertThat(guesser.signIn(email, "not the password " + i).status()).isEqualTo(401);
        person.go("/sign-in");
        signInHere(person, email, PASSWORD);
        person.awaitText("#password-step .status", "Too many failed attempts: this account is locked for a while.");

        viewport(admin, 360);
        try {
            admin.screenshot("admin-console-360");
            openUser(admin, email);
            admin.awaitText("#user-table tbody", "Locked");
            admin.awaitText("#lock-info", "Locked until");
            admin.awaitText("#user-events tbody", "Account locked");
            admin.screenshot("admin-user-panel-360");

            admin.press("Unlock account");
            admin.awaitText("#panel-status", email + " is unlocked: their failed attempts are forgotten.");
            admin.awaitText("#user-events tbody", "Account unlocked");
            admin.awaitText("#lock-info", "Not locked.");
            admin.awaitNoText("#user-table tbody", "Locked");
        } finally {
            viewport(admin, 0);
        }

        person.press("Sign in");
        person.awaitPath("/account").awaitText("#email", email);
    }

    @Test
    void aRoleChangeFromTheConsoleIsConfirmedThenStoredAndShown() {
        String email = newUser();
        openUser(admin, email);
        admin.fill("Roles", "user, no spaces allowed").press("Change role").press("Click again to confirm");
        admin.awaitText("#panel-status", "Give one or more role names, separated by commas");

        admin.fill("Roles", "user, support").press("Change role");
        admin.awaitText("#panel-status", "Change the role of " + email + " to “user,support”? This signs them out everywhere.");
        admin.press("Click again to confirm");
        admin.awaitText("#panel-status", "The role of " + email + " is now “user,support”.");
        admin.awaitText("#u-role", "user,support");
        admin.awaitText("#user-events tbody", "Role changed");
        assertThat(server.portcullis.users().findCredentialByEmail(email)).hasValueSatisfying(c -> assertThat(c.user().role()).isEqualTo("user,support"));
    }

    @Test
    void aSearchByNamePagesThroughTheResultsTwentyAtATime() {
        String tag = "Pager" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 25; i++) {
            // straight into the store: no password hashing for users that are only listed
            server.portcullis.users().create(tag.toLowerCase() + "-" + i + "@example.com", tag + " " + i, null, "user", false,
                    "not-a-password-hash", server.clock.instant());
        }
        admin.fill("Search users", tag);
        new Select(admin.find("#searchField")).selectByVisibleText("Name");
        admin.press("Search");
        admin.awaitText("#result-count", "25 users matching “" + tag + "”.");
        admin.awaitText("#page-info", "Showing 1–20 of 25");
        assertThat(admin.all("#user-table tbody tr")).hasSize(20);
        assertThat(admin.find("#previous-page").isEnabled()).isFalse();

        admin.press("Next");
        admin.awaitText("#page-info", "Showing 21–25 of 25");
        assertThat(admin.all("#user-table tbody tr")).hasSize(5);
        assertThat(admin.find("#next-page").isEnabled()).isFalse();

        admin.press("Previous");
        admin.awaitText("#page-info", "Showing 1–20 of 25");
    }
}
