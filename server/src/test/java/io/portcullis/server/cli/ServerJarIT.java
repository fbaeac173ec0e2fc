package io.portcullis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.JarProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as the README says (its start command, JVM flags and class-data archive
 * included): with no configuration it starts on an H2 file database
 * in ./data, and the README's curl walk-through, run verbatim (only the port changed), gives the
 * documented results. Invalid configuration makes the real process exit with code 2.
 */
class ServerJarIT {
    private static final Path JAR = Path.of(System.getProperty("portcullis.jar", "target/portcullis.jar"));
    private static final Path README = Path.of(System.getProperty("portcullis.readme", "../README.md"));

    @TempDir
    Path workDir;

    @Test
    void theJarStartsOnItsEmbeddedDefaultAndTheReadmeWalkthroughWorksAsPrinted() throws Exception {
        int port = JarProcess.freePort();
        List<String> start = new ArrayList<>(readmeStartCommand());
        // The archive must fit the jar: with -Xshare:on a JVM that cannot map it refuses to start instead of going on without it.
        start.add(1, "-Xshare:on");
        ProcessBuilder pb = new ProcessBuilder(start).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("PORTCULLIS_SERVER_PORT", String.valueOf(port));
        pb.environment().keySet().removeIf(k -> k.startsWith("PORTCULLIS_") && !k.equals("PORTCULLIS_SERVER_PORT"));
        Process server = pb.start();
        try {
            assertThat(JarProcess.awaitReady(server)).contains("Portcullis is ready");
            assertThat(workDir.resolve("data/portcullis.mv.db")).exists();

            List<String> commands = walkthroughCommands();
            assertThat(commands).as("curl commands in the README walk-through").hasSizeGreaterThanOrEqualTo(5);
            List<String> outputs = new ArrayList<>();
            for (String command : commands) {
                String adapted = command.replace("localhost:8080", "localhost:" + port);
                Process curl = new ProcessBuilder("bash", "-c", adapted).directory(workDir.toFile()).redirectErrorStream(true).start();
                String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(curl.exitValue()).as("exit code of: %s%n%s", command, out).isZero();
                outputs.add(out);
            }
            assertThat(outputs.get(0)).as("sign-up").contains("\"user\"").doesNotContain("\"code\"");
            assertThat(outputs).as("a get-session answer with the session").anyMatch(o -> o.contains("\"session\"") && o.contains("\"current\":true"));
            assertThat(outputs).as("sign-out").anyMatch(o -> o.contains("\"success\":true"));
            assertThat(outputs.get(outputs.size() - 1)).as("get-session after sign-out").isEqualTo("null");

            // The web UI comes in the jar: its sign-in page and the script it loads.
            for (String path : List.of("/sign-in", "/assets/sign-in.js", "/assets/app.css")) {
                Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://localhost:" + port + path).start();
                assertThat(new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).as(path).isEqualTo("200");
                assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void logFormatJsonWritesOneJsonObjectPerLogLine() throws Exception {
        int port = JarProcess.freePort();
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString()).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PORTCULLIS_"));
        pb.environment().put("PORTCULLIS_SERVER_PORT", String.valueOf(port));
        pb.environment().put("PORTCULLIS_LOG_FORMAT", "json");
        Path stderr = workDir.resolve("stderr.log");
        pb.redirectError(stderr.toFile());
        Process server = pb.start();
        try {
            assertThat(JarProcess.awaitReady(server)).contains("Portcullis is ready");
            // A sign-up writes an audit line (and, with the log mail transport, the verification mail).
            Process curl = new ProcessBuilder("curl", "-s", "-H", "Content-Type: application/json", "-d",
                    "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}",
                    "http://localhost:" + port + "/api/auth/sign-up/email").start();
            assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        List<String> lines = Files.readAllLines(stderr).stream().filter(l -> !l.isBlank()).toList();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(lines).as("log lines").isNotEmpty();
        List<com.fasterxml.jackson.databind.JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            com.fasterxml.jackson.databind.JsonNode event = json.readTree(line);
            assertThat(event.isObject()).as("a JSON object: %s", line).isTrue();
            assertThat(event.path("level").asText()).as("level of %s", line).isNotEmpty();
            events.add(event);
        }
        assertThat(events).as("the sign-up's audit event").anyMatch(e -> e.path("loggerName").asText().equals("portcullis.audit")
                && e.path("formattedMessage").asText().contains("\"type\":\"sign_up\""));
    }

    @Test
    void theJarExitsWith2OnInvalidConfiguration() throws Exception {
        Path yaml = workDir.resolve("bad.yaml");
        Files.writeString(yaml, "session:\n  updateAge: 1h\nunknownKey: 1\n");
        Process p = new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString(), "--config", yaml.toString())
                .directory(workDir.toFile()).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err.lines().toList()).containsExactlyInAnyOrder(
                "session.updateAge=1h must be at most session.idleTimeout/2 (15m)",
                "unknownKey is not a configuration key (in " + yaml + ")");
    }

    /** The README's start command (after {@code mvn ... &&}), with its paths under {@code server/target/} made absolute. */
    private static List<String> readmeStartCommand() throws IOException {
        String prefix = "mvn -B -q package -DskipTests && ";
        String line = Files.readAllLines(README).stream().filter(l -> l.startsWith(prefix + "java ")).findFirst()
                .orElseThrow(() -> new AssertionError("no start command in the README"));
        String target = JAR.toAbsolutePath().getParent() + "/";
        List<String> command = new ArrayList<>();
        for (String word : line.substring(prefix.length()).split(" +")) command.add(word.replace("server/target/", target));
        assertThat(command).as("the README's start command").startsWith("java").endsWith("-jar", target + "portcullis.jar");
        return command;
    }

    /** The lines starting with {@code curl } in the README section whose heading mentions the walk-through. */
    private static List<String> walkthroughCommands() throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(README)) {
            if (line.startsWith("## ")) inSection = line.toLowerCase().contains("walk-through");
            else if (inSection && line.startsWith("curl ")) commands.add(line);
        }
        return commands;
    }
}
