package io.portcullis.config;

/** A configured secret. Its {@code toString} never shows the value, so it cannot leak through logs. */
public record Secret(String value) {
    @Override
    public String toString() {
        return "****";
    }
}
