package io.portcullis.bench;

import io.portcullis.password.PasswordHasher;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Sign-in latency over HTTP against the bare Argon2id check, taken in alternation: one sign-in on a
 * kept-alive connection, then one check of the same password with Portcullis's hasher in this JVM, and the
 * other way round in the next round. Both medians then come from the same minutes of the same machine, whose
 * speed was seen to move by a third from one phase of a benchmark to the next; and each side's hash follows
 * the other side's as often as its own (a hash right after the other process's was seen to take a fifth
 * longer: the 19 MiB of blocks leave the caches).
 *
 * <p>The connection is a plain socket speaking HTTP/1.1, as wrk's is: java.net.http's client was measured
 * adding about 1.4 ms to each request (its selector thread), which is the client's time, not the sign-in's.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.portcullis.bench.SignInVersusHash URL ORIGIN EMAIL PASSWORD
 * WARM-UP-ROUNDS ROUNDS ROUNDS-FILE}. Prints "sign-in-median-ms hash-median-ms"; the file gets one line per
 * measured round ("sign-in-ms hash-ms"). Exits with 1 unless every sign-in answered 200.
 */
public final class SignInVersusHash {
    private SignInVersusHash() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 7) {
            System.err.println("usage: SignInVersusHash URL ORIGIN EMAIL PASSWORD WARM-UP-ROUNDS ROUNDS ROUNDS-FILE");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        String password = args[3];
        int warmUp = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        byte[] body = ("{\"email\":\"" + args[2] + "\",\"password\":\"" + password + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\nOrigin: " + args[1]
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);

        PasswordHasher hasher = new PasswordHasher();
        String hash = hasher.hash(password);
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setTcpNoDelay(true);
            Round round = new Round(socket, request, hasher, password, hash);
            for (int i = 0; i < warmUp; i++) round.run(i % 2 == 0); // both JIT compilers: the server's and ours
            double[] signIns = new double[rounds];
            double[] hashes = new double[rounds];
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[6])))) {
                for (int i = 0; i < rounds; i++) {
                    round.run(i % 2 == 0);
                    signIns[i] = round.signInMs;
                    hashes[i] = round.hashMs;
                    out.printf(Locale.ROOT, "%.3f %.3f%n", signIns[i], hashes[i]);
                }
            }
            System.out.printf(Locale.ROOT, "%.3f %.3f%n", median(signIns), median(hashes));
        }
    }

    /** One sign-in and one bare check, in the order given; keeps both durations. */
    private static final class Round {
        private final OutputStream out;
        private final InputStream in;
        private final byte[] request;
        private final PasswordHasher hasher;
        private final String password;
        private final String hash;
        double signInMs;
        double hashMs;

        Round(Socket socket, byte[] request, PasswordHasher hasher, String password, String hash) throws IOException {
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream());
            this.request = request;
            this.hasher = hasher;
            this.password = password;
            this.hash = hash;
        }

        void run(boolean signInFirst) throws IOException {
            if (signInFirst) {
                signIn();
                check();
            } else {
                check();
                signIn();
            }
        }

        private void signIn() throws IOException {
            long start = System.nanoTime();
            out.write(request);
            out.flush();
            String status = readResponse();
            signInMs = (System.nanoTime() - start) / 1e6;
            if (!status.startsWith("HTTP/1.1 200 ")) {
                System.err.println("sign-in answered " + status);
                System.exit(1);
            }
        }

        /** Reads one response (Portcullis always sends Content-Length); returns its status line. */
        private String readResponse() throws IOException {
            String status = line();
            int length = -1;
            for (String header = line(); !header.isEmpty(); header = line()) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) length = Integer.parseInt(header.substring(15).trim());
            }
            if (length < 0) throw new IOException("no Content-Length in the answer " + status);
            if (in.readNBytes(length).length != length) throw new IOException("connection closed mid-answer");
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) throw new IOException("connection closed");
                if (c != '\r') line.append((char) c);
            }
            return line.toString();
        }

        private void check() {
            long start = System.nanoTime();
            boolean matches = hasher.verify(password, hash);
            hashMs = (System.nanoTime() - start) / 1e6;
            if (!matches) throw new IllegalStateException("the password does not match its own hash");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
