package io.portcullis.ratelimit;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** The effective rules, the default {@code /*} among them: picks the one that applies to a path. */
public final class RateLimitRules {
    private final List<RateLimitRule> rules;

    public RateLimitRules(List<RateLimitRule> rules) {
        if (rules.stream().noneMatch(r -> r.path().equals(RateLimitRule.EVERYTHING))) {
            throw new IllegalArgumentException("the rules need a default rule " + RateLimitRule.EVERYTHING);
        }
        this.rules = List.copyOf(rules);
    }

    /** The most specific rule matching {@code path} (relative to basePath). */
    public RateLimitRule ruleFor(String path) {
        return rules.stream().filter(r -> r.matches(path)).max(Comparator.comparingInt(RateLimitRule::specificity)).orElseThrow();
    }

    /** Once a window this long is over, every window that started with it is over: what cleanup may delete. */
    public Duration longestWindow() {
        return rules.stream().map(RateLimitRule::window).max(Comparator.naturalOrder()).orElseThrow();
    }
}
