package io.portcullis.examples.servletapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes JSON answers. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static void write(HttpServletResponse response, Object value) throws IOException {
        response.setContentType("application/json;charset=utf-8");
        response.getOutputStream().write(MAPPER.writeValueAsBytes(value));
    }
}
