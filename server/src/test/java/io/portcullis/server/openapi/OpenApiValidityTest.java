package io.portcullis.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The served document is a valid OpenAPI 3.1 document, by the official schema, and its references and schemas hold. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiValidityTest {
    private TestServer server;
    private JsonNode document;
    private JsonSchema openApi31;

    @BeforeAll
    void start() {
        server = TestServer.start(TestDatabase.Kind.H2);
        document = ServedDocument.fetch(server);
        openApi31 = JsonSchemas.openApi31();
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void theServedDocumentValidatesAgainstTheOpenApi31Schema() {
        assertThat(document.at("/openapi").asText()).matches("3\\.1\\.\\d+");
        assertThat(JsonSchemas.problems(openApi31, document)).isEmpty();
    }

    /** Without these, a schema that failed to load (or validated nothing) would pass every document. */
    @Test
    void brokenDocumentsAreReportedInvalid() {
        assertInvalid(d -> d.remove("info"));
        assertInvalid(d -> d.put("openapi", "3.0.3"));
        assertInvalid(d -> ((ObjectNode) d.at("/paths/~1ok/get")).put("operationName", "x"));
        assertInvalid(d -> ((ObjectNode) d.at("/paths/~1ok/get/responses/200")).remove("description"));
        assertInvalid(d -> ((ObjectNode) d.at("/paths/~1admin~1get-user/get/parameters/0")).put("in", "body"));
        assertInvalid(d -> ((ObjectNode) d.at("/components/securitySchemes/sessionCookie")).remove("in"));
        assertInvalid(d -> ((ObjectNode) d.get("paths")).putObject("no-leading-slash"));
    }

    private void assertInvalid(Consumer<ObjectNode> breakIt) {
        ObjectNode broken = document.deepCopy();
        breakIt.accept(broken);
        assertThat(JsonSchemas.problems(openApi31, broken)).as("a broken copy is refused").isNotEmpty();
    }

    /** AdminUser repeats User (strict answers forbid an allOf, whose parts would each refuse the other's fields): the two must not drift. */
    @Test
    void theAdminUserIsTheUserWithItsLockout() {
        JsonNode user = document.at("/components/schemas/User");
        ObjectNode admin = document.at("/components/schemas/AdminUser").deepCopy();
        ObjectNode properties = (ObjectNode) admin.get("properties");
        assertThat(properties.has("lockedUntil") && properties.has("failedAttempts")).isTrue();
        properties.remove(List.of("lockedUntil", "failedAttempts"));
        assertThat(admin.get("properties")).isEqualTo(user.get("properties"));
        assertThat(admin.get("required").toString()).isEqualTo(user.get("required").toString().replace("]", ",\"lockedUntil\",\"failedAttempts\"]"));
    }

    @Test
    void everyLocalReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).hasSizeGreaterThan(50);
        for (String ref : refs) {
            assertThat(ref).as("only local references").startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref + " resolves").isFalse();
        }
    }

    /** The OpenAPI schema leaves Schema Objects unchecked; the JSON Schema 2020-12 meta-schema does not. */
    @Test
    void everySchemaObjectIsAValidJsonSchema() {
        JsonSchema meta = JsonSchemas.metaSchema();
        List<JsonNode> schemas = new ArrayList<>();
        collectSchemas(document, schemas);
        document.at("/components/schemas").forEach(schemas::add);
        assertThat(schemas).hasSizeGreaterThan(100);
        for (JsonNode schema : schemas) assertThat(JsonSchemas.problems(meta, schema)).as(schema.toString()).isEmpty();

        ObjectNode typo = ((ObjectNode) document.at("/components/schemas/User")).deepCopy();
        typo.put("type", "objekt");
        assertThat(JsonSchemas.problems(meta, typo)).as("the meta-schema refuses a bad type").isNotEmpty();
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) refs.add(node.get("$ref").asText());
        node.forEach(child -> collectRefs(child, refs));
    }

    /** Every value of a {@code schema} field (parameters, media types, headers). */
    private static void collectSchemas(JsonNode node, List<JsonNode> schemas) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("schema")) schemas.add(field.getValue());
                else collectSchemas(field.getValue(), schemas);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> collectSchemas(child, schemas));
        }
    }
}
