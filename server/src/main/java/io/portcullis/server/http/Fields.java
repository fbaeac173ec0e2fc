package io.portcullis.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Typed access to a request body's fields. Problems are collected and reported together, in the
 * form Better Auth clients know: {@code [body.email] Invalid email address; [body.password] Required}.
 */
final class Fields {
    private final ObjectNode node;
    /** Form bodies carry every value as text, so booleans arrive as "true"/"false". */
    private final boolean fromForm;
    private final List<String> problems = new ArrayList<>();

    Fields(ObjectNode node, boolean fromForm) {
        this.node = node;
        this.fromForm = fromForm;
    }

    /** Refuses any field outside {@code allowed}: unknown input is never silently ignored (think {@code role}). */
    Fields allowOnly(Set<String> allowed) {
        List<String> refused = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) refused.add(name);
        }
        if (!refused.isEmpty()) {
            throw new PortcullisException(ErrorCode.FIELD_NOT_ALLOWED,
                    refused.stream().map(n -> "[body." + TextRules.clip(n) + "] is not allowed to be set").reduce((a, b) -> a + "; " + b).orElseThrow());
        }
        return this;
    }

    /** A required string of at most {@code maxLength} characters without control characters; null if invalid. */
    String requiredString(String name, int maxLength) {
        return required(name, maxLength, TextRules::problem);
    }

    /**
     * A password about to be set (the policy applies next). One longer than the field allows is
     * {@code PASSWORD_TOO_LONG}, the policy's own answer to a long password, not a transport error.
     */
    String newPassword(String name) {
        JsonNode value = node.get(name);
        if (value != null && value.isTextual() && value.textValue().length() > EmailPasswordRoutes.PASSWORD_FIELD_MAX) {
            throw new PortcullisException(ErrorCode.PASSWORD_TOO_LONG);
        }
        return requiredString(name, EmailPasswordRoutes.PASSWORD_FIELD_MAX);
    }

    /** A required password to compare with the user's: see {@link TextRules#problemOfCompared}. */
    String comparedPassword(String name) {
        return required(name, EmailPasswordRoutes.PASSWORD_FIELD_MAX, TextRules::problemOfCompared);
    }

    /** Whether the field was sent with a value other than JSON {@code null}. */
    boolean given(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    String optionalString(String name, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return null;
        return checkedText(name, value, maxLength);
    }

    /** Whether the field was sent at all, JSON {@code null} included (to tell "clear it" from "keep it"). */
    boolean has(String name) {
        return node.has(name);
    }

    /** A whole number from {@code min} to {@code max}, or null when absent. */
    Long optionalInteger(String name, long min, long max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return null;
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            problem(name, "Expected integer from " + min + " to " + max + ", received " + (value.isNumber() ? value.asText() : typeName(value)));
            return null;
        }
        return value.longValue();
    }

    /** A string, or an array of strings, each of at most {@code maxLength} characters. */
    List<String> requiredStringList(String name, int maxItems, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            problem(name, "Required");
            return null;
        }
        if (value.isTextual()) {
            String text = checkedText(name, value, maxLength);
            return text == null ? null : List.of(text);
        }
        if (!value.isArray() || value.size() > maxItems) {
            problem(name, "Expected string or array of at most " + maxItems + " strings, received " + typeName(value));
            return null;
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            String text = checkedText(name, item, maxLength);
            if (text == null) return null;
            items.add(text);
        }
        return items;
    }

    boolean optionalBoolean(String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return fallback;
        if (value.isBoolean()) return value.booleanValue();
        if (fromForm && value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
            return Boolean.parseBoolean(value.asText());
        }
        problem(name, "Expected boolean, received " + typeName(value));
        return fallback;
    }

    void problem(String name, String message) {
        problems.add("[body." + name + "] " + message);
    }

    /** @throws PortcullisException {@code VALIDATION_ERROR} naming every problem found */
    void validate() {
        if (!problems.isEmpty()) throw new PortcullisException(ErrorCode.VALIDATION_ERROR, String.join("; ", problems));
    }

    private String required(String name, int maxLength, BiFunction<String, Integer, String> rule) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            problem(name, "Required");
            return null;
        }
        return checkedText(name, value, maxLength, rule);
    }

    private String checkedText(String name, JsonNode value, int maxLength) {
        return checkedText(name, value, maxLength, TextRules::problem);
    }

    private String checkedText(String name, JsonNode value, int maxLength, BiFunction<String, Integer, String> rule) {
        if (!value.isTextual()) {
            problem(name, "Expected string, received " + typeName(value));
            return null;
        }
        String text = value.textValue();
        String wrong = rule.apply(text, maxLength);
        if (wrong != null) {
            problem(name, wrong);
            return null;
        }
        return text;
    }

    static String typeName(JsonNode value) {
        if (value.isNumber()) return "number";
        if (value.isBoolean()) return "boolean";
        if (value.isArray()) return "array";
        if (value.isObject()) return "object";
        if (value.isNull()) return "null";
        return "string";
    }
}
