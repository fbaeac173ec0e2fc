package io.portcullis.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CsrfTokenTest {
    private static final String SESSION_TOKEN = SessionToken.generate();

    private static String presented(String... namesAndValues) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) headers.put(namesAndValues[i], namesAndValues[i + 1]);
        return CsrfToken.presented(headers::get);
    }

    @Test
    void theTokenIsReadFromEitherHeaderThePrimaryOneFirst() {
        assertThat(presented("X-XSRF-TOKEN", "a")).isEqualTo("a");
        assertThat(presented("x-csrf-token", "b")).isEqualTo("b");
        assertThat(presented("X-XSRF-TOKEN", "a", "X-CSRF-Token", "b")).isEqualTo("a");
        assertThat(presented("X-Other", "c")).isNull();
    }

    @Test
    void onlyTheSessionsOwnTokenMatches() {
        String token = CsrfToken.of(SESSION_TOKEN);
        assertThat(token).hasSize(43).isNotEqualTo(SESSION_TOKEN).isEqualTo(CsrfToken.of(SESSION_TOKEN));
        assertThat(CsrfToken.matches(SESSION_TOKEN, token)).isTrue();
        assertThat(CsrfToken.matches(SESSION_TOKEN, CsrfToken.of(SessionToken.generate()))).isFalse();
        assertThat(CsrfToken.matches(SESSION_TOKEN, "")).isFalse();
        assertThat(CsrfToken.matches(SESSION_TOKEN, null)).isFalse();
    }
}
