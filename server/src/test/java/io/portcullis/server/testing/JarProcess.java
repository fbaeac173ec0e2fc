package io.portcullis.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The packaged server as its own operating-system process ({@code java -jar portcullis.jar}), configured
 * with {@code -Dportcullis.*} properties only, on a free port; its log goes to a file that a failing
 * test can show. For what only separate processes can show: several instances, {@code kill -9}.
 */
public final class JarProcess implements AutoCloseable {
    private static final Path JAR = Path.of(System.getProperty("portcullis.jar", "target/portcullis.jar"));
    /** How each entry of the server's log begins (its timestamp); stack-trace lines do not. */
    private static final Pattern LOG_ENTRY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T");

    private final Process process;
    private final int port;
    private final Path log;

    private JarProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar with these settings (plus {@code server.port}) and returns once it says it is ready. */
    public static JarProcess start(String name, Path workDir, Map<String, String> settings) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("java", "-Dportcullis.server.port=" + port, "-Dportcullis.server.host=127.0.0.1"));
        settings.forEach((key, value) -> command.add("-Dportcullis." + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        Path log = workDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PORTCULLIS_"));
        try {
            Process process = pb.start();
            JarProcess started = new JarProcess(process, port, log);
            started.awaitReady();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT} */
    public String rootUri() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the process's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The log's WARN and ERROR entries with their stack traces, from the start (at most 120 lines), for
     * failure messages: a problem early in a long run is gone from {@link #logTail()} by the time a test
     * looks, and Jetty reports a failed request as a warning.
     */
    public String logProblems() {
        try {
            List<String> problems = new ArrayList<>();
            boolean inProblem = false;
            for (String line : Files.readAllLines(log)) {
                boolean entry = LOG_ENTRY.matcher(line).lookingAt();
                if (entry) inProblem = line.contains(" ERROR ") || line.contains(" WARN ");
                if (inProblem && problems.size() < 120) problems.add(line);
            }
            return problems.isEmpty() ? "(no WARN or ERROR in the log)" : String.join("\n", problems);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady() {
        try {
            awaitReady(process);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not get ready (" + e.getMessage() + "):\n" + logTail(), e);
        }
    }

    /**
     * Waits up to 60 s for a started server's "Portcullis is ready" line on standard output, then keeps
     * draining that output so the process never blocks on it.
     *
     * @return the ready line
     * @throws IllegalStateException with the output seen, when the process ends or times out first
     */
    public static String awaitReady(Process server) {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (line.startsWith("Portcullis is ready")) {
                        Thread drain = new Thread(() -> { try { out.transferTo(java.io.Writer.nullWriter()); } catch (IOException ignored) { } });
                        drain.setDaemon(true);
                        drain.start();
                        return line;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("server exited before it was ready");
        });
        try {
            return ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("not ready: " + e.getMessage() + "\n" + seen, e);
        }
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
