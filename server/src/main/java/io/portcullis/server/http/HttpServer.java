package io.portcullis.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.portcullis.ErrorCode;
import io.portcullis.Portcullis;
import io.portcullis.PortcullisException;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.net.TrustedProxies;
import io.portcullis.origin.TrustedOrigins;
import io.portcullis.server.metrics.ServerMetrics;
import io.portcullis.twofactor.TwoFactorCookies;
import io.javalin.security.RouteRole;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The HTTP face of Portcullis: routes under {@code basePath}, one access check, one error mapper,
 * and the headers every response carries.
 */
public final class HttpServer implements AutoCloseable {
    private final Javalin app;
    private final PortcullisConfig config;
    private final ServerMetrics metrics;
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    public HttpServer(Portcullis portcullis) {
        this.config = portcullis.config();
        this.metrics = ServerMetrics.of(portcullis);
        CurrentSession current = new CurrentSession(portcullis.validator(), portcullis.cookies());
        TrustedOrigins origins = TrustedOrigins.of(config, List.of());
        TwoFactorCookies twoFactorCookies = new TwoFactorCookies(portcullis.config().cookie());
        EmailPasswordRoutes emailPassword = new EmailPasswordRoutes(portcullis.emailPassword(), current, origins, twoFactorCookies);
        TwoFactorRoutes twoFactor = new TwoFactorRoutes(portcullis.twoFactor(), twoFactorCookies, current);
        AccountRoutes account = new AccountRoutes(portcullis.accounts(), current);
        AdminRoutes admin = new AdminRoutes(portcullis.admin(), current);
        VerificationRoutes verification = new VerificationRoutes(portcullis.emailVerification(), current, origins);
        PasswordResetRoutes passwordReset = new PasswordResetRoutes(portcullis.passwordReset(), origins);
        String base = config.basePath();
        ClientAddresses clients = new ClientAddresses(new TrustedProxies(config.trustedProxies()));
        RateLimiting rateLimiting = new RateLimiting(portcullis.rateLimiter(), base, metrics::rateLimited);
        CsrfProtection csrf = new CsrfProtection(origins, config.csrf(), current);
        SessionRoutes sessions = new SessionRoutes(current, portcullis.sessions(), csrf);
        WebPages pages = new WebPages(config);
        Cors cors = new Cors(config.cors().allowedOrigins());
        HealthRoutes health = new HealthRoutes(portcullis.database());
        OpenApiDocument openApi = new OpenApiDocument(config);

        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.http.maxRequestSize = RequestBody.MAX_BYTES;
            c.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
            // Called once the answer is complete, whatever handled it (route, error mapper, static files).
            c.requestLogger.http((ctx, ms) -> metrics.recordRequest(ctx.method().name(), MetricsRoute.of(ctx), ctx.statusCode(),
                    Duration.ofNanos((long) (ms * 1_000_000))));
            // The route table as Javalin registered it (filters and error handlers left out), for routes().
            c.events(events -> events.handlerAdded(meta -> {
                if (meta.getHttpMethod().isHttpMethod()) routes.add(new Route(meta.getHttpMethod().name(), meta.getPath(), access(meta.getRoles())));
            }));
            c.jetty.modifyServer(server -> server.setErrorHandler(new JettyJsonErrors()));
            // No per-connection header cache: it keeps Cookie and Authorization values, and a connection that
            // carries many users' cookies (a proxy, an application's client) refills and clears it all the
            // time, so its entries outlive young collections and fill the old generation (see performance.md).
            c.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            c.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JettyJsonErrors()));
            // In place of Javalin's default connector: the same, opened to clients once one request has been served.
            c.jetty.addConnector((server, http) -> new WarmedUpConnector(server, http, config.server().host(), config.server().port()));
            // The web UI's scripts and styles; its pages are routes below.
            c.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/web/assets";
                files.location = Location.CLASSPATH;
            });
            c.router.mount(r -> {
                r.before(ctx -> {
                    SecurityHeaders.NAMES_AND_VALUES.forEach(ctx::header);
                    if (ctx.path().startsWith(base)) {
                        ctx.header("Cache-Control", "no-store");
                        if (cors.enabled()) cors.decorate(ctx);
                    } else {
                        ctx.header("Content-Security-Policy", WebPages.CONTENT_SECURITY_POLICY);
                    }
                    clients.resolve(ctx);
                });
                // The one access check: a route declared SESSION never runs without a valid session, and no
                // mutation runs unless it passes the CSRF checks.
                r.beforeMatched(ctx -> {
                    rateLimiting.check(ctx); // first: whatever follows, a refused caller costs one statement
                    csrf.checkOrigin(ctx);
                    Access access = access(ctx);
                    if (access == Access.SESSION) current.require(ctx);
                    csrf.checkToken(ctx, access);
                });
                // Javalin tries the routes of a method in the order they were added, one regular expression each:
                // the two that guard every request of the applications behind Portcullis come first.
                r.get(base + "/get-session", sessions::getSession, Access.PUBLIC);
                r.get(base + "/verify", sessions::verify, Access.PUBLIC);
                r.get(base + "/ok", ctx -> ctx.json(Map.of("ok", true)), Access.PUBLIC);
                r.get(base + "/openapi.json", openApi::serve, Access.PUBLIC);
                r.get("/", ctx -> ctx.redirect("/account"), Access.PUBLIC);
                r.get(HealthRoutes.LIVE, health::live, Access.PUBLIC);
                r.get(HealthRoutes.READY, health::ready, Access.PUBLIC);
                if (config.observability().metricsEnabled()) {
                    MetricsAccess metricsAccess = new MetricsAccess(config.observability().metricsToken());
                    r.get("/metrics", ctx -> {
                        ctx.header("Cache-Control", "no-store");
                        metricsAccess.check(ctx);
                        ctx.contentType(ServerMetrics.CONTENT_TYPE).result(metrics.scrape());
                    }, Access.PUBLIC);
                }
                if (cors.enabled()) r.options(base + "/*", cors::preflight, Access.PUBLIC);
                for (String page : pages.paths()) r.get(page, pages::serve, Access.PUBLIC);
                r.post(base + "/sign-up/email", emailPassword::signUp, Access.PUBLIC);
                r.post(base + "/sign-in/email", emailPassword::signIn, Access.PUBLIC);
                r.post(base + "/sign-out", emailPassword::signOut, Access.OPTIONAL_SESSION);
                r.get(base + "/csrf", sessions::csrf, Access.PUBLIC);
                r.post(base + "/send-verification-email", verification::send, Access.OPTIONAL_SESSION);
                r.get(base + "/verify-email", verification::verify, Access.PUBLIC);
                r.post(base + "/request-password-reset", passwordReset::request, Access.PUBLIC);
                r.get(base + "/reset-password/{token}", passwordReset::link, Access.PUBLIC);
                r.post(base + "/reset-password", passwordReset::reset, Access.PUBLIC);
                r.get(base + "/list-sessions", sessions::listSessions, Access.SESSION);
                r.post(base + "/revoke-session", sessions::revokeSession, Access.SESSION);
                r.post(base + "/revoke-sessions", sessions::revokeSessions, Access.SESSION);
                r.post(base + "/revoke-other-sessions", sessions::revokeOtherSessions, Access.SESSION);
                r.post(base + "/update-user", account::updateUser, Access.SESSION);
                r.post(base + "/change-password", account::changePassword, Access.SESSION);
                r.post(base + "/delete-user", account::deleteUser, Access.SESSION);
                r.get(base + "/list-security-events", account::listSecurityEvents, Access.SESSION);
                r.post(base + "/two-factor/enable", twoFactor::enable, Access.SESSION);
                r.post(base + "/two-factor/get-totp-uri", twoFactor::getTotpUri, Access.SESSION);
                r.post(base + "/two-factor/verify-totp", twoFactor::verifyTotp, Access.OPTIONAL_SESSION);
                r.post(base + "/two-factor/verify-backup-code", twoFactor::verifyBackupCode, Access.OPTIONAL_SESSION);
                r.post(base + "/two-factor/generate-backup-codes", twoFactor::generateBackupCodes, Access.SESSION);
                r.post(base + "/two-factor/disable", twoFactor::disable, Access.SESSION);

                // Admin routes need a session (401); AdminService refuses non-admins (403).
                r.get(base + "/admin/list-users", admin::listUsers, Access.SESSION);
                r.get(base + "/admin/get-user", admin::getUser, Access.SESSION);
                r.post(base + "/admin/list-user-sessions", admin::listUserSessions, Access.SESSION);
                r.post(base + "/admin/revoke-user-session", admin::revokeUserSession, Access.SESSION);
                r.post(base + "/admin/revoke-user-sessions", admin::revokeUserSessions, Access.SESSION);
                r.post(base + "/admin/ban-user", admin::banUser, Access.SESSION);
                r.post(base + "/admin/unban-user", admin::unbanUser, Access.SESSION);
                r.post(base + "/admin/set-role", admin::setRole, Access.SESSION);
                r.post(base + "/admin/set-user-password", admin::setUserPassword, Access.SESSION);
                r.post(base + "/admin/unlock-user", admin::unlockUser, Access.SESSION);
                r.post(base + "/admin/remove-user", admin::removeUser, Access.SESSION);
                r.get(base + "/admin/audit-events", admin::auditEvents, Access.SESSION);

                r.exception(PortcullisException.class, ErrorResponses::handle);
                r.exception(HttpResponseException.class, ErrorResponses::handle);
                r.exception(Exception.class, ErrorResponses::handleUnexpected);
                r.error(404, ctx -> {
                    if (ctx.result() == null || ctx.result().isEmpty()) {
                        ErrorResponses.write(ctx, ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.defaultMessage());
                    }
                });
            });
        });
    }

    /**
     * Loads and initialises the classes of the HTTP layer (Javalin, Jetty, Jackson, the metrics
     * registry) by building throw-away instances, none started. Run on a second thread while the engine
     * opens and migrates the database, it moves that work off the start-up's critical path.
     */
    public static void loadClasses() {
        Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
        });
        new JavalinJackson(new ObjectMapper(), false).toJsonString(Map.of("ok", true), Map.class);
        ServerMetrics.loadClasses();
    }

    /** The access level a route was declared with (every route declares exactly one). */
    private static Access access(io.javalin.http.Context ctx) {
        return access(ctx.routeRoles());
    }

    private static Access access(Set<RouteRole> roles) {
        return roles.stream().filter(Access.class::isInstance).map(Access.class::cast).findFirst().orElse(Access.PUBLIC);
    }

    /**
     * Every HTTP route, as Javalin registered it, the web UI's pages included: what the OpenAPI
     * document ({@code {basePath}/openapi.json}) is checked against.
     */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** @throws IllegalStateException naming the address and what the system said about it */
    public HttpServer start() {
        try {
            app.start(); // host and port are the connector's
        } catch (RuntimeException e) {
            // Javalin says "Port already in use" for every failure to listen, a host that does not resolve included.
            close();
            throw new IllegalStateException("cannot listen on " + config.server().host() + ":" + config.server().port() + ": " + reason(e), e);
        }
        return this;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) return "the host name does not resolve (server.host)";
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return app.port();
    }

    /** The Javalin application underneath, for tests of how it is set up. */
    Javalin javalin() {
        return app;
    }

    /** The meters this server keeps (served at {@code /metrics} when {@code metrics.enabled}). */
    public ServerMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        app.stop();
        metrics.close();
    }
}
