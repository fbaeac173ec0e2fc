package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed access to a GET request's query parameters, with the same rules and message form as
 * {@link Fields}: unknown parameters are refused, every problem is named ({@code [query.limit] …}).
 */
final class QueryParams {
    /** A '%' that two hex digits do not follow: Jetty drops such a parameter without a word. */
    private static final Pattern BAD_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private final Map<String, List<String>> params;
    private final List<String> problems = new ArrayList<>();

    private QueryParams(Map<String, List<String>> params) {
        this.params = params;
    }

    static QueryParams of(Context ctx, Set<String> allowed) {
        String raw = ctx.queryString();
        if (raw != null && BAD_PERCENT.matcher(raw).find()) {
            throw new PortcullisException(ErrorCode.VALIDATION_ERROR, "[query] Malformed percent-encoding (a % must be followed by two hex digits)");
        }
        Map<String, List<String>> params = ctx.queryParamMap();
        List<String> refused = params.keySet().stream().filter(k -> !allowed.contains(k)).sorted().toList();
        if (!refused.isEmpty()) {
            throw new PortcullisException(ErrorCode.VALIDATION_ERROR, String.join("; ",
                    refused.stream().map(k -> "[query." + TextRules.clip(k) + "] Unknown parameter").toList()));
        }
        return new QueryParams(params);
    }

    /** The single value of a parameter, or null when absent or empty. */
    String string(String name, int maxLength) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) return null;
        if (values.size() > 1) return problem(name, "Must be given once");
        String value = values.get(0);
        String wrong = TextRules.problem(value, maxLength);
        return wrong == null ? value : problem(name, wrong);
    }

    /** As {@link #string}, and "Required" when absent or empty (only then). */
    String requiredString(String name, int maxLength) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) return problem(name, "Required");
        return string(name, maxLength);
    }

    int integer(String name, int fallback, int min, int max) {
        // Long enough for any number a client may send, so that one too large is told the range, not a length.
        String value = string(name, 64);
        if (value == null) return fallback;
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(name, "Expected integer from " + min + " to " + max);
        return fallback;
    }

    /** One of {@code allowed} (exact spelling); returns its index, or {@code fallback} when absent. */
    int choice(String name, int fallback, String... allowed) {
        String value = string(name, 64);
        if (value == null) return fallback;
        for (int i = 0; i < allowed.length; i++) if (allowed[i].equals(value)) return i;
        problem(name, "Expected one of " + String.join(", ", allowed));
        return fallback;
    }

    String problem(String name, String message) {
        problems.add("[query." + name + "] " + message);
        return null;
    }

    /** @throws PortcullisException {@code VALIDATION_ERROR} naming every problem found */
    void validate() {
        if (!problems.isEmpty()) throw new PortcullisException(ErrorCode.VALIDATION_ERROR, String.join("; ", problems));
    }
}
