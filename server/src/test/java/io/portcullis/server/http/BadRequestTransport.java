package io.portcullis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a {@link BadRequestTest.Case} the way it says it travels (a fixed-length body, a chunked one,
 * or bytes on a socket for what java.net.http refuses to send) and reads back what the test checks.
 */
final class BadRequestTransport {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final int port;

    BadRequestTransport(int port) {
        this.port = port;
    }

    record Answer(int status, String contentType, String cacheControl, String contentTypeOptions, String body) {}

    Answer send(BadRequestTest.Case c) throws Exception {
        return c.transport() == BadRequestTest.Transport.RAW ? sendRaw(c) : sendHttp(c);
    }

    private Answer sendHttp(BadRequestTest.Case c) throws Exception {
        HttpRequest.BodyPublisher publisher;
        if (c.body() == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (c.transport() == BadRequestTest.Transport.CHUNKED) {
            byte[] bytes = c.body();
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(c.body());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.path()))
                .timeout(Duration.ofSeconds(30))
                .method(c.method(), publisher);
        if (c.contentType() != null) b.header("Content-Type", c.contentType());
        c.headers().forEach(b::header);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                r.headers().firstValue("Cache-Control").orElse(null), r.headers().firstValue("X-Content-Type-Options").orElse(null), r.body());
    }

    /** For what java.net.http refuses to send (a malformed request target): bytes on a socket. */
    private Answer sendRaw(BadRequestTest.Case c) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder()
                    .append(c.method()).append(' ').append(c.path()).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Connection: close\r\n");
            if (c.contentType() != null) head.append("Content-Type: ").append(c.contentType()).append("\r\n");
            c.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            byte[] body = c.body() == null ? new byte[0] : c.body();
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        assertThat(split).as("a complete HTTP response: %s", text).isPositive();
        String[] lines = text.substring(0, split).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(raw, split + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = dechunk(body);
        return new Answer(status, headers.get("content-type"), headers.get("cache-control"), headers.get("x-content-type-options"),
                new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(chunked);
        try {
            while (true) {
                StringBuilder size = new StringBuilder();
                for (int ch = in.read(); ch != '\n' && ch != -1; ch = in.read()) if (ch != '\r') size.append((char) ch);
                int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
                if (length == 0) return out.toByteArray();
                out.write(in.readNBytes(length));
                in.skip(2);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
