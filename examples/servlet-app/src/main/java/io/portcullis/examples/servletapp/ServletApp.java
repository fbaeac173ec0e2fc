package io.portcullis.examples.servletapp;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The example application on embedded Jetty: its servlets behind the Portcullis filter, mapped to
 * every path. {@code /health} is meant to be a public path of the filter; the rest needs a session.
 */
public final class ServletApp implements AutoCloseable {
    private final Server server;

    private ServletApp(Server server) {
        this.server = server;
    }

    /**
     * @param port 0 for any free port
     * @param portcullis the filter, as an instance ({@code new FilterHolder(filter)}) or by class with init-params
     */
    public static ServletApp start(String host, int port, FilterHolder portcullis) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(portcullis, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HelloServlet()), "/hello");
        context.addServlet(new ServletHolder(new MeServlet()), "/api/me");
        context.addServlet(new ServletHolder(new NotesServlet()), "/api/notes");
        context.addServlet(new ServletHolder(new HealthServlet()), "/health");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new ServletApp(server);
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop: " + e.getMessage(), e);
        }
    }
}
