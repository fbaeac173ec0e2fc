package io.portcullis.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a mutation's body under the API's rules: at most 64 KiB (413), JSON (or, where allowed, an
 * HTML form) else 415, well-formed else 400, an object else 400; no body at all reads as {@code {}}.
 */
final class RequestBody {
    static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // "{...} garbage" is malformed JSON, not an object followed by ignorable noise.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RequestBody() {}

    static Fields json(Context ctx) {
        return read(ctx, false);
    }

    static Fields jsonOrForm(Context ctx) {
        return read(ctx, true);
    }

    private static Fields read(Context ctx, boolean formAllowed) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BYTES) throw tooLarge();
        byte[] body = readLimited(ctx);
        if (body.length == 0) return new Fields(JsonNodeFactory.instance.objectNode(), false);

        String contentType = ctx.contentType();
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType.equals("application/json")) return new Fields(parseJson(body), false);
        if (formAllowed && mediaType.equals("application/x-www-form-urlencoded")) return new Fields(parseForm(body), true);
        String allowed = formAllowed ? "application/json, application/x-www-form-urlencoded" : "application/json";
        String message = contentType == null
                ? "Content-Type is required. Allowed types: " + allowed
                : "Content-Type \"" + mediaType + "\" is not allowed. Allowed types: " + allowed;
        throw new PortcullisException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, message);
    }

    private static byte[] readLimited(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) throw tooLarge();
            return bytes;
        } catch (IOException e) {
            throw new PortcullisException(ErrorCode.BAD_REQUEST, "The request body could not be read");
        }
    }

    private static ObjectNode parseJson(byte[] body) {
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PortcullisException(ErrorCode.BAD_REQUEST, "Invalid JSON in request body");
        } catch (IOException e) {
            throw new PortcullisException(ErrorCode.BAD_REQUEST, "Invalid JSON in request body");
        }
        if (node == null || node.isMissingNode()) return JsonNodeFactory.instance.objectNode();
        if (!node.isObject()) throw new PortcullisException(ErrorCode.VALIDATION_ERROR, "[body] Expected object, received " + Fields.typeName(node));
        return (ObjectNode) node;
    }

    private static ObjectNode parseForm(byte[] body) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) continue;
            String[] kv = pair.split("=", 2);
            try {
                String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                if (node.has(key)) throw new PortcullisException(ErrorCode.VALIDATION_ERROR, "[body." + key + "] Must be given once");
                node.put(key, value);
            } catch (IllegalArgumentException e) {
                throw new PortcullisException(ErrorCode.BAD_REQUEST, "Invalid form encoding in request body");
            }
        }
        return node;
    }

    private static PortcullisException tooLarge() {
        return new PortcullisException(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is larger than " + MAX_BYTES / 1024 + " KiB");
    }
}
