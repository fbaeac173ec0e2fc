package io.portcullis.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.twofactor.TwoFactorCookies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET {basePath}/openapi.json}: the OpenAPI 3.1 description of the API, a hand-maintained
 * resource read once at start-up. Its paths are relative to its one server, whose url is set here to
 * the configured basePath (a relative url: it resolves against wherever the document was fetched);
 * the cookie names of its security schemes are set to the configured ones.
 */
final class OpenApiDocument {
    static final String RESOURCE = "/openapi/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] body;

    OpenApiDocument(PortcullisConfig config) {
        ObjectNode document = read();
        ((ObjectNode) document.withArray("/servers").get(0)).put("url", config.basePath());
        ObjectNode schemes = document.withObject("/components/securitySchemes");
        schemes.withObject("/sessionCookie").put("name", config.cookie().sessionCookieName());
        schemes.withObject("/twoFactorCookie").put("name", new TwoFactorCookies(config.cookie()).challengeName());
        try {
            this.body = JSON.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void serve(Context ctx) {
        ctx.contentType("application/json").result(body);
    }

    /** A missing or broken resource is a broken build: the server refuses to start rather than serve no description. */
    private static ObjectNode read() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            JsonNode node = JSON.readTree(in);
            if (!(node instanceof ObjectNode document) || !document.path("servers").isArray() || document.path("servers").isEmpty()) {
                throw new IllegalStateException(RESOURCE + " is not an OpenAPI document with a server entry");
            }
            return document;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }
}
