package io.portcullis.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The origin rules both front ends apply to a mutation, on plain header values. */
class OriginCheckTest {
    private static final String OWN = "https://auth.example.org";
    private final OriginCheck check = new OriginCheck(new TrustedOrigins(OWN, List.of("https://*.example.com", "https://app.example.net")));

    /** The outcome of a request with these headers: "ok" or the error code. */
    private String outcome(String method, String... namesAndValues) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) headers.put(namesAndValues[i], namesAndValues[i + 1]);
        try {
            check.check(method, headers::get);
            return "ok";
        } catch (PortcullisException e) {
            return e.code().name();
        }
    }

    @Test
    void safeMethodsAreNeverChecked() {
        for (String method : new String[] {"GET", "HEAD", "OPTIONS"}) {
            assertThat(outcome(method, "Origin", "https://evil.example", "Cookie", "a=b", "Sec-Fetch-Site", "cross-site")).as(method).isEqualTo("ok");
            assertThat(OriginCheck.isMutation(method)).isFalse();
        }
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE", "get", "PROPFIND"}) {
            assertThat(OriginCheck.isMutation(method)).as(method).isTrue();
        }
    }

    @Test
    void aTrustedOriginPasses() {
        assertThat(outcome("POST", "Origin", OWN, "Cookie", "a=b")).isEqualTo("ok");
        assertThat(outcome("POST", "Origin", "https://app.example.net")).isEqualTo("ok");
        assertThat(outcome("DELETE", "Origin", "https://shop.example.com", "Cookie", "a=b")).isEqualTo("ok");
        assertThat(outcome("POST", "Origin", " " + OWN.toUpperCase(Locale.ROOT) + " ", "Cookie", "a=b")).isEqualTo("ok");
        assertThat(outcome("POST", "Origin", OWN, "Sec-Fetch-Site", "same-origin", "Cookie", "a=b")).isEqualTo("ok");
    }

    @Test
    void anUntrustedOriginIsRefusedWithOrWithoutCookie() {
        for (String foreign : new String[] {"https://evil.example", "http://auth.example.org", "https://auth.example.org:8443",
                "https://example.com", "https://a.b.example.com", "http://app.example.net"}) {
            assertThat(outcome("POST", "Origin", foreign, "Cookie", "a=b")).as(foreign).isEqualTo("INVALID_ORIGIN");
            assertThat(outcome("POST", "Origin", foreign)).as(foreign + " without cookie").isEqualTo("INVALID_ORIGIN");
        }
    }

    @Test
    void aCrossSiteFetchIsRefusedWhateverOriginItNames() {
        assertThat(outcome("POST", "Sec-Fetch-Site", "cross-site", "Origin", OWN)).isEqualTo("INVALID_ORIGIN");
        assertThat(outcome("POST", "Sec-Fetch-Site", "Cross-Site")).isEqualTo("INVALID_ORIGIN");
    }

    @Test
    void theRefererStandsInForAMissingOrigin() {
        assertThat(outcome("POST", "Referer", OWN + "/account?tab=1", "Cookie", "a=b")).isEqualTo("ok");
        assertThat(outcome("POST", "Referer", "https://evil.example/page", "Cookie", "a=b")).isEqualTo("INVALID_ORIGIN");
        assertThat(outcome("POST", "Referer", "https://evil.example/page")).isEqualTo("INVALID_ORIGIN");
        // Origin wins over Referer.
        assertThat(outcome("POST", "Origin", "https://evil.example", "Referer", OWN + "/", "Cookie", "a=b")).isEqualTo("INVALID_ORIGIN");
    }

    @Test
    void withACookieTheOriginMustBeNamedAndNotNull() {
        assertThat(outcome("POST", "Cookie", "a=b")).isEqualTo("MISSING_OR_NULL_ORIGIN");
        assertThat(outcome("POST", "Cookie", "a=b", "Origin", "")).isEqualTo("MISSING_OR_NULL_ORIGIN");
        assertThat(outcome("POST", "Cookie", "a=b", "Referer", "/relative/path")).isEqualTo("MISSING_OR_NULL_ORIGIN");
        assertThat(outcome("POST", "Cookie", "a=b", "Referer", "not a url")).isEqualTo("MISSING_OR_NULL_ORIGIN");
        assertThat(outcome("POST", "Origin", "null", "Cookie", "a=b")).isEqualTo("MISSING_OR_NULL_ORIGIN");
        assertThat(outcome("POST", "Origin", "null")).as("null is refused without cookie too").isEqualTo("MISSING_OR_NULL_ORIGIN");
    }

    @Test
    void withoutCookieAndWithoutOriginThereIsNoBrowserToForgeWith() {
        assertThat(outcome("POST")).isEqualTo("ok");
        assertThat(outcome("POST", "Referer", "/relative")).isEqualTo("ok");
    }

    @Test
    void refusalsCarryTheStableCodesAndMessages() {
        PortcullisException e = catchThrowableOfType(PortcullisException.class,
                () -> check.check("POST", name -> name.equals("Origin") ? "https://evil.example" : null));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORIGIN);
        assertThat(e.getMessage()).isEqualTo("Invalid origin");
        assertThatCode(() -> check.check("PUT", name -> null)).doesNotThrowAnyException();
    }
}
