package io.portcullis.server.fuzz;

import io.portcullis.testing.Generated;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated request bodies: JSON objects made of an operation's own fields with values of the right
 * type or any other (so the parsers reach each field's validation), plus broken JSON and plain noise.
 */
final class JsonValues {
    static final List<String> FIELD_NAMES = List.of("email", "password", "name", "image", "rememberMe", "callbackURL", "token",
            "newPassword", "currentPassword", "revokeOtherSessions", "userId", "sessionId", "role", "banReason", "banExpiresIn",
            "code", "trustDevice", "limit", "offset", "searchValue", "searchField", "searchOperator", "sortBy", "sortDirection",
            "redirectTo", "disableRedirect", "issuer", "query", "filterField", "filterValue", "filterOperator", "type");
    private static final String[] TEXTS = {"", " ", "null", "a@b.c", "A@EXAMPLE.COM", "x@y", "@", "http://evil.example/", "/relative",
        "//evil.example", "javascript:alert(1)", "\u0000", "\uD83D\uDE00", "é", "correct horse battery", "123456", "000000", "admin",
        "user,admin", "-1", "1e309", "' OR 1=1 --", "${jndi:ldap://x}", "<script>", "\\", "%00", "a".repeat(5000)};
    private static final String[] SCALARS = {"true", "false", "null", "0", "-0", "1.5", "1e400", "-1e-400", "9223372036854775808", "[]",
        "{}", "[null]", "{\"a\":{}}", "[1,\"x\",true]"};
    private static final String[] BROKEN = {"", " ", "{", "}", "{\"email\":", "{\"a\":1}{\"b\":2}", "{\"email\":\"a@b.c\",\"email\":\"d@e.f\"}",
        "\uFEFF{}", "{\"email\":\"\\ud800\"}", "{" + "\"a\":{".repeat(2000) + "}".repeat(2000) + "}"};

    private JsonValues() {}

    static String text(Generated g) {
        return g.chance(30) ? g.pick(TEXTS) : g.text(30);
    }

    private static String scalar(Generated g) {
        return switch (g.between(0, 3)) {
            case 0 -> quote(text(g));
            case 1 -> Long.toString(g.anyLong() >> g.between(0, 63));
            default -> g.pick(SCALARS);
        };
    }

    /** A value of the field's type most of the time, of any other type sometimes. */
    private static String valueOf(Generated g, DocumentedFields.Field field) {
        if (g.chance(20)) return scalar(g);
        return switch (field.type()) {
            case "string" -> quote(text(g));
            case "boolean" -> g.pick("true", "false");
            case "integer", "number" -> g.chance(80) ? Integer.toString(g.between(-5, 1000)) : g.pick("0", "-1", "2147483648", "1.5", "1e3");
            case "array" -> {
                List<String> items = new ArrayList<>();
                for (int i = g.between(0, 3); i > 0; i--) items.add(quote(text(g)));
                yield "[" + String.join(",", items) + "]";
            }
            default -> scalar(g);
        };
    }

    /** Mostly an object of some of the operation's own fields, else anything. */
    static String body(Generated g, List<DocumentedFields.Field> fields) {
        if (!fields.isEmpty() && g.chance(80)) {
            List<String> members = new ArrayList<>();
            for (DocumentedFields.Field f : g.some(fields)) members.add(quote(f.name()) + ":" + valueOf(g, f));
            if (g.chance(10)) members.add(quote(g.pick(FIELD_NAMES)) + ":" + scalar(g));
            return "{" + String.join(",", members) + "}";
        }
        return switch (g.between(0, 9)) {
            case 0 -> scalar(g);
            case 1 -> g.text(60);
            case 2 -> g.pick(BROKEN);
            case 3 -> { String o = object(g); yield o.substring(0, o.length() / 2); }
            case 4 -> "[" + object(g) + "]";
            default -> object(g);
        };
    }

    private static String object(Generated g) {
        List<String> members = new ArrayList<>();
        for (int i = g.between(0, 6); i > 0; i--) members.add(quote(g.chance(80) ? g.pick(FIELD_NAMES) : g.text(10)) + ":" + scalar(g));
        return "{" + String.join(",", members) + "}";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
