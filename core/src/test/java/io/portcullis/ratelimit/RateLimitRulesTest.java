package io.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitRulesTest {
    private static final RateLimitRules RULES = new RateLimitRules(List.of(
            new RateLimitRule("/*", Duration.ofSeconds(10), 100),
            new RateLimitRule("/sign-in/*", Duration.ofSeconds(10), 5),
            new RateLimitRule("/sign-in/email", Duration.ofSeconds(30), 3),
            new RateLimitRule("/admin/*", Duration.ofMinutes(1), 50),
            new RateLimitRule("/admin/users/*", Duration.ofMinutes(1), 10),
            new RateLimitRule("/change-password", Duration.ofSeconds(10), 5)));

    @ParameterizedTest
    @CsvSource({
            "/sign-in/email, /sign-in/email",
            "/sign-in/social, /sign-in/*",
            "/sign-in, /*",
            "/sign-inx/email, /*",
            "/admin/list-users, /admin/*",
            "/admin/users/get, /admin/users/*",
            "/change-password, /change-password",
            "/change-password/now, /*",
            "/ok, /*"
    })
    void theMostSpecificMatchingRuleWins(String path, String rulePath) {
        assertThat(RULES.ruleFor(path).path()).isEqualTo(rulePath);
    }

    @Test
    void cleanupWaitsForTheLongestWindow() {
        assertThat(RULES.longestWindow()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aRuleSetWithoutTheDefaultRuleIsAMistake() {
        assertThatThrownBy(() -> new RateLimitRules(List.of(new RateLimitRule("/ok", Duration.ofSeconds(1), 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
