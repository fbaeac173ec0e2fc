package io.portcullis.server.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators for request bodies: JSON objects made of the API's own field names with values of every
 * JSON type (so the parsers reach each field's validation), plus broken JSON and plain noise.
 */
final class JsonValues {
    static final List<String> FIELD_NAMES = List.of("email", "password", "name", "image", "rememberMe", "callbackURL", "token",
            "newPassword", "currentPassword", "revokeOtherSessions", "userId", "sessionId", "role", "banReason", "banExpiresIn",
            "code", "trustDevice", "limit", "offset", "searchValue", "searchField", "searchOperator", "sortBy", "sortDirection",
            "redirectTo", "disableRedirect", "issuer", "query", "filterField", "filterValue", "filterOperator", "type");

    private JsonValues() {}

    static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30),
                Arbitraries.of("", " ", "null", "a@b.c", "A@EXAMPLE.COM", "x@y", "@", "http://evil.example/", "/relative", "//evil.example",
                        "javascript:alert(1)", "\u0000", "\uD83D\uDE00", "é", "correct horse battery", "123456", "000000", "admin", "user,admin",
                        "-1", "1e309", "' OR 1=1 --", "${jndi:ldap://x}", "<script>", "\\", "%00", "a".repeat(5000)));
    }

    private static Arbitrary<String> scalar() {
        return Arbitraries.oneOf(
                texts().map(JsonValues::quote),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "0", "-0", "1.5", "1e400", "-1e-400", "9223372036854775808", "[]", "{}", "[null]",
                        "{\"a\":{}}", "[1,\"x\",true]"));
    }

    static Arbitrary<String> objects() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(FIELD_NAMES), Arbitraries.strings().ofMaxLength(10));
        Arbitrary<String> member = Combinators.combine(key, scalar()).as((k, v) -> quote(k) + ":" + v);
        return member.list().ofMaxSize(6).map(m -> "{" + String.join(",", m) + "}");
    }

    /** A value of the field's type most of the time, of any other type sometimes. */
    static Arbitrary<String> valueOf(DocumentedFields.Field field) {
        Arbitrary<String> typed = switch (field.type()) {
            case "string" -> texts().map(JsonValues::quote);
            case "boolean" -> Arbitraries.of("true", "false");
            case "integer", "number" -> Arbitraries.oneOf(Arbitraries.integers().between(-5, 1000).map(String::valueOf),
                    Arbitraries.of("0", "-1", "2147483648", "1.5", "1e3"));
            case "array" -> texts().map(JsonValues::quote).list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
            default -> scalar();
        };
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, typed), net.jqwik.api.Tuple.of(1, scalar()));
    }

    /** Mostly objects of some of the operation's own fields (sometimes one unknown field), else anything. */
    static Arbitrary<String> bodiesFor(List<DocumentedFields.Field> fields) {
        Arbitrary<String> documented = fields.isEmpty() ? objects() : Arbitraries.subsetOf(fields).flatMap(chosen -> {
            List<Arbitrary<String>> members = chosen.stream().map(f -> valueOf(f).map(v -> quote(f.name()) + ":" + v)).toList();
            return members.isEmpty() ? Arbitraries.just("{}") : Combinators.combine(members).as(m -> "{" + String.join(",", m) + "}");
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, documented), net.jqwik.api.Tuple.of(2, bodies()));
    }

    static Arbitrary<String> bodies() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, objects()),
                net.jqwik.api.Tuple.of(1, objects().map(o -> o.substring(0, o.length() / 2))),
                net.jqwik.api.Tuple.of(1, scalar()),
                net.jqwik.api.Tuple.of(1, objects().map(o -> "[" + o + "]")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(60)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", " ", "{", "}", "{\"email\":", "{\"a\":1}{\"b\":2}", "{\"email\":\"a@b.c\",\"email\":\"d@e.f\"}",
                        "\uFEFF{}", "{\"email\":\"\\ud800\"}", "{" + "\"a\":{".repeat(2000) + "}".repeat(2000) + "}")));
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
