package io.portcullis.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields each operation takes, read from the server's own OpenAPI document: the JSON body's
 * properties of a POST and the query parameters of a GET, each with its JSON type. Generated requests
 * built from them get past "unknown field" refusals and reach each field's own validation.
 */
record DocumentedFields(Map<String, Map<String, String>> byOperation) {
    /** A field's name and JSON type ({@code string}, {@code integer}, {@code boolean} …; {@code any} when not given). */
    record Field(String name, String type) {}

    static DocumentedFields of(JsonNode document) {
        Map<String, Map<String, String>> byOperation = new LinkedHashMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            Map<String, String> fields = new LinkedHashMap<>();
            JsonNode schema = resolve(document, operation.getValue().at("/requestBody/content/application~1json/schema"));
            schema.path("properties").fields().forEachRemaining(p -> fields.put(p.getKey(), typeOf(resolve(document, p.getValue()))));
            for (JsonNode parameter : operation.getValue().path("parameters")) {
                JsonNode resolved = resolve(document, parameter);
                if (resolved.path("in").asText().equals("query")) fields.put(resolved.path("name").asText(), typeOf(resolve(document, resolved.path("schema"))));
            }
            byOperation.put(operation.getKey().toUpperCase() + " " + path.getKey(), fields);
        }));
        return new DocumentedFields(byOperation);
    }

    /** The fields of {@code method} on {@code path} (relative to basePath); empty when it takes none. */
    List<Field> of(String method, String path) {
        List<Field> fields = new ArrayList<>();
        byOperation.getOrDefault(method + " " + path, Map.of()).forEach((name, type) -> fields.add(new Field(name, type)));
        return fields;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray() && type.size() > 0) return type.get(0).asText();
        return type.isTextual() ? type.asText() : "any";
    }
}
