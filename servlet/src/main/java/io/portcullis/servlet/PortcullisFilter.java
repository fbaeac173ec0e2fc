package io.portcullis.servlet;

import io.portcullis.ErrorCode;
import io.portcullis.Portcullis;
import io.portcullis.PortcullisException;
import io.portcullis.origin.OriginCheck;
import io.portcullis.origin.TrustedOrigins;
import io.portcullis.session.AuthenticatedSession;
import io.portcullis.session.CsrfToken;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Protects a web application's routes with Portcullis sessions, read from the same database and
 * checked by the same code as the Portcullis server. A request reaches the application only with a
 * valid session cookie; a mutation only from a trusted origin and with the session's CSRF token.
 * Otherwise: 401 JSON (or a redirect to the sign-in page for a browser's page load), 403 for the
 * CSRF checks, 503 when the database cannot answer. Behind it, {@code getUserPrincipal()} is a
 * {@link PortcullisPrincipal} and the request attribute {@link #SESSION} holds the
 * {@link AuthenticatedSession}. See docs/servlet.md.
 *
 * <p>Built with {@link #builder(Portcullis)}, or declared in {@code web.xml} with init-params (see
 * {@link InitParams}); then the filter starts and stops its own {@link Portcullis}.
 */
public final class PortcullisFilter implements Filter {
    /** Request attribute: the {@link AuthenticatedSession} (session and user) of the request. */
    public static final String SESSION = PortcullisFilter.class.getName() + ".SESSION";
    /** Request attribute: the session's CSRF token, for pages that put it in their scripts (it is also in the {@code XSRF-TOKEN} cookie). */
    public static final String CSRF_TOKEN = PortcullisFilter.class.getName() + ".CSRF_TOKEN";
    /** What {@code getAuthType()} answers behind the filter. */
    public static final String AUTH_TYPE = "PORTCULLIS";

    private Portcullis owned;
    private RequestSession sessions;
    private OriginCheck originCheck;
    private boolean requireCsrfToken;
    private PublicPaths publicPaths;
    private Refusals refusals;

    /** For {@code web.xml} and other declarations by class name: configured in {@link #init} from init-params. */
    public PortcullisFilter() {}

    private PortcullisFilter(Builder b) {
        configure(b);
    }

    public static Builder builder(Portcullis portcullis) {
        return new Builder(portcullis);
    }

    private void configure(Builder b) {
        this.sessions = new RequestSession(b.portcullis.validator(), b.portcullis.cookies());
        this.originCheck = new OriginCheck(TrustedOrigins.of(b.portcullis.config(), b.trustedOrigins));
        this.requireCsrfToken = b.requireCsrfToken != null ? b.requireCsrfToken : b.portcullis.config().csrf().requireToken();
        this.publicPaths = new PublicPaths(b.publicPaths);
        this.refusals = new Refusals(b.signInUrl);
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (sessions != null) return; // built programmatically: already configured
        InitParams params = new InitParams(filterConfig::getInitParameter);
        try {
            owned = params.startPortcullis();
            configure(params.apply(builder(owned)));
        } catch (RuntimeException e) {
            if (owned != null) owned.close();
            owned = null;
            // The container takes the filter (and so the application) out of service: nothing passes unprotected.
            throw new ServletException("Portcullis filter " + filterConfig.getFilterName() + " cannot start: " + e.getMessage(), e);
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (publicPaths.matches(pathOf(request))) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest admitted;
        try {
            admitted = admit(request, response);
        } catch (PortcullisException e) {
            refusals.refuse(request, response, e);
            return;
        } catch (RuntimeException e) {
            refusals.fail(request, response, e);
            return;
        }
        // Outside the try: the application's own exceptions are the container's to handle, not ours.
        chain.doFilter(admitted, response);
    }

    /**
     * The server's order: where the request comes from, then who sends it, then the CSRF token.
     *
     * @return the request as the application is to see it
     * @throws PortcullisException {@code INVALID_ORIGIN}, {@code MISSING_OR_NULL_ORIGIN}, {@code UNAUTHORIZED},
     *     {@code INVALID_CSRF_TOKEN} or {@code SERVICE_UNAVAILABLE}
     */
    private HttpServletRequest admit(HttpServletRequest request, HttpServletResponse response) {
        originCheck.check(request.getMethod(), request::getHeader);
        String token = sessions.token(request);
        Optional<AuthenticatedSession> session = sessions.resolve(token, response);
        if (session.isEmpty()) throw new PortcullisException(ErrorCode.UNAUTHORIZED);
        if (requireCsrfToken && OriginCheck.isMutation(request.getMethod())
                && !CsrfToken.matches(token, CsrfToken.presented(request::getHeader))) {
            throw new PortcullisException(ErrorCode.INVALID_CSRF_TOKEN);
        }
        request.setAttribute(SESSION, session.get());
        request.setAttribute(CSRF_TOKEN, CsrfToken.of(token));
        return new AuthenticatedRequest(request, new PortcullisPrincipal(session.get()));
    }

    /** The path within the application, decoded and normalized by the container (no context path, no ;parameters). */
    private static String pathOf(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }

    /** Closes the {@link Portcullis} the filter started itself (init-params); one given to the builder stays open. */
    @Override
    public void destroy() {
        if (owned != null) owned.close();
        owned = null;
    }

    /** The filter's options; every one has a default, so {@code builder(portcullis).build()} is a complete filter. */
    public static final class Builder {
        private final Portcullis portcullis;
        private String signInUrl;
        private final List<String> publicPaths = new ArrayList<>();
        private final List<String> trustedOrigins = new ArrayList<>();
        private Boolean requireCsrfToken;

        private Builder(Portcullis portcullis) {
            if (portcullis == null) throw new IllegalArgumentException("portcullis is required");
            this.portcullis = portcullis;
        }

        /**
         * Where a browser loading a page (GET accepting text/html) without a valid session is sent
         * (302), instead of 401: an absolute URL or a path on this host. Sent as given.
         */
        public Builder signInUrl(String url) {
            if (url == null || url.isBlank() || url.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                    || !(url.startsWith("/") || url.startsWith("https://") || url.startsWith("http://"))) {
                throw new IllegalArgumentException("signInUrl must be an http(s) URL or a path starting with /");
            }
            this.signInUrl = url;
            return this;
        }

        /** Paths let through untouched, without session (and so without principal): {@code /health}, {@code /assets/*}. */
        public Builder publicPaths(String... paths) {
            List<String> all = new ArrayList<>(publicPaths);
            all.addAll(List.of(paths));
            new PublicPaths(all); // validates
            publicPaths.clear();
            publicPaths.addAll(all);
            return this;
        }

        /**
         * Origins trusted for mutations besides the configuration's ({@code baseUrl}, {@code trustedOrigins},
         * {@code cors.allowedOrigins}): usually the application's own, e.g. {@code https://app.example.com}.
         */
        public Builder trustedOrigins(String... origins) {
            for (String origin : origins) {
                if (!TrustedOrigins.isWellFormed(origin)) {
                    throw new IllegalArgumentException("a trusted origin is https://host[:port] or https://*.domain, not " + origin);
                }
                trustedOrigins.add(origin);
            }
            return this;
        }

        /** Whether mutations must carry the session's CSRF token; defaults to the configuration's {@code csrf.requireToken}. */
        public Builder requireCsrfToken(boolean required) {
            this.requireCsrfToken = required;
            return this;
        }

        public PortcullisFilter build() {
            return new PortcullisFilter(this);
        }
    }
}
