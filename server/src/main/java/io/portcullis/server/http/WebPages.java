package io.portcullis.server.http;

import com.samskivert.mustache.Mustache;
import io.javalin.http.Context;
import io.portcullis.config.PortcullisConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The web UI's pages: plain HTML from the jar ({@code web/pages}), each filled once at start with the
 * application name and the API's base path, then served as is. Their scripts and styles are files of
 * this site ({@code /assets}); the Content-Security-Policy allows nothing else, inline code included.
 */
final class WebPages {
    /** Path of each page; the file is {@code web/pages/<name>.html}. */
    static final List<String> PAGES = List.of("sign-in", "sign-up", "forgot-password", "reset-password", "verified", "account", "admin");
    /** Where a reset link without its own {@code callbackURL} leads. */
    static final String RESET_PAGE = "/reset-password";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Map<String, String> html = new LinkedHashMap<>();

    WebPages(PortcullisConfig config) {
        Map<String, String> values = Map.of("appName", config.appName(), "basePath", config.basePath(), "siteOrigin", config.baseOrigin(),
                "passwordMinLength", Integer.toString(config.password().minLength()));
        for (String page : PAGES) {
            String template = read("/web/pages/" + page + ".html");
            if (template != null) html.put("/" + page, Mustache.compiler().compile(template).execute(values));
        }
    }

    /** The paths that have a page. */
    Iterable<String> paths() {
        return html.keySet();
    }

    void serve(Context ctx) {
        // Not stored: the reset page's address holds its token until the page's script removes it.
        ctx.header("Cache-Control", "no-store");
        // The declared path: Javalin routes "/account/" here too.
        ctx.contentType("text/html; charset=utf-8").result(html.get(ctx.endpointHandlerPath()));
    }

    private static String read(String resource) {
        try (InputStream in = WebPages.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
