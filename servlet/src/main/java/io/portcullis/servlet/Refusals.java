package io.portcullis.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.ErrorCode;
import io.portcullis.ErrorStatus;
import io.portcullis.PortcullisException;
import io.portcullis.db.DatabaseFailures;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the filter says no: the server's JSON error ({@code {"code","message"}} with the status of
 * {@link ErrorStatus}), or, for a page a browser asked for without a session, a redirect to the
 * sign-in page when one is configured.
 */
final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(PortcullisFilter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern PATH_PARAMETERS = Pattern.compile(";[^/?#]*");

    private final String signInUrl;

    Refusals(String signInUrl) {
        this.signInUrl = signInUrl;
    }

    void refuse(HttpServletRequest request, HttpServletResponse response, PortcullisException e) throws IOException {
        ErrorCode code = e.code();
        if (code == ErrorCode.UNAUTHORIZED && redirects(request)) {
            response.setStatus(302);
            response.setHeader("Location", signInLocation(request));
            response.setHeader("Cache-Control", "no-store");
            return;
        }
        if (code == ErrorCode.SERVICE_UNAVAILABLE) {
            // The cause says which database failure it was; it carries no secret (bound values are not rendered).
            LOG.warn("database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), DatabaseFailures.rootMessage(e));
        }
        if (code == ErrorCode.INTERNAL_SERVER_ERROR) {
            // A failed statement: its SQLState is for the log, never for the client.
            LOG.error("failure in {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
            write(response, code, code.defaultMessage());
            return;
        }
        write(response, code, e.getMessage());
    }

    /** A bug, not a refusal: logged with its stack trace, a bare 500 to the client, and nothing let through. */
    void fail(HttpServletRequest request, HttpServletResponse response, RuntimeException e) throws IOException {
        LOG.error("unexpected failure in {} {}", request.getMethod(), request.getRequestURI(), e);
        write(response, ErrorCode.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_SERVER_ERROR.defaultMessage());
    }

    /**
     * The sign-in page, told in {@code next} which page to come back to: the request's own URL, as the
     * container sees it (behind a proxy, the container must honour its forwarded headers). The sign-in
     * page goes back only to a trusted origin, so a forged Host header leads nowhere else.
     */
    private String signInLocation(HttpServletRequest request) {
        String query = request.getQueryString();
        // Path parameters (;jsessionid=…) are the container's, not the page's: they stay out of the link.
        String page = PATH_PARAMETERS.matcher(request.getRequestURL()).replaceAll("");
        String here = page + (query == null ? "" : "?" + query);
        return signInUrl + (signInUrl.contains("?") ? "&" : "?") + "next=" + URLEncoder.encode(here, StandardCharsets.UTF_8);
    }

    /** Only a browser's page load goes to the sign-in page; scripts and mutations get the 401 they can act on. */
    private boolean redirects(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return signInUrl != null && "GET".equals(request.getMethod()) && accept != null && accept.contains("text/html");
    }

    private static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code.name());
        body.put("message", message);
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(ErrorStatus.of(code));
        if (code == ErrorCode.SERVICE_UNAVAILABLE) response.setHeader("Retry-After", "1");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
