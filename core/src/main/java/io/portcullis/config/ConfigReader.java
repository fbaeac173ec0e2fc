package io.portcullis.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, validating access to the merged sources. Each getter names one key, so the set of keys
 * read is the set of keys that exist: whatever a source holds beyond them is reported as unknown.
 * Problems are collected, not thrown, so that one start-up shows every mistake at once.
 */
final class ConfigReader {
    private final ConfigSources sources;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> effective = new LinkedHashMap<>();
    private final Set<String> secretKeys = new LinkedHashSet<>();
    private final Set<String> known = new LinkedHashSet<>();

    ConfigReader(ConfigSources sources) {
        this.sources = sources;
    }

    /** The raw text of a key from the highest-priority source that sets it, or null. */
    private Object raw(String key) {
        known.add(key);
        String property = sources.properties.get(key);
        if (property != null) return property;
        String env = sources.environment.get(ConfigSources.environmentName(key));
        if (env != null) return env;
        return sources.file.get(key);
    }

    boolean isSet(String key) {
        return raw(key) != null;
    }

    private String text(String key) {
        Object value = raw(key);
        if (value instanceof List<?> list) {
            // Without the values: the key may be a secret, or a URL with a password in it.
            problem(key + " must be a single value, not a list");
            return null;
        }
        return value == null ? null : ((String) value).trim();
    }

    void problem(String key, String value, String rule) {
        problems.add(key + "=" + value + " " + rule);
    }

    void problem(String line) {
        problems.add(line);
    }

    String string(String key, String fallback) {
        String v = text(key);
        String result = v == null ? fallback : v;
        record(key, result);
        return result;
    }

    String secret(String key) {
        secretKeys.add(key);
        String v = text(key);
        record(key, v);
        return v == null || v.isEmpty() ? null : v;
    }

    int integer(String key, int fallback, int min, int max) {
        String v = text(key);
        int result = fallback;
        if (v != null) {
            try {
                result = Integer.parseInt(v);
                if (result < min || result > max) {
                    problem(key, v, "must be an integer from " + min + " to " + max);
                    result = fallback;
                }
            } catch (NumberFormatException e) {
                problem(key, v, "must be an integer from " + min + " to " + max);
            }
        }
        record(key, String.valueOf(result));
        return result;
    }

    boolean bool(String key, boolean fallback) {
        String v = text(key);
        boolean result = fallback;
        if (v != null) {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> result = true;
                case "false" -> result = false;
                default -> problem(key, v, "must be true or false");
            }
        }
        record(key, String.valueOf(result));
        return result;
    }

    Duration duration(String key, Duration fallback, Duration min, Duration max) {
        String v = text(key);
        Duration result = fallback;
        if (v != null) {
            Duration parsed = Durations.parse(v);
            if (parsed == null) {
                problem(key, v, "must be a duration such as 30s, 15m, 12h, 30d or PT30M");
            } else if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
                problem(key, v, "must be from " + Durations.format(min) + " to " + Durations.format(max));
            } else {
                result = parsed;
            }
        }
        record(key, Durations.format(result));
        return result;
    }

    /** One of {@code allowed}, matched without regard to case; returns the allowed spelling. */
    String choice(String key, String fallback, String... allowed) {
        String v = text(key);
        String result = fallback;
        if (v != null) {
            result = Arrays.stream(allowed).filter(a -> a.equalsIgnoreCase(v)).findFirst().orElse(null);
            if (result == null) {
                problem(key, v, "must be one of " + String.join(", ", allowed));
                result = fallback;
            }
        }
        record(key, result);
        return result;
    }

    List<String> list(String key) {
        Object value = raw(key);
        List<String> result;
        if (value == null) result = List.of();
        else if (value instanceof List<?> l) result = l.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
        else result = Arrays.stream(((String) value).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        record(key, "[" + String.join(", ", result) + "]");
        return result;
    }

    private void record(String key, String value) {
        effective.put(key, value);
    }

    /** Overrides the printed effective value (for values derived from others, such as baseUrl). */
    void effective(String key, String value) {
        effective.put(key, value);
    }

    /** Reports every key a source holds that no setting read. Call after all settings were read. */
    void reportUnknownKeys() {
        Set<String> knownEnv = new LinkedHashSet<>();
        known.forEach(k -> knownEnv.add(ConfigSources.environmentName(k)));
        sources.file.keySet().stream().filter(k -> !known.contains(k))
                .forEach(k -> problems.add(k + " is not a configuration key (in " + sources.fileName + ")"
                        + suggestion(k, Function.identity())));
        sources.environment.keySet().stream().filter(k -> !knownEnv.contains(k))
                .forEach(k -> problems.add(k + " is not a configuration variable"
                        + suggestion(k, ConfigSources::environmentName)));
        sources.properties.keySet().stream().filter(k -> !known.contains(k))
                .map(k -> ConfigSources.PROPERTY_PREFIX + k)
                .forEach(p -> problems.add(p + " is not a configuration property"
                        + suggestion(p, k -> ConfigSources.PROPERTY_PREFIX + k)));
    }

    /** The known key nearest to {@code unknown}, both as the source spells them ({@code spelling} of a key). */
    private String suggestion(String unknown, Function<String, String> spelling) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            String candidate = spelling.apply(k);
            int d = distance(unknown.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    List<String> problems() {
        return problems;
    }

    /** Effective values with secrets masked, in reading order. */
    Map<String, String> maskedEffective() {
        Map<String, String> masked = new LinkedHashMap<>();
        effective.forEach((k, v) -> masked.put(k, secretKeys.contains(k) && v != null ? "****" : v == null ? "" : v));
        return masked;
    }
}
