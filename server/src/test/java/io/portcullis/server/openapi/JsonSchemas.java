package io.portcullis.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** JSON Schema 2020-12 validation (networknt): the OpenAPI 3.1 schema, and schemas inside the served document. */
final class JsonSchemas {
    /** Where the document is registered for its local {@code $ref}s to resolve; never fetched. */
    private static final String DOCUMENT_URI = "https://portcullis.invalid/openapi.json";
    private static final String METASCHEMA_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSchemas() {}

    /** The official schema of OpenAPI 3.1 documents (see src/test/resources/openapi/README.md). */
    static JsonSchema openApi31() {
        try (InputStream in = JsonSchemas.class.getResourceAsStream("/openapi/oas-3.1-schema.json")) {
            if (in == null) throw new IllegalStateException("missing test resource /openapi/oas-3.1-schema.json");
            JsonNode schema = JSON.readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON Schema 2020-12 meta-schema (bundled with the validator), which every Schema Object must satisfy. */
    static JsonSchema metaSchema() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SchemaLocation.of(METASCHEMA_2020_12));
    }

    /** The schema at {@code pointer} in {@code document}, its {@code $ref}s resolved within the document. */
    static JsonSchema inDocument(JsonNode document, String pointer) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_URI, document.toString()))));
        return factory.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + pointer));
    }

    static List<String> problems(JsonSchema schema, JsonNode instance) {
        return schema.validate(instance).stream().map(ValidationMessage::toString).sorted().toList();
    }

    /**
     * A copy of the document whose object schemas allow no property beyond the documented ones, so that
     * an answer carrying an undocumented field fails too. (The served document leaves answers open, so
     * that clients survive additions.)
     */
    static JsonNode strict(JsonNode document) {
        JsonNode copy = document.deepCopy();
        close(copy);
        return copy;
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("properties") && "object".equals(object.path("type").asText())
                && !object.has("additionalProperties") && !object.has("unevaluatedProperties")) {
            object.put("unevaluatedProperties", false);
        }
        node.forEach(JsonSchemas::close);
    }
}
