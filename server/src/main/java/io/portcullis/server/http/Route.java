package io.portcullis.server.http;

/** One HTTP route as registered with Javalin: method ({@code GET}, {@code POST} …), path pattern and access. */
public record Route(String method, String path, Access access) {}
