package io.portcullis.mail;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mail off the request thread: a bounded queue, one worker, and retries with doubling delays.
 * A request only enqueues, so neither a slow nor a broken mail server changes its answer or its
 * timing. Failures are logged (the message named, never its body) and counted.
 */
public final class MailOutbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);
    /** Messages waiting or being retried at most; beyond it new ones are dropped (and counted), never blocking a request. */
    public static final int CAPACITY = 1000;
    public static final int MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_FIRST_RETRY = Duration.ofSeconds(2);

    private final MailTransport transport;
    private final Duration firstRetry;
    private final Semaphore room = new Semaphore(CAPACITY);
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "portcullis-mail");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** @param firstRetry the wait before the second attempt; each further wait doubles (2s: 2, 4, 8, 16 s) */
    public MailOutbox(MailTransport transport, Duration firstRetry) {
        this.transport = transport;
        this.firstRetry = firstRetry;
    }

    /** Queues the message and returns at once. @return false when the queue was full and the message dropped */
    public boolean enqueue(MailMessage message) {
        if (!room.tryAcquire()) {
            dropped.incrementAndGet();
            LOG.error("mail queue full ({} messages): {} dropped", CAPACITY, message);
            return false;
        }
        worker.execute(() -> attempt(message, 1));
        return true;
    }

    /**
     * Queues a message that is composed on the mail thread, together with whatever its composition
     * writes (a link's single-use token). A request that mails someone then does no more work than one
     * that does not, so neither its answer nor its timing tells whether the address has an account.
     * A composition that fails is logged and counted, not retried: the requester may ask again.
     *
     * @param what names the message in logs, without secrets
     * @return false when the queue was full and nothing was done
     */
    public boolean enqueue(String what, Supplier<MailMessage> compose) {
        if (!room.tryAcquire()) {
            dropped.incrementAndGet();
            LOG.error("mail queue full ({} messages): {} dropped", CAPACITY, what);
            return false;
        }
        worker.execute(() -> {
            MailMessage message;
            try {
                message = compose.get();
            } catch (RuntimeException e) {
                LOG.error("{} not composed, so not sent: {}", what, e.getMessage());
                giveUp();
                return;
            }
            attempt(message, 1);
        });
        return true;
    }

    private void attempt(MailMessage message, int attempt) {
        try {
            transport.send(message);
            sent.incrementAndGet();
            room.release();
        } catch (RuntimeException e) {
            if (attempt >= MAX_ATTEMPTS) {
                LOG.error("{} not delivered after {} attempts: {}", message, attempt, e.getMessage());
                giveUp();
                return;
            }
            long delay = firstRetry.toMillis() << (attempt - 1);
            LOG.warn("{} attempt {} of {} failed, next in {} ms: {}", message, attempt, MAX_ATTEMPTS, delay, e.getMessage());
            worker.schedule(() -> attempt(message, attempt + 1), delay, TimeUnit.MILLISECONDS);
        }
    }

    // Logged before counted: whoever sees the count (a metric, a test) finds the reason already in the log.
    private void giveUp() {
        room.release();
        failed.incrementAndGet();
    }

    /** Messages handed over to the transport. */
    public long sent() { return sent.get(); }

    /** Messages given up after {@link #MAX_ATTEMPTS} attempts, or not composed. */
    public long failed() { return failed.get(); }

    /** Messages refused because the queue was full. */
    public long dropped() { return dropped.get(); }

    /** Messages queued or waiting for a retry: not yet sent, failed or dropped. */
    public int pending() { return CAPACITY - room.availablePermits(); }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
