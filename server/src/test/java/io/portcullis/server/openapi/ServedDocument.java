package io.portcullis.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The OpenAPI document as a client gets it: fetched over HTTP from {@code {basePath}/openapi.json}. */
final class ServedDocument {
    private ServedDocument() {}

    static JsonNode fetch(TestServer server) {
        TestClient.Response r = server.client().get("/openapi.json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        return r.json();
    }

    /** One documented operation: {@code GET /get-session}, relative to the document's server url (basePath). */
    record Operation(String method, String path, JsonNode node) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        /** The JSON pointer of this operation in the document. */
        String pointer() {
            return "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT);
        }
    }

    static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                // A path item also holds parameters, summary … : only HTTP methods are operations.
                if (List.of("get", "put", "post", "delete", "options", "head", "patch", "trace").contains(method.getKey())) {
                    operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), method.getValue()));
                }
            }
        }
        return operations;
    }

    static Operation operation(JsonNode document, String method, String path) {
        return operations(document).stream().filter(o -> o.method().equals(method) && o.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("not documented: " + method + " " + path));
    }

    /** The node a local {@code $ref} ({@code #/components/…}) points to, or the node itself when it is no reference. */
    static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) return node;
        JsonNode target = document.at(ref.asText().substring(1));
        assertThat(target.isMissingNode()).as("reference " + ref.asText() + " resolves").isFalse();
        return resolve(document, target);
    }

    /** A JSON pointer token: {@code /} and {@code ~} escaped (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
