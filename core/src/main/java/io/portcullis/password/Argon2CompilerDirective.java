package io.portcullis.password;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes HotSpot compile Bouncy Castle's Argon2 the same way in every JVM, with a compiler directive
 * (JEP 165) added once per process through the {@code DiagnosticCommand} MBean.
 *
 * <p>Why: Argon2's inner class {@code FillBlock} reaches the outer class's {@code roundFunction} through a
 * synthetic accessor. When C2 happens to compile that accessor on its own before the method that calls it,
 * it will not inline it there ("already compiled into a big method"), and every block then pays sixteen
 * calls of seventeen arguments: the hash runs 12 to 17% slower, for the life of the process. Which
 * compilation comes first depends on timing: it happened to one JVM in ten to one in five running hashes
 * in a loop, and to 10 of 16 server processes running sign-ins (see
 * docs/performance.md, "One hash, two speeds"). Forcing both inlines makes the fast form the only one.
 *
 * <p>Nothing else is affected: the directive matches only Bouncy Castle's Argon2 classes. On a JVM
 * without the MBean (not HotSpot, or a runtime without {@code java.management}) nothing is installed and
 * hashes work as before; one line is logged.
 */
final class Argon2CompilerDirective {
    private static final Logger LOG = LoggerFactory.getLogger(Argon2CompilerDirective.class);

    private static final String ARGON2 = "org/bouncycastle/crypto/generators/Argon2BytesGenerator";
    /** Applies to the compilations of Argon2's classes (the outer one and its nested ones), and only to them. */
    private static final String DIRECTIVE = "[{ match: \"" + ARGON2 + "*.*\", inline: [\"+" + ARGON2 + ".access*\", \"+" + ARGON2 + ".roundFunction\"] }]";

    /** The first hash waits at most this long for the directive: it must be in place before C2 compiles Argon2. */
    private static final long MAX_WAIT_MILLIS = 2_000;

    private static volatile CompletableFuture<Boolean> installation;
    private static volatile boolean settled;

    private Argon2CompilerDirective() {}

    /**
     * Starts adding the directive on a thread of its own, once per process: the platform MBean server it
     * needs takes about a tenth of a second to start, which a server's start-up need not wait for.
     */
    static synchronized void installInBackground() {
        if (installation != null) return;
        CompletableFuture<Boolean> pending = new CompletableFuture<>();
        installation = pending;
        Thread thread = new Thread(() -> pending.complete(install()), "portcullis-argon2-directive");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called before each hash; only the first ones of a process wait, and for the directive at most. */
    static void awaitInstalled() {
        CompletableFuture<Boolean> pending = installation;
        if (settled || pending == null) return;
        try {
            pending.get(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the next hash waits again
        } catch (Exception e) {
            LOG.info("Argon2 compiler directive not in place after {} ms; hashing without waiting for it", MAX_WAIT_MILLIS);
        }
        settled = true;
    }

    /** @return whether the directive was added; never throws */
    static boolean install() {
        Path file = null;
        try {
            file = Files.createTempFile("portcullis-argon2", ".json");
            Files.writeString(file, DIRECTIVE, StandardCharsets.UTF_8);
            Object answer = diagnosticCommand("compilerDirectivesAdd", file.toString());
            boolean added = String.valueOf(answer).contains("added");
            if (added) LOG.debug("Argon2 compiler directive added");
            else LOG.info("Argon2 compiler directive refused by the JVM: {}", String.valueOf(answer).strip());
            return added;
        } catch (Exception | LinkageError e) {
            LOG.info("Argon2 compiler directive not installed ({}); hashes may run up to a sixth slower in some processes", e.toString());
            return false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (Exception e) {
                    LOG.debug("could not delete {}: {}", file, e.toString());
                }
            }
        }
    }

    /** What the JVM's directive stack holds now, as {@code jcmd PID Compiler.directives_print} prints it; for tests. */
    static String printedDirectives() throws Exception {
        return String.valueOf(diagnosticCommand("compilerDirectivesPrint"));
    }

    /** Runs one of jcmd's commands in this JVM, by its MBean operation's name. */
    private static Object diagnosticCommand(String operation, String... arguments) throws Exception {
        return ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                new Object[] {arguments}, new String[] {String[].class.getName()});
    }
}
